/**
 * A vitest reporter that names the test files still running after a while,
 * and the test each one is in. The default reporter prints a file only when
 * it ends, so a file stuck for good (a synchronous wait in a test worker)
 * would leave no trace of itself in the log; with this reporter the log says
 * which file, which test, and for how long. It prints nothing while every
 * file finishes within `SLOW_MS`.
 *
 * With CSP_VITEST_STATE set (scripts/test-unit.mjs sets it), it also keeps
 * that file up to date: every file of the run, those done, those failed, and
 * those running with their start time and current test, so the runner can
 * stop a stuck file and run the rest again.
 */
import { renameSync, writeFileSync } from 'node:fs';

const SLOW_MS = 120_000;
const EVERY_MS = 60_000;

export default class WatchReporter {
  stateFile = process.env.CSP_VITEST_STATE || undefined;
  files = [];
  done = [];
  failed = [];
  /** moduleId -> { started, test, name } */
  running = new Map();
  timer = undefined;

  onTestRunStart(specifications) {
    this.files = specifications.map((s) => s.moduleId);
    this.save();
    this.timer = setInterval(() => this.report(), EVERY_MS);
    this.timer.unref();
  }

  onTestModuleStart(module) {
    this.running.set(module.moduleId, { started: Date.now(), test: undefined, name: module.relativeModuleId });
    this.save();
  }

  onTestCaseReady(test) {
    const entry = this.running.get(test.module.moduleId);
    if (entry) entry.test = test.fullName;
  }

  onTestModuleEnd(module) {
    this.running.delete(module.moduleId);
    this.done.push(module.moduleId);
    if (module.state() === 'failed') this.failed.push(module.moduleId);
    this.save();
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

  save() {
    if (this.stateFile === undefined) return;
    const running = Object.fromEntries(this.running);
    const state = { files: this.files, done: this.done, failed: this.failed, running };
    writeFileSync(`${this.stateFile}.tmp`, JSON.stringify(state));
    // a reader never sees half a file
    renameSync(`${this.stateFile}.tmp`, this.stateFile);
  }
}
