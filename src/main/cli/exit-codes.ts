/** Exit status of every `csp` command (docs/architecture.md#the-csp-command-line). */
export const EXIT_OK = 0;
/** The answer is "no": a failed check, an invalid file. */
export const EXIT_NO = 1;
/** Bad usage or a broken input file. */
export const EXIT_USAGE = 2;
