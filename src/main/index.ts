/** Electron main entry (built to out/main/index.js). Everything Electron-specific lives in ./electron. */
import { startDesktop } from './electron/app';

startDesktop();
