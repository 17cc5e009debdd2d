/**
 * A reader that goes away (`csp run --json | head`) makes every later write to
 * stdout or stderr fail with EPIPE. Node reports that as an unhandled stream
 * error, a stack trace on a stream nobody reads any more. The command ends
 * instead, quietly, with the status a shell reports for tools that SIGPIPE
 * ends (cat, grep, git): 128 + 13.
 */
export const EXIT_BROKEN_PIPE = 141;

export function exitQuietlyWhenReaderGoes(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
    throw error;
  });
}
