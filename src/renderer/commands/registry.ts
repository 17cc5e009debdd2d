/**
 * The command registry: components register the commands they own while they
 * are mounted; menus, the palette, the help overlay and the keyboard handler
 * read the live list. Framework-free (React binds to it in ./react.ts), so it
 * is unit-tested directly.
 *
 * Two registrations of one id: the later one wins while it is registered, and
 * the earlier one comes back when it goes (a dialog can override Escape).
 */
import type { Command } from './types';

type Listener = () => void;

interface Registration {
  readonly command: Command;
  readonly seq: number;
}

export class CommandRegistry {
  private registrations: Registration[] = [];
  private nextSeq = 0;
  /** First-seen position of each id, so re-registering (new closures) does not reorder menus. */
  private readonly firstSeen = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private snapshot: readonly Command[] = [];
  private errorHandler: (error: unknown, command: Command) => void = (error) => {
    console.error(error);
  };

  /** Adds commands; returns the function that removes exactly these registrations. */
  register(commands: readonly Command[]): () => void {
    const added = commands.map((command) => {
      if (!this.firstSeen.has(command.id)) this.firstSeen.set(command.id, this.firstSeen.size);
      return { command, seq: this.nextSeq++ };
    });
    this.registrations = [...this.registrations, ...added];
    this.changed();
    return () => {
      const gone = new Set(added);
      const before = this.registrations.length;
      this.registrations = this.registrations.filter((r) => !gone.has(r));
      if (this.registrations.length !== before) this.changed();
    };
  }

  /** The active command of each id, in first-registration order. Stable between changes. */
  list(): readonly Command[] {
    return this.snapshot;
  }

  get(id: string): Command | undefined {
    let found: Registration | undefined;
    for (const r of this.registrations) if (r.command.id === id && (!found || r.seq > found.seq)) found = r;
    return found?.command;
  }

  isEnabled(command: Command): boolean {
    try {
      return command.when?.() ?? true;
    } catch (error) {
      this.errorHandler(error, command);
      return false;
    }
  }

  /**
   * Runs a command by id if it exists and is enabled; returns whether it ran.
   * A failure (thrown or rejected) goes to the error handler, never unhandled.
   */
  run(id: string): boolean {
    const command = this.get(id);
    if (!command || !this.isEnabled(command)) return false;
    try {
      const result = command.run();
      if (result instanceof Promise) result.catch((error: unknown) => this.errorHandler(error, command));
    } catch (error) {
      this.errorHandler(error, command);
    }
    return true;
  }

  /** Where failures of commands go (the app shows them as a toast and in the host log). */
  onError(handler: (error: unknown, command: Command) => void): void {
    this.errorHandler = handler;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const latest = new Map<string, Registration>();
    for (const r of this.registrations) {
      const prev = latest.get(r.command.id);
      if (!prev || r.seq > prev.seq) latest.set(r.command.id, r);
    }
    this.snapshot = [...latest.values()]
      .sort((a, b) => (this.firstSeen.get(a.command.id) ?? 0) - (this.firstSeen.get(b.command.id) ?? 0))
      .map((r) => r.command);
    for (const listener of [...this.listeners]) listener();
  }
}

/** The studio's one registry. */
export const commandRegistry = new CommandRegistry();

/** Runs a command of the studio's registry by id (disabled or unknown: nothing happens). */
export function runCommand(id: string): void {
  commandRegistry.run(id);
}
