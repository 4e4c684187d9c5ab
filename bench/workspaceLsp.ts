// The workspace bench's LSP client (workspaceBench.ts): the real server started over stdio with
// one workspace folder, as VS Code starts it. It answers what the server asks an editor
// (`workspace/configuration` with `rmrb.workspace.enabled` as the bench wants it and an empty
// `files.exclude`, capability registrations, progress tokens, refreshes), and it records the
// server's `rmrb/workspaceStatus` notifications with the time each came, so the index's time is
// from `initialized` sent to the first `state: 'ready'`. Every wait has a deadline and says what
// did not come; every server started is killed when the bench ends, however it ends.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { CLIENT_CAPABILITIES, SERVER_MAIN, serverErrors, sleep, TIMEOUT_MS } from './lsp';

/** What the server says of its index. */
export interface WorkspaceStatus {
  state: 'indexing' | 'ready' | 'off' | string;
  files?: number;
  indexed?: number;
  errors?: number;
  warnings?: number;
}

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

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class WorkspaceServer {
  readonly statuses: Array<WorkspaceStatus & { at: number }> = [];
  /** performance.now() of the spawn, of `initialized` sent, of the first `ready`. */
  spawnedAt = 0;
  initializedAt = 0;
  readyAt: number | undefined;
  capabilities: InitializeResult['capabilities'] = {};
  /** The inspector's WebSocket address, when the server was started with --inspect. */
  inspectorUrl: string | undefined;
  /** How many times the server asked for a pull of all diagnostics again (workspace/diagnostic/refresh). */
  refreshes = 0;

  private readonly child: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly exited: Promise<void>;
  private exitInfo: string | undefined;
  private readonly pending = new Set<(e: Error) => void>();
  private readonly statusWaiters: Array<{ test: (s: WorkspaceStatus) => boolean; resolve: (s: WorkspaceStatus) => void }> = [];
  private readonly label: string;

  private constructor(
    readonly folder: string,
    readonly indexEnabled: boolean,
    nodeArgs: string[],
  ) {
    this.label = `real server (index ${indexEnabled ? 'on' : 'off'})`;
    const main = SERVER_MAIN.real;
    if (!existsSync(main)) throw new Error(`${main} is missing: run the bench with \`npm run bench\`, which builds it`);
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...nodeArgs, main, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(this.child);
    // The server's stderr goes on to ours, but for the inspector's address (with --inspect).
    let stderr = '';
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      let nl: number;
      while ((nl = stderr.indexOf('\n')) !== -1) {
        const line = stderr.slice(0, nl);
        stderr = stderr.slice(nl + 1);
        const url = /^Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
        if (url) this.inspectorUrl = url;
        else if (!/^(For help, see: https:\/\/nodejs.org|Debugger attached\.|Debugger ending on )/.test(line) && line.trim()) process.stderr.write(`[${this.label}] ${line}\n`);
      }
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        running.delete(this.child);
        this.exitInfo = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        for (const reject of this.pending) reject(new Error(`the ${this.label} ${this.exitInfo}`));
        resolve();
      }),
    );
    this.child.stdin!.on('error', () => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('rmrb/workspaceStatus', (s: WorkspaceStatus) => {
      const at = performance.now();
      this.statuses.push({ ...s, at });
      if (s.state === 'ready' && this.readyAt === undefined) this.readyAt = at;
      for (let i = this.statusWaiters.length - 1; i >= 0; i--) {
        if (this.statusWaiters[i].test(s)) this.statusWaiters.splice(i, 1)[0].resolve(s);
      }
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) {
        serverErrors.push(`${this.label}: ${p.message}`);
        console.error(`[${this.label} logged an error] ${p.message}`);
      }
    });
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', () => undefined);
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    this.connection.onRequest('workspace/workspaceFolders', () => [this.folderEntry()]);
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string; scopeUri?: string }> }) =>
      p.items.map(({ section }) => this.setting(section)),
    );
    this.connection.listen();
  }

  /** The settings an editor would give, by section: the index on or off, nothing excluded. */
  private setting(section: string | undefined): unknown {
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
  static async start(folder: string, indexEnabled: boolean, nodeArgs: string[] = []): Promise<WorkspaceServer> {
    const server = new WorkspaceServer(folder, indexEnabled, nodeArgs);
    try {
      const entry = server.folderEntry();
      const result = await server.guard(
        server.connection.sendRequest<InitializeResult>('initialize', {
          processId: process.pid,
          rootUri: entry.uri,
          rootPath: folder,
          workspaceFolders: [entry],
          capabilities: WORKSPACE_CAPABILITIES,
          initializationOptions: { settings: { workspace: { enabled: indexEnabled } } },
        }),
        'initialize',
      );
      server.capabilities = result.capabilities;
      server.initializedAt = performance.now();
      await server.connection.sendNotification('initialized', {});
      return server;
    } catch (e) {
      server.kill();
      throw e;
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last status the server sent, if any. */
  get status(): (WorkspaceStatus & { at: number }) | undefined {
    return this.statuses[this.statuses.length - 1];
  }

  /** `promise`, or a clear error if it does not come in time or the server dies first. */
  guard<T>(promise: Promise<T>, what: string, ms = TIMEOUT_MS, onTimeout?: () => void): Promise<T> {
    if (this.exitInfo) return Promise.reject(new Error(`the ${this.label} ${this.exitInfo} before ${what}`));
    const guarded = new Promise<T>((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(new Error(`${e.message}, while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        onTimeout?.();
        fail(new Error(`no answer from the ${this.label} within ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`));
      }, ms);
      this.pending.add(fail);
      promise.then(
        (v) => {
          clearTimeout(timer);
          this.pending.delete(fail);
          resolve(v);
        },
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          void Promise.race([this.exited, sleep(500)]).then(() =>
            fail(new Error(this.exitInfo ? `the ${this.label} ${this.exitInfo} (${message})` : `the ${this.label} answered with an error: ${message}`)),
          );
        },
      );
    });
    guarded.catch(() => undefined);
    return guarded;
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
        : 'the server sent no rmrb/workspaceStatus at all: does this build have the workspace index (git merge main)?';
      throw new Error(`${e.message}; ${seenText}`);
    });
  }

  /** The first `state: 'ready'`, within READY_TIMEOUT_MS of now. */
  ready(): Promise<WorkspaceStatus> {
    return this.waitStatus((s) => s.state === 'ready', `rmrb/workspaceStatus { state: 'ready' } (the workspace index of ${this.folder})`, READY_TIMEOUT_MS);
  }

  notify(method: string, params: unknown): void {
    this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** A request, timed from sending it to having its answer parsed. */
  async request<T>(method: string, params: unknown, ms = TIMEOUT_MS): Promise<{ ms: number; result: T; at: number }> {
    const cancel = new CancellationTokenSource();
    const t = performance.now();
    const result = await this.guard(this.connection.sendRequest<T>(method, params, cancel.token), method, ms, () => cancel.cancel());
    const at = performance.now();
    cancel.dispose();
    return { ms: at - t, result, at };
  }

  /** The resident set size in bytes, from /proc. */
  rss(): number {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))![1]) * 1024;
    } catch {
      return NaN;
    }
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

  async shutdown(): Promise<void> {
    if (!this.exitInfo) {
      try {
        await this.guard(this.connection.sendRequest('shutdown'), 'the answer to shutdown', 15_000);
        await this.connection.sendNotification('exit');
        const gone = await Promise.race([this.exited.then(() => true), sleep(5_000).then(() => false)]);
        if (!gone) throw new Error(`the ${this.label} did not exit within 5 s of the exit notification`);
      } catch (e) {
        console.error(`${e instanceof Error ? e.message : String(e)}; killing it`);
        this.kill();
      }
    }
    await this.exited;
    this.connection.dispose();
  }

  kill(): void {
    if (!this.exitInfo) this.child.kill('SIGKILL');
  }

  async killed(): Promise<void> {
    this.kill();
    await this.exited;
    this.connection.dispose();
  }
}
