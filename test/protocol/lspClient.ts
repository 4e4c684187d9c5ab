// Starts the built server over stdio, as Neovim or Helix would, and talks LSP to it; or, with
// `browser`, the built browser server (dist/browser/server.js) in a worker thread over a
// MessageChannel, as a web worker talks to the web client, its file requests answered from disk.

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { BrowserMessageReader, BrowserMessageWriter } from 'vscode-languageserver-protocol/browser';
import type { WorkspaceStatus } from '../../server/src/lsp/workspaceIndex';
import { answerFromDisk, FILE_REQUESTS } from './diskFileRequests';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type ProtocolConnection,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../dist/server/serverMain.js');
export const BROWSER_SERVER = path.resolve(__dirname, '../../dist/browser/server.js');

export interface TestClient {
  connection: ProtocolConnection;
  /** The server's process (stdio); undefined for the browser server, which runs in a worker thread. */
  process: ChildProcess | undefined;
  /** The newest diagnostics published per uri. */
  published: Map<string, PublishDiagnosticsParams>;
  /** Every publication, in the order they came. */
  history: PublishDiagnosticsParams[];
  /** Resolves when `uri` gets a publication that satisfies `test`; rejects with what was last seen. */
  waitForPublished(uri: string, test: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Answers the server's workspace/configuration requests. */
  settings: Record<string, unknown>;
  stderr: string[];
  /** What the server answered to initialize. */
  initializeResult: InitializeResult;
  /** Every `rmrb/workspaceStatus` the server sent, in order. */
  statuses: WorkspaceStatus[];
  /** Resolves with the first status (sent or to come) that satisfies `test`. */
  waitForStatus(test: (s: WorkspaceStatus) => boolean, timeoutMs?: number): Promise<WorkspaceStatus>;
  /** The server's client/registerCapability requests' registrations. */
  registrations: Array<{ method: string; registerOptions?: unknown }>;
  close(): Promise<void>;
}

export interface StartOptions {
  locale?: string;
  initializationOptions?: unknown;
  /** The rmrb settings the client answers workspace/configuration with from the start. */
  settings?: Record<string, unknown>;
  /** Answer workspace/configuration this much later, as a busy editor may. */
  configurationDelayMs?: number;
  /** The workspace folders, as file paths. */
  workspaceFolders?: string[];
  /** What the client answers for `files.exclude`. */
  filesExclude?: Record<string, unknown>;
  /** The browser server instead of the Node one. */
  browser?: boolean;
}

/**
 * dist/browser/server.js in a worker thread: the port it is given stands for the web worker's
 * `self`, as the script expects.
 */
function startBrowserServer(): { reader: BrowserMessageReader; writer: BrowserMessageWriter; stop(): Promise<void> } {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(`const { workerData } = require('node:worker_threads'); globalThis.self = workerData.port; require(workerData.script);`, {
    eval: true,
    workerData: { port: port2, script: BROWSER_SERVER },
    transferList: [port2],
  });
  type Port = ConstructorParameters<typeof BrowserMessageReader>[0];
  return {
    reader: new BrowserMessageReader(port1 as unknown as Port),
    writer: new BrowserMessageWriter(port1 as unknown as Port),
    stop: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}

export async function startServer(capabilities: ClientCapabilities, options: StartOptions = {}): Promise<TestClient> {
  const browser = options.browser ? startBrowserServer() : undefined;
  const child = browser ? undefined : spawn(process.execPath, [...(process.env.RMRB_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.RMRB_PROF] : []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = browser ? createProtocolConnection(browser.reader, browser.writer) : createProtocolConnection(new StreamMessageReader(child!.stdout!), new StreamMessageWriter(child!.stdin!));
  if (browser) for (const method of FILE_REQUESTS) connection.onRequest(method, (params: unknown) => answerFromDisk(method, params));
  const published = new Map<string, PublishDiagnosticsParams>();
  const history: PublishDiagnosticsParams[] = [];
  const listeners = new Set<() => void>();
  const stderr: string[] = [];
  child?.stderr!.on('data', (d) => stderr.push(String(d)));
  const client: TestClient = {
    connection,
    process: child,
    published,
    history,
    settings: options.settings ?? {},
    stderr,
    initializeResult: { capabilities: {} },
    statuses: [],
    registrations: [],
    waitForStatus(test, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = client.statuses.find(test);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for a workspace status; seen: ${JSON.stringify(client.statuses)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    waitForPublished(uri, test, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const p = published.get(uri);
          if (p && test(p.diagnostics)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(p.diagnostics);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for diagnostics of ${uri}; last seen: ${JSON.stringify(published.get(uri)?.diagnostics.map((d) => d.code))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async close() {
      try {
        await connection.sendRequest('shutdown');
        connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      if (browser) return browser.stop();
      await new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        const t = setTimeout(() => child.kill(), 2000);
        child.once('exit', () => (clearTimeout(t), resolve()));
      });
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p);
    history.push(p);
    for (const l of [...listeners]) l();
  });
  connection.onRequest('workspace/configuration', async (params: { items: Array<{ section?: string }> }) => {
    if (options.configurationDelayMs) await new Promise((r) => setTimeout(r, options.configurationDelayMs));
    return params.items.map((item) => (item.section === 'rmrb' ? client.settings : item.section === 'files.exclude' ? (options.filesExclude ?? null) : null));
  });
  connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
    client.registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('rmrb/workspaceStatus', (s: WorkspaceStatus) => {
    client.statuses.push(s);
    for (const l of [...listeners]) l();
  });
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  client.initializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.workspaceFolders?.length ? pathToFileURL(options.workspaceFolders[0]).href : null,
    workspaceFolders: options.workspaceFolders?.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) ?? null,
    capabilities,
    locale: options.locale,
    initializationOptions: options.initializationOptions,
  });
  connection.sendNotification('initialized', {});
  return client;
}

/** What VS Code announces, in the parts that matter here. */
export const VSCODE_LIKE: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { rangeLimit: 5000 },
    codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } },
    synchronization: { didSave: true },
  },
};

/** What Neovim 0.7 announces: no pull diagnostics, no configuration requests. */
export const NEOVIM_07_LIKE: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

export const fmt = (d: Diagnostic) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`;

// What the protocol tests open and ask, shared so that each test file says only what it tests.

export const SAMPLE = readFileSync(path.join(__dirname, '../fixtures/rmrb-20130908-002-3.txt'), 'utf8');

/** One record with an impossible date and a malformed tag in its body. */
export const BROKEN = [
  '〖ZQ/总期〗20330〖-ZQ/总期〗',
  '〖RQ/日期〗19930230〖-RQ/日期〗',
  '〖BT/标题〗标题〖-BT/标题〗',
  '〖ZW/正文〗',
  '    正文〖JZ；加重〗重点〖-JZ/加重〗',
  '〖-ZW/正文〗',
  '',
].join('\n');

/** Fresh document URIs, `file:///tmp/<prefix>N.rmrb`. */
export function uris(prefix: string): () => string {
  let next = 0;
  return () => `file:///tmp/${prefix}${++next}.rmrb`;
}

export function open(client: TestClient, uri: string, text: string, version = 1): void {
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rmrb', version, text } });
}

/** The document's diagnostics, pulled as VS Code pulls them. */
export async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
  assert.equal(report.kind, 'full');
  return (report as { items: Diagnostic[] }).items;
}
