// Process cleanup: whatever a run starts (the VS Code server's process group, npm, the browser)
// ends on success, failure, Ctrl+C, SIGTERM, SIGHUP and uncaught errors alike, and even when this
// process is SIGKILLed (a detached watchdog ends the server's group then).
import { spawn } from 'node:child_process';
import { errorText } from './text';

type CleanupStep = () => Promise<void> | void;
const cleanupSteps: CleanupStep[] = [];
/** Process groups to kill synchronously if the process exits before the async cleanup ran. */
const liveGroups = new Set<number>();
let cleanupPromise: Promise<void> | undefined;
let handlersInstalled = false;

/** Registers a cleanup step; steps run once, last registered first. */
export function onCleanup(step: CleanupStep): void {
  cleanupSteps.push(step);
}

/** Runs the registered cleanup steps (once; later calls wait for the first). */
export function cleanup(): Promise<void> {
  cleanupPromise ??= (async () => {
    while (cleanupSteps.length > 0) {
      const step = cleanupSteps.pop()!;
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${errorText(error)}`);
      }
    }
  })();
  return cleanupPromise;
}

/** Why the program ended before its run finished. */
export type EarlyEnd =
  | { kind: 'signal'; signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' }
  | { kind: 'uncaught'; error: unknown };

export function describeEarlyEnd(end: EarlyEnd): string {
  if (end.kind === 'uncaught') return `uncaught error: ${errorText(end.error)}`;
  return { SIGINT: 'interrupted (SIGINT)', SIGTERM: 'terminated (SIGTERM)', SIGHUP: 'hung up (SIGHUP)' }[end.signal];
}

export interface EndHandlers {
  /** Called first when the program is about to end early (before cleanup). */
  before?: (end: EarlyEnd) => void;
  /** Called after cleanup, right before exiting: print the final report here. */
  after?: (end: EarlyEnd, exitCode: number) => void;
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Ends the program on SIGINT, SIGTERM, SIGHUP and uncaught errors, after cleaning up. */
export function installCleanupHandlers(handlers: EndHandlers = {}): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let endingSince = 0;
  const end = (reason: EarlyEnd, exitCode: number) => {
    if (endingSince > 0) {
      // Ctrl+C reaches this process more than once (from the terminal and relayed by npm and
      // tsx): only a later one means "stop waiting": kill what is left and exit.
      if (Date.now() - endingSince < 1500) return;
      killLiveGroupsNow();
      process.exit(exitCode);
    }
    endingSince = Date.now();
    try {
      handlers.before?.(reason);
    } catch {
      // keep ending
    }
    cleanup()
      .catch(() => {})
      .finally(() => {
        handlers.after?.(reason, exitCode);
        process.exit(exitCode);
      });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => end({ kind: 'signal', signal }, SIGNAL_EXIT_CODES[signal]));
  }
  process.on('uncaughtException', (error) => {
    console.error(`uncaught error: ${errorText(error, true)}`);
    end({ kind: 'uncaught', error }, 1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(`unhandled rejection: ${errorText(error, true)}`);
    end({ kind: 'uncaught', error }, 1);
  });
  process.on('exit', killLiveGroupsNow);
}

/** Records a process group (led by `pgid`) to be killed if this process exits before ending it. */
export function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

export function isTracked(pgid: number): boolean {
  return liveGroups.has(pgid);
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}

function killLiveGroupsNow(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A SIGKILL of this process (tsx kills a child that is slow to acknowledge Ctrl+C, for one) runs
 * no cleanup: a small detached watchdog ends the process group `pgid` when this process is gone,
 * and ends itself with the group.
 */
export function startWatchdog(pgid: number): void {
  const source = `
    const [parent, group] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
    let ending = false;
    setInterval(() => {
      if (!alive(-group)) process.exit(0);
      if (!alive(parent) && !ending) {
        ending = true;
        try { process.kill(-group, 'SIGTERM'); } catch {}
        setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 2000);
      }
    }, 1000);`;
  const watchdog = spawn(process.execPath, ['-e', source, String(process.pid), String(pgid)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}
