#!/usr/bin/env node
/**
 * The Chromium the e2e tests drive. `node scripts/chromium.mjs` (the first step
 * of the e2e phase of `npm test`, and of `npm run test:e2e`) makes sure there is
 * one and prints its path:
 *  - `CSP_CHROMIUM`, when set, is used as given (and must exist);
 *  - else Debian's /usr/bin/chromium;
 *  - when that is missing on Debian, it installs the `chromium` package with
 *    apt-get (as root, or through sudo when sudo needs no password), running
 *    `apt-get update` first when the package lists do not offer it;
 *  - anywhere else it prints the one command to run and exits 1.
 * Playwright's own browser download is never used: it cannot reach its servers here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The browser the tests will use, without installing anything. */
export function chromiumPath() {
  return process.env.CSP_CHROMIUM || DEBIAN_CHROMIUM;
}

function run(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

/** How to run apt-get here: directly as root, through passwordless sudo, or not at all. */
function aptRunner() {
  if (!existsSync('/etc/debian_version') || !existsSync('/usr/bin/apt-get')) return undefined;
  if (process.getuid?.() === 0) return (args) => run('apt-get', args);
  if (existsSync('/usr/bin/sudo') && run('sudo', ['-n', 'true']).ok)
    return (args) => run('sudo', ['-n', 'apt-get', ...args]);
  return undefined;
}

/** The one command a person must run when this script cannot install Chromium itself. */
function manualInstructions() {
  if (existsSync('/etc/debian_version')) return `sudo apt-get update && sudo apt-get install -y chromium`;
  return 'install Chromium, then set CSP_CHROMIUM=/path/to/chromium';
}

/** Resolves to the browser's path; installs Debian's package when it is missing and that is possible. */
export function ensureChromium(log = (line) => process.stderr.write(`${line}\n`)) {
  if (process.env.CSP_CHROMIUM) {
    if (existsSync(process.env.CSP_CHROMIUM)) return process.env.CSP_CHROMIUM;
    throw new Error(
      `CSP_CHROMIUM is ${process.env.CSP_CHROMIUM}, which does not exist; point it at a Chromium binary or unset it to use ${DEBIAN_CHROMIUM}`,
    );
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;

  const apt = aptRunner();
  if (!apt)
    throw new Error(
      `Chromium is needed for the e2e tests and was not found at ${DEBIAN_CHROMIUM}. Run: ${manualInstructions()}`,
    );
  log(
    `Chromium not found at ${DEBIAN_CHROMIUM}; installing Debian's chromium package with apt-get (once; about a minute)…`,
  );
  // Wait for another apt/dpkg run instead of failing on its lock.
  const install = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'chromium'];
  let result = apt(install);
  if (!result.ok) {
    // Empty or outdated package lists (a fresh machine) do not offer chromium: refresh them once.
    const update = apt(['-o', 'DPkg::Lock::Timeout=300', 'update']);
    if (!update.ok) throw new Error(`apt-get update failed:\n${tail(update.output)}`);
    result = apt(install);
  }
  if (!result.ok || !existsSync(DEBIAN_CHROMIUM)) {
    throw new Error(`apt-get install chromium failed:\n${tail(result.output)}\nRun: ${manualInstructions()}`);
  }
  log(`Installed ${DEBIAN_CHROMIUM}.`);
  return DEBIAN_CHROMIUM;
}

function tail(text, lines = 15) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
