/**
 * A vitest reporter that names the test files still running after a while,
 * and the test each one is in. The default reporter prints a file only when
 * it ends, so a file stuck for good (a synchronous wait in a test worker)
 * leaves no trace of itself in the log; with this reporter the log says which
 * file, which test, and for how long. It prints nothing while every file
 * finishes within `SLOW_MS`.
 */
const SLOW_MS = 120_000;
const EVERY_MS = 60_000;

export default class WatchReporter {
  /** moduleId -> { started, test } */
  running = new Map();
  timer = undefined;

  onTestRunStart() {
    this.timer = setInterval(() => this.report(), EVERY_MS);
    this.timer.unref();
  }

  onTestModuleStart(module) {
    this.running.set(module.moduleId, { started: Date.now(), test: undefined, name: module.relativeModuleId });
  }

  onTestCaseReady(test) {
    const entry = this.running.get(test.module.moduleId);
    if (entry) entry.test = test.fullName;
  }

  onTestModuleEnd(module) {
    this.running.delete(module.moduleId);
  }

  onTestRunEnd() {
    clearInterval(this.timer);
  }

  report() {
    const now = Date.now();
    for (const { started, test, name } of this.running.values()) {
      const ms = now - started;
      if (ms < SLOW_MS) continue;
      const where = test === undefined ? 'before its first test' : `in "${test}"`;
      process.stderr.write(`⏳ vitest: ${name} still running after ${Math.round(ms / 1000)} s, ${where}\n`);
    }
  }
}
