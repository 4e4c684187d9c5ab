// The bench's LSP client: it starts a server over stdio (the real one or the protocol floor),
// and every answer it awaits has a deadline, so a missing answer fails with a message that says
// which server did not answer what, instead of hanging the run. Servers are shut down cleanly,
// and any still running when the bench ends, however it ends, are killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './corpus';

/**
 * The servers the bench starts: ours, the protocol floor (vscode-jsonrpc's own message reader,
 * as any server built on vscode-languageserver has), the same floor reading with our stdio
 * reader (what the reader alone is worth), and VS Code's HTML language server.
 */
export type ServerKind = 'real' | 'floor' | 'floorOurReader' | 'html';

/** The servers' entry points. BENCH_SERVER names another build of the real one, e.g. another worktree's. */
export const SERVER_MAIN: Record<ServerKind, string> = {
  real: process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(ROOT, 'dist/server/serverMain.js'),
  floor: path.join(ROOT, 'dist/bench/floorServer.js'),
  floorOurReader: path.join(ROOT, 'dist/bench/floorServer.js'),
  html: path.join(ROOT, 'node_modules/vscode-langservers-extracted/lib/html-language-server/node/htmlServerMain.js'),
};

const SERVER_ARGS: Record<ServerKind, string[]> = { real: [], floor: [], floorOurReader: ['--our-reader'], html: [] };
const LABEL: Record<ServerKind, string> = { real: 'real server', floor: 'floor server', floorOurReader: 'floor server (our reader)', html: 'HTML server' };

/** How long to wait for any one answer. BENCH_TIMEOUT_MS overrides it. */
export const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS) || 60_000;

/** What the bench tells servers it can do: VS Code's code action support, among others. */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { rangeLimit: 5000 },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
      resolveSupport: { properties: ['edit'] },
      dataSupport: true,
    },
  },
};

// Every server started and not yet gone, so none outlives the bench.
export const running = new Set<ChildProcess>();
const killAll = () => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[signal]);
  });
}

/** Errors the servers logged (window/logMessage of type Error): a figure may be a fallback's. */
export const serverErrors: string[] = [];

/** How a server is started: the node options before its entry point, and its label in messages. */
export interface SpawnOptions {
  nodeArgs?: string[];
  label?: string;
  /** Each line the server writes to stderr (the default passes it on to the bench's stderr). */
  onStderrLine?: (line: string) => void;
}

export class BenchServer {
  readonly label: string;
  /** The server's capabilities, from its initialize answer. */
  capabilities: ServerCapabilities = {};
  /** The last diagnostics published for each document. */
  readonly published = new Map<string, PublishDiagnosticsParams>();

  /** performance.now() of the spawn, and of `initialized` sent. */
  readonly spawnedAt = performance.now();
  initializedAt = 0;

  protected readonly child: ChildProcess;
  protected readonly connection: ProtocolConnection;
  protected readonly exited: Promise<void>;
  protected exitInfo: string | undefined;
  private readonly waiters = new Map<string, Array<{ version?: number; resolve: (p: PublishDiagnosticsParams) => void }>>();
  private readonly pending = new Set<(e: Error) => void>();

  protected constructor(
    readonly kind: ServerKind,
    options: SpawnOptions = {},
  ) {
    this.label = options.label ?? LABEL[kind];
    const main = SERVER_MAIN[kind];
    if (!existsSync(main)) throw new Error(`${main} is missing: run the bench with \`npm run bench\`, which builds it (the HTML server comes with \`npm install\`)`);
    const { onStderrLine } = options;
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), main, '--stdio', ...SERVER_ARGS[kind]], { stdio: ['pipe', 'pipe', onStderrLine ? 'pipe' : 'inherit'] });
    running.add(this.child);
    if (onStderrLine) {
      let rest = '';
      this.child.stderr!.setEncoding('utf8');
      this.child.stderr!.on('data', (chunk: string) => {
        rest += chunk;
        let nl: number;
        while ((nl = rest.indexOf('\n')) !== -1) {
          onStderrLine(rest.slice(0, nl));
          rest = rest.slice(nl + 1);
        }
      });
    }
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        running.delete(this.child);
        this.exitInfo = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        for (const reject of this.pending) reject(new Error(`the ${this.label} ${this.exitInfo}`));
        resolve();
      }),
    );
    this.child.stdin!.on('error', () => undefined); // a write to a dead server: reported through 'exit'
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      const list = this.waiters.get(p.uri);
      // Diagnostics for an older version than the one awaited are stale: keep waiting.
      const i = list?.findIndex((w) => w.version === undefined || p.version === undefined || p.version >= w.version) ?? -1;
      if (i >= 0) list!.splice(i, 1)[0].resolve(p);
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) {
        serverErrors.push(`${this.label}: ${p.message}`);
        console.error(`[${this.label} logged an error] ${p.message}`);
      }
    });
    // Requests a server may send an editor: acknowledged, so none waits on the bench. (Any other
    // request is answered "method not found" by the connection itself.)
    for (const method of [
      'client/registerCapability',
      'client/unregisterCapability',
      'window/workDoneProgress/create',
      'window/showMessageRequest',
      'workspace/diagnostic/refresh',
      'workspace/codeLens/refresh',
      'workspace/semanticTokens/refresh',
      'workspace/inlayHint/refresh',
    ]) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(({ section }) => this.setting(section)));
  }

  /** What the bench answers workspace/configuration with, by section: nothing set. */
  protected setting(_section: string | undefined): unknown {
    return null;
  }

  static async start(kind: ServerKind, capabilities: ClientCapabilities = CLIENT_CAPABILITIES): Promise<BenchServer> {
    const server = new BenchServer(kind);
    await server.initialize({ rootUri: null, capabilities });
    return server;
  }

  /** Listens, then initialize with these parameters and `initialized`, timed; killed if it fails. */
  protected async initialize(params: Record<string, unknown>): Promise<void> {
    this.connection.listen();
    try {
      const result = await this.guard(this.connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, ...params }), 'initialize');
      this.capabilities = result.capabilities;
      this.initializedAt = performance.now();
      await this.connection.sendNotification('initialized', {});
    } catch (e) {
      this.kill();
      throw e;
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** `promise`, or a clear error if the answer does not come in time or the server dies first. */
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
        fail(new Error(`no answer from the ${this.label} within ${ms < 10_000 ? `${ms} ms` : `${(ms / 1000).toFixed(0)} s`} (BENCH_TIMEOUT_MS)`));
      }, ms);
      this.pending.add(fail);
      promise.then(
        (v) => {
          clearTimeout(timer);
          this.pending.delete(fail);
          resolve(v);
        },
        (e: unknown) => {
          // A closed connection is usually a dead server: say how it went, once the exit is known.
          const message = e instanceof Error ? e.message : String(e);
          void Promise.race([this.exited, sleep(500)]).then(() =>
            fail(new Error(this.exitInfo ? `the ${this.label} ${this.exitInfo} (${message})` : `the ${this.label} answered with an error: ${message}`)),
          );
        },
      );
    });
    // Whoever awaits it sees the failure; one left unawaited (its section already failed) must
    // not end the process as an unhandled rejection.
    guarded.catch(() => undefined);
    return guarded;
  }

  /** The next diagnostics published for `uri` (at `version` or later). Call it before sending what causes them. */
  expectDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    let entry!: { version?: number; resolve: (p: PublishDiagnosticsParams) => void };
    const arrived = new Promise<PublishDiagnosticsParams>((resolve) => (entry = { version, resolve }));
    const list = this.waiters.get(uri) ?? [];
    list.push(entry);
    this.waiters.set(uri, list);
    const forget = () => {
      const l = this.waiters.get(uri);
      const i = l?.indexOf(entry) ?? -1;
      if (i >= 0) l!.splice(i, 1);
    };
    return this.guard(arrived, `publishDiagnostics for ${short(uri)}${version === undefined ? '' : ` version ${version}`}`, TIMEOUT_MS, forget);
  }

  /** A notification. A failed write (the server is gone) is not thrown here: whatever awaits its answer reports it. */
  notify(method: string, params: unknown): void {
    this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** A request, timed from sending it to having its answer parsed (`at`, performance.now()). */
  async request<T>(method: string, params: unknown, ms = TIMEOUT_MS): Promise<{ ms: number; result: T; at: number }> {
    const cancel = new CancellationTokenSource();
    const t = performance.now();
    const result = await this.guard(this.connection.sendRequest<T>(method, params, cancel.token), method, ms, () => cancel.cancel());
    const at = performance.now();
    cancel.dispose();
    return { ms: at - t, result, at };
  }

  /** didOpen → publishDiagnostics, in ms. */
  async open(uri: string, text: string, version = 1): Promise<number> {
    const published = this.expectDiagnostics(uri, version);
    const t = performance.now();
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rmrb', version, text } });
    await published;
    return performance.now() - t;
  }

  /** didChange → publishDiagnostics, in ms. */
  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    const published = this.expectDiagnostics(uri, version);
    const t = performance.now();
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    await published;
    return performance.now() - t;
  }

  /** didClose, and the empty diagnostics that clear the document. */
  async close(uri: string): Promise<void> {
    const cleared = this.expectDiagnostics(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  }

  /** The server's resident set size in bytes, from /proc. */
  rss(): number {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))![1]) * 1024;
    } catch {
      return NaN;
    }
  }

  /** shutdown, exit, and the process gone; killed if it does not go within a few seconds. */
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

  /** At once, without ceremony: after a failure the server's state is unknown. */
  kill(): void {
    if (!this.exitInfo) this.child.kill('SIGKILL');
  }

  async killed(): Promise<void> {
    this.kill();
    await this.exited;
    this.connection.dispose();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const short = (uri: string) => uri.replace(/^file:\/\/\/bench\//, '');

/** The length of an answer as JSON, as the size of the response. */
export const jsonLength = (result: unknown) => (JSON.stringify(result) ?? 'undefined').length;
