// Watching the VS Code server's extension hosts through the lines it prints. A dead extension
// host reads as a pass in the workbench (it still calls codeAutomationExit(0)): the server's own
// line `Extension Host Process exited with code: X, signal: Y` is what tells.

const LAUNCHED = /Launched Extension Host Process\./;
const EXITED = /Extension Host Process exited with code: (\S+?), signal: (\S+?)\./;

export interface ExtensionHostExit {
  code: string;
  signal: string;
  /** Code 0 and no signal: ended by the workbench, not by a crash, a kill or a process.exit. */
  clean: boolean;
  /** The server's line, for messages. */
  line: string;
}

export class ExtensionHostWatch {
  private launched = 0;
  private readonly exitList: ExtensionHostExit[] = [];
  private readonly listeners: ((exit: ExtensionHostExit) => void)[] = [];
  private readonly waiters: (() => void)[] = [];

  /** Feeds one line the server printed. */
  onServerLine(line: string): void {
    if (LAUNCHED.test(line)) this.launched++;
    const match = EXITED.exec(line);
    if (!match) return;
    const exit = { code: match[1], signal: match[2], clean: match[1] === '0' && match[2] === 'null', line: line.trim() };
    this.exitList.push(exit);
    for (const listener of this.listeners) listener(exit);
    if (this.running() === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  /** Every exit reported so far. */
  get exits(): readonly ExtensionHostExit[] {
    return this.exitList;
  }

  /** The exits that were not clean: crashes, kills, a process.exit with a non-zero code. */
  get deaths(): ExtensionHostExit[] {
    return this.exitList.filter((exit) => !exit.clean);
  }

  /** Extension hosts launched and not yet reported as exited. */
  running(): number {
    return Math.max(0, this.launched - this.exitList.length);
  }

  /** Resolves once every extension host launched so far has been reported as exited. */
  allExited(): Promise<void> {
    if (this.running() === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Calls `listener` with each exit reported from now on. */
  onExit(listener: (exit: ExtensionHostExit) => void): void {
    this.listeners.push(listener);
  }
}
