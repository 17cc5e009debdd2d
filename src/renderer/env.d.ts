/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** package.json version, defined at build time (electron.vite.config.ts). */
  readonly PACKAGE_VERSION?: string;
}
