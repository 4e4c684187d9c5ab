// The workspace bench's LSP client (workspaceBench.ts): the real server started over stdio with
// one workspace folder, as VS Code starts it. It answers what the server asks an editor
// (`workspace/configuration` with `rmrb.workspace.enabled` as the bench wants it and an empty
// `files.exclude`, capability registrations, progress tokens, refreshes), and it records the
// server's `rmrb/workspaceStatus` notifications with the time each came, so the index's time is
// from `initialized` sent to the first `state: 'ready'`. Every wait has a deadline and says what
// did not come; every server started is killed when the bench ends, however it ends.

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { ClientCapabilities } from 'vscode-languageserver-protocol/node';
import type { WorkspaceStatus } from '../server/src/lsp/workspaceIndex';
import { BenchServer, CLIENT_CAPABILITIES, running, sleep } from './lsp';

/** What the server says of its index. */
export type { WorkspaceStatus } from '../server/src/lsp/workspaceIndex';
/** How long the index may take to be ready. BENCH_WS_READY_MS overrides it. */
export const READY_TIMEOUT_MS = Number(process.env.BENCH_WS_READY_MS) || 180_000;

/** VS Code's capabilities, as far as the workspace index looks at them. */
export const WORKSPACE_CAPABILITIES: ClientCapabilities = {
  ...CLIENT_CAPABILITIES,
  textDocument: {
    ...CLIENT_CAPABILITIES.textDocument,
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    completion: { completionItem: { snippetSupport: true } },
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    symbol: {},
  },
  window: { workDoneProgress: true },
};

/** BenchServer's real server, on one workspace folder, recording what it says of its index. */
export class WorkspaceServer extends BenchServer {
  readonly statuses: Array<WorkspaceStatus & { at: number }> = [];
  /** performance.now() of the first `ready`. */
  readyAt: number | undefined;
  /** The inspector's WebSocket address, when the server was started with --inspect. */
  inspectorUrl: string | undefined;
  /** How many times the server asked for a pull of all diagnostics again (workspace/diagnostic/refresh). */
  refreshes = 0;

  private readonly statusWaiters: Array<{ test: (s: WorkspaceStatus) => boolean; resolve: (s: WorkspaceStatus) => void }> = [];

  private constructor(
    readonly folder: string,
    readonly indexEnabled: boolean,
    nodeArgs: string[],
  ) {
    const label = `real server (index ${indexEnabled ? 'on' : 'off'})`;
    super('real', {
      nodeArgs,
      label,
      // Passed on, but for the inspector's address (with --inspect), which is kept.
      onStderrLine: (line) => {
        const url = /^Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
        if (url) this.inspectorUrl = url;
        else if (!/^(For help, see: https:\/\/nodejs.org|Debugger attached\.|Debugger ending on )/.test(line) && line.trim()) process.stderr.write(`[${label}] ${line}\n`);
      },
    });
    this.connection.onNotification('rmrb/workspaceStatus', (s: WorkspaceStatus) => {
      const at = performance.now();
      this.statuses.push({ ...s, at });
      if (s.state === 'ready' && this.readyAt === undefined) this.readyAt = at;
      for (let i = this.statusWaiters.length - 1; i >= 0; i--) {
        if (this.statusWaiters[i].test(s)) this.statusWaiters.splice(i, 1)[0].resolve(s);
      }
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    this.connection.onRequest('workspace/workspaceFolders', () => [this.folderEntry()]);
  }

  /** The settings an editor would give, by section: the index on or off, nothing excluded. */
  protected override setting(section: string | undefined): unknown {
    const rmrb = { workspace: { enabled: this.indexEnabled } };
    switch (section) {
      case 'rmrb':
        return rmrb;
      case 'rmrb.workspace':
        return rmrb.workspace;
      case 'rmrb.workspace.enabled':
        return this.indexEnabled;
      case 'files.exclude':
      case 'search.exclude':
        return {};
      case 'files':
        return { exclude: {} };
      default:
        return null;
    }
  }

  private folderEntry() {
    return { uri: pathToFileURL(this.folder).href, name: path.basename(this.folder) };
  }

  /** Spawns the server on `folder` and initializes it; `initialized` is sent and timed, nothing awaited after it. */
  static async startOn(folder: string, indexEnabled: boolean, nodeArgs: string[] = []): Promise<WorkspaceServer> {
    const server = new WorkspaceServer(folder, indexEnabled, nodeArgs);
    const entry = server.folderEntry();
    await server.initialize({
      rootUri: entry.uri,
      rootPath: folder,
      workspaceFolders: [entry],
      capabilities: WORKSPACE_CAPABILITIES,
      initializationOptions: { settings: { workspace: { enabled: indexEnabled } } },
    });
    return server;
  }

  /** The last status the server sent, if any. */
  get status(): (WorkspaceStatus & { at: number }) | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  /** The first status (already come or to come) that passes `test`, within `ms`; the error says what came instead. */
  waitStatus(test: (s: WorkspaceStatus) => boolean, what: string, ms: number): Promise<WorkspaceStatus> {
    const seen = this.statuses.find(test);
    if (seen) return Promise.resolve(seen);
    let entry!: { test: (s: WorkspaceStatus) => boolean; resolve: (s: WorkspaceStatus) => void };
    const arrived = new Promise<WorkspaceStatus>((resolve) => (entry = { test, resolve }));
    this.statusWaiters.push(entry);
    const forget = () => {
      const i = this.statusWaiters.indexOf(entry);
      if (i >= 0) this.statusWaiters.splice(i, 1);
    };
    return this.guard(arrived, what, ms, forget).catch((e: Error) => {
      const last = this.status;
      const seenText = last
        ? `the last rmrb/workspaceStatus was ${JSON.stringify({ ...last, at: undefined })}, ${((performance.now() - last.at) / 1000).toFixed(1)} s before`
        : 'the server sent no rmrb/workspaceStatus at all: does this build have the workspace index?';
      throw new Error(`${e.message}; ${seenText}`);
    });
  }

  /** The first `state: 'ready'`, within READY_TIMEOUT_MS of now. */
  ready(): Promise<WorkspaceStatus> {
    return this.waitStatus((s) => s.state === 'ready', `rmrb/workspaceStatus { state: 'ready' } (the workspace index of ${this.folder})`, READY_TIMEOUT_MS);
  }

  /**
   * The server's heap after a full collection, through its inspector (start it with
   * `--inspect=127.0.0.1:0`): a helper process (Node's WebSocket, --experimental-websocket)
   * asks for a collection, then for process.memoryUsage(). Undefined when it cannot be had.
   */
  async heap(): Promise<{ heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; rss: number } | undefined> {
    if (!this.inspectorUrl) return undefined;
    const script = `
      const ws = new WebSocket(process.argv[1]);
      let id = 0;
      const send = (method, params) => new Promise((resolve, reject) => {
        const mine = ++id;
        const on = (e) => {
          const m = JSON.parse(e.data);
          if (m.id !== mine) return;
          ws.removeEventListener('message', on);
          if (m.error) reject(new Error(m.error.message)); else resolve(m.result);
        };
        ws.addEventListener('message', on);
        ws.send(JSON.stringify({ id: mine, method, params }));
      });
      ws.onerror = () => { console.error('cannot reach the inspector'); process.exit(2); };
      ws.onopen = async () => {
        try {
          await send('HeapProfiler.collectGarbage');
          const r = await send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
          process.stdout.write(r.result.value);
          ws.close();
          process.exit(0);
        } catch (e) { console.error(String(e)); process.exit(3); }
      };`;
    const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '-e', script, this.inspectorUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await Promise.race([
      new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c))),
      sleep(30_000).then(() => 'timeout' as const),
    ]);
    running.delete(child);
    if (code !== 0) {
      child.kill('SIGKILL');
      console.error(`the heap of the ${this.label} could not be read: ${code === 'timeout' ? 'no answer within 30 s' : `exit ${code}`} ${err.trim()}`);
      return undefined;
    }
    try {
      return JSON.parse(out);
    } catch {
      return undefined;
    }
  }

}
