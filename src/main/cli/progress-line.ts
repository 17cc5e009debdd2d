/** One self-overwriting status line on stderr when it is a TTY; nothing elsewhere (pipes, CI logs). */
export class ProgressLine {
  private shown = false;
  constructor(private readonly enabled: boolean) {}
  show(text: string): void {
    if (!this.enabled) return;
    const width = process.stderr.columns > 10 ? process.stderr.columns - 1 : 79;
    process.stderr.write(`\r${text.slice(0, width).padEnd(width)}`);
    this.shown = true;
  }
  clear(): void {
    if (!this.shown) return;
    process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
