/**
 * `csp check`'s progress line: on stderr when it is a terminal (a real pseudo-terminal through
 * util-linux `script`), never in a pipe or with --json, and what it says. And Ctrl-C typed at
 * that terminal stops a one-thread check at once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { butlerScript } from '../../../../bench/checker/models';
import { progressText } from './check';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const csp = join(root, 'bin', 'csp.mjs');
const SCRIPT = '/usr/bin/script';

/**
 * Butler philosophers: N=6 is 117,952 states; N=7 (869,248 states) takes well over the 250 ms
 * between progress lines even on a fast, quiet machine, so a line must be shown.
 */
function butler(n: 6 | 7): string {
  const file = join(mkdtempSync(join(tmpdir(), 'csp-progress-')), `butler${n}.csp`);
  writeFileSync(file, butlerScript(n));
  return file;
}

/** Runs csp with stdout and stderr on a pseudo-terminal; returns everything the terminal got. */
function onTerminal(args: string[]): { status: number | null; screen: string } {
  // A wide terminal: the progress line is cut to the terminal's width, and script(1)'s default is 80.
  const command = `stty cols 200 2>/dev/null; exec ${[process.execPath, csp, ...args].map((a) => `'${a}'`).join(' ')}`;
  const r = spawnSync(SCRIPT, ['-qefc', command, '/dev/null'], { encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, screen: r.stdout };
}

describe('csp check progress line', () => {
  it('says states, rate, level, queue, memory and time', () => {
    const p = { states: 1_234_567, transitions: 9, statesPerSecond: 210_345.4, queue: 81_920, seconds: 6.2, depth: 42 };
    expect(progressText(1, p, 1.5 * 2 ** 30)).toBe(
      'assertion 1: 1,234,567 states · 210,345/s · level 42 · queue 81,920 · 1.5 GB · 6 s',
    );
    const { depth: _d, ...noDepth } = p;
    expect(progressText(3, noDepth, 80 * 2 ** 20)).toBe(
      'assertion 3: 1,234,567 states · 210,345/s · queue 81,920 · 80 MB · 6 s',
    );
  });

  it.runIf(existsSync(SCRIPT))(
    'shows on a terminal, one and two threads, and is cleared before the verdict',
    () => {
      const file = butler(7);
      for (const workers of ['1', '2']) {
        const r = onTerminal(['check', '--workers', workers, file]);
        expect(r.status).toBe(0);
        const lines = r.screen.split('\r');
        const shown = lines.filter((l) => l.startsWith('assertion 1: '));
        expect(shown.length).toBeGreaterThan(0);
        expect(shown[0]).toMatch(/^assertion 1: [\d,]+ states · [\d,]+\/s · level \d+ · queue [\d,]+ · \d+ MB · \d+ s/);
        // the line is erased, then the verdict is printed on a clean line
        const verdict = r.screen.indexOf('1. BSYSTEM :[deadlock free [F]]: passed (869,248 states');
        expect(verdict).toBeGreaterThan(0);
        expect(r.screen.slice(verdict - 4, verdict)).toBe('\r\u001b[K');
      }
    },
    300_000,
  );

  it.runIf(existsSync(SCRIPT))(
    'stays quiet with --json on a terminal, and in a pipe',
    () => {
      const file = butler(6);
      const json = onTerminal(['check', '--json', file]);
      expect(json.status).toBe(0);
      expect(json.screen).not.toContain('assertion 1: ');
      expect(JSON.parse(json.screen.replace(/\r/g, '')).assertions[0].states).toBe(117952);
      const piped = spawnSync(process.execPath, [csp, 'check', file], { encoding: 'utf8', timeout: 180_000 });
      expect(piped.status).toBe(0);
      expect(piped.stderr).toBe('');
      expect(piped.stdout).toMatch(/^1\. BSYSTEM :\[deadlock free \[F\]\]: passed \(117,952 states/);
    },
    120_000,
  );

  it.runIf(existsSync(SCRIPT))(
    'Ctrl-C at the terminal stops a one-thread check at once and says how far it got',
    async () => {
      // Butler N=8 (6.3M states) runs for seconds: a Ctrl-C that waits for the search ends it 'passed'.
      const file = join(mkdtempSync(join(tmpdir(), 'csp-progress-')), 'butler8.csp');
      writeFileSync(file, butlerScript(8));
      // `exec`: csp alone is in the terminal's foreground group. script(1) runs the command with
      // $SHELL; a dash that waits for csp dies of the Ctrl-C itself (status 130), as CI's did.
      const command = `stty cols 200 2>/dev/null; exec '${process.execPath}' '${csp}' check '${file}'`;
      const child = spawn(SCRIPT, ['-qefc', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      try {
        await until(() => screen.includes('assertion 1: '), 120_000, 'no progress line was shown');
        child.stdin.write('\u0003'); // Ctrl-C, as typed: the terminal sends SIGINT to csp
        await until(() => child.exitCode !== null, 30_000, `csp went on after Ctrl-C:\n${screen}`);
        expect(await exited).toBe(2);
        expect(screen).toMatch(/CSP4003: check cancelled; [\d,]+ states/);
        expect(screen).not.toContain('passed (6,332,160 states');
      } finally {
        child.kill('SIGKILL');
      }
    },
    200_000,
  );
});

/** Waits until `ready()` holds, polling; fails with `why` after `ms`. */
async function until(ready: () => boolean, ms: number, why: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(why);
    await new Promise((r) => setTimeout(r, 50));
  }
}
