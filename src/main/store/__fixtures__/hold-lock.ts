/**
 * Child process for the lock tests: takes the host lock of argv[2], prints "locked <pid>"
 * and waits until killed (or exits after 30 s so a failed test cannot leave it behind).
 */
import { acquireHostLock } from '../lock';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-lock DATA_DIR');
try {
  acquireHostLock(dataDir);
  process.stdout.write(`locked ${process.pid}\n`);
} catch (error) {
  process.stdout.write(`refused ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
}
setTimeout(() => process.exit(0), 30_000);
