/**
 * The failure recap `npm test` prints after its summary. CI keeps only the end
 * of a run's log, and the unit phase's own report is printed long before the
 * e2e phase ends; so a failed phase's telling lines (the failed tests, their
 * errors and expectations) are repeated last, where they are seen.
 */

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
const ANSI = /\u001b\[[0-9;]*m/g;

/** A line that names a failure: vitest's and Playwright's markers, errors, expectations. */
const TELLING = /(^|\s)(FAIL|✗|×|✘)\s|\b\w*Error\b|Expected|Received|[Tt]imed out|\bhung\b|\d+\) /;

const MAX_TELLING = 60;
const LAST_LINES = 12;

/** The lines to repeat for a failed phase, from its output chunks (Buffers or strings). */
export function recapLines(chunks) {
  const lines = chunks
    .map(String)
    .join('')
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trimEnd());
  const telling = [];
  for (const line of lines.slice(0, -LAST_LINES)) {
    if (TELLING.test(line) && telling.at(-1) !== line) telling.push(line);
  }
  const shown = telling.length > MAX_TELLING ? [...telling.slice(0, MAX_TELLING), '  …'] : telling;
  return [...shown, ...(shown.length > 0 ? ['  ⋮'] : []), ...lines.slice(-LAST_LINES).filter((l) => l !== '')];
}
