// A real VS Code on a machine that reaches only the npm registry and Debian's packages.
//
// The npm package code-server contains the VS Code server and its web workbench; its Node
// extension host is the one a desktop Remote window uses, so the extension's client and its
// language server run there for real. This module prepares it once per machine (cached outside
// the clone), starts the VS Code server itself and drives Debian's Chromium with playwright-core.
// Shared by test/vscode/runInCodeServer.ts, scripts/start.ts and scripts/screenshots.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as util from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { childEnv } from './childProcesses';
import { CHROMIUM, ensureDebianPackages } from './debianPackages';
import { writeJson } from './json';
import type { Prepared } from './provision';
import { cleanup, isTracked, onCleanup, signalGroup, startWatchdog, trackGroup, untrackGroup } from './processCleanup';
import type { RunFolder } from './runFolder';
import { indent, lastLines } from './text';

/** The environment variable through which the tests module learns where to write its results. */
export const RESULTS_ENV = 'RMRB_TEST_RESULTS';

// ---------------------------------------------------------------------------------------------
// The VS Code server.

export interface ServerOptions {
  prepared: Prepared;
  runDir: string;
  /** User settings (the web workbench keeps them on the server). */
  settings?: Record<string, unknown>;
  /** Required for extensionDevelopmentPath / extensionTestsPath in the URL's payload. */
  smokeTestDriver?: boolean;
  extensionsDir?: string;
  host?: string;
  port?: number;
  /** Called with each line the server prints. */
  onLine?: (line: string) => void;
}

export interface RunningServer {
  host: string;
  port: number;
  /** http://HOST:PORT */
  base: string;
  pid: number;
  extensionsDir: string;
  userDataDir: string;
  serverDataDir: string;
  logFile: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Lines saying that an extension host exited with a non-zero code or by a signal. */
  extensionHostCrashes: string[];
  /** The URI of a file or folder of this machine, as the workbench names it. */
  remoteUri(absolutePath: string): string;
  /** The URL that opens `folder` in the workbench, with an optional payload. */
  url(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
};

export const EXTENSION_HOST_EXIT = /Extension Host Process exited with code: (\S+?), signal: (\S+?)\./;

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the VS Code server in its own process group and waits until it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { prepared, runDir } = options;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const userDataDir = path.join(runDir, 'user-data');
  const serverDataDir = path.join(runDir, 'server-data');
  const extensionsDir = options.extensionsDir ?? path.join(runDir, 'extensions');
  const tmp = path.join(runDir, 'tmp');
  const logFile = path.join(runDir, 'server.log');
  for (const dir of [userDataDir, serverDataDir, extensionsDir, tmp]) fs.mkdirSync(dir, { recursive: true });
  writeJson(path.join(userDataDir, 'User', 'settings.json'), { ...DEFAULT_SETTINGS, ...options.settings });

  const args = [
    prepared.serverMain,
    '--host', host,
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--user-data-dir', userDataDir,
    '--server-data-dir', serverDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (options.smokeTestDriver) args.push('--enable-smoke-test-driver');
  const env: NodeJS.ProcessEnv = { ...childEnv(tmp), PATH: `${path.dirname(prepared.node)}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.XDG_RUNTIME_DIR; // sockets go to TMPDIR, i.e. the run folder
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;

  const child: ChildProcess = spawn(prepared.node, args, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (!pid) throw new Error(`could not start ${prepared.node}`);
  trackGroup(pid);
  startWatchdog(pid);
  let output = '';
  const crashes: string[] = [];
  const log = fs.createWriteStream(logFile);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => {
    exited = true;
    resolve();
  }));

  const stop = async () => {
    if (!isTracked(pid)) return;
    signalGroup(pid, 'SIGTERM');
    const gone = await Promise.race([exit.then(() => true), delay(3000).then(() => false)]);
    // The group may hold children (extension host, language server) that outlive the server.
    signalGroup(pid, 'SIGKILL');
    if (!gone) await Promise.race([exit, delay(2000)]);
    untrackGroup(pid);
    await new Promise<void>((resolve) => log.end(resolve));
  };
  onCleanup(stop);

  const listening = new Promise<void>((resolve, reject) => {
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      log.write(text);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const crash = EXTENSION_HOST_EXIT.exec(line);
        if (crash && (crash[1] !== '0' || crash[2] !== 'null')) crashes.push(line.trim());
        if (line.includes('Extension host agent listening on')) resolve();
        options.onLine?.(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (error) => reject(error));
    child.on('exit', (code, signal) => reject(new Error(`the VS Code server exited (${signal ?? `code ${code}`}) before listening:\n${lastLines(output, 15)}`)));
  });
  const timeout = delay(60_000).then(() => {
    throw new Error(`the VS Code server did not listen within 60 s:\n${lastLines(output, 15)}`);
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (error) {
    await stop();
    throw error;
  }
  if (exited) throw new Error('the VS Code server exited');

  const base = `http://${host}:${port}`;
  const remoteUri = (absolutePath: string) => `vscode-remote://${host}:${port}${encodeURI(absolutePath)}`;
  return {
    host,
    port,
    base,
    pid,
    extensionsDir,
    userDataDir,
    serverDataDir,
    logFile,
    output: () => output,
    extensionHostCrashes: crashes,
    remoteUri,
    url: (folder, payload) => {
      let url = `${base}/?folder=${queryValue(folder)}`;
      if (payload && payload.length > 0) url += `&payload=${queryValue(JSON.stringify(payload))}`;
      return url;
    },
    stop,
  };
}

/** Encodes a query value, leaving `/` and `:` (legal there) readable. */
function queryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

/** Installs a packaged .vsix into an extensions folder with the VS Code server's CLI. */
export async function installVsix(prepared: Prepared, vsix: string, runDir: string, extensionsDir: string): Promise<void> {
  const tmp = path.join(runDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const result = spawnSync(
    prepared.node,
    [
      prepared.serverMain,
      '--install-extension', vsix,
      '--force',
      '--extensions-dir', extensionsDir,
      '--user-data-dir', path.join(runDir, 'user-data'),
      '--server-data-dir', path.join(runDir, 'server-data'),
      '--accept-server-license-terms',
    ],
    { encoding: 'utf8', env: { ...childEnv(tmp) }, timeout: 120_000 },
  );
  const text = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(text)) {
    throw new Error(`installing ${vsix} failed (${result.signal ?? `exit ${result.status}`}):\n${lastLines(text, 10)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The browser.

export interface OpenedBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(options: { headless?: boolean } = {}): Promise<OpenedBrowser> {
  ensureDebianPackages(['chromium']);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([browser.close().catch(() => {}), delay(5000)]);
  };
  onCleanup(close);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, context, page, close };
}

/** Formats the printf-style arguments the workbench hands to codeAutomationLog. */
export function formatAutomationLog(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  return util.format(...list);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// ---------------------------------------------------------------------------------------------
// Results of the tests module (written by test/integration/index.ts).

export interface TestResults {
  passed: number;
  pending: number;
  failed: { title: string; message: string }[];
  /** Set when the tests module could not load or mocha itself failed. */
  error?: string;
}

export function readResults(file: string): TestResults | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TestResults;
  } catch {
    return undefined;
  }
}

export interface FinishOptions {
  run: RunFolder;
  /** Date.now() when the run began. */
  started: number;
  results: TestResults | undefined;
  problems: string[];
  /** The run-level problem a failing exit code gives, redundant when tests failed. */
  isExitProblem: (problem: string) => boolean;
  /** Whether a failed run left anything worth keeping in its folder. */
  worthKeeping: boolean;
  /** What to say of a kept folder, after its path. */
  keptNote?: string;
}

/**
 * Ends a run the same way for both runners: a failing exit explained by failed tests is not a
 * separate problem; the run folder of a failed run is kept; everything is cleaned up; and the
 * report ends with `N passed, M failed`. Returns the exit code.
 */
export async function finishRun(options: FinishOptions): Promise<number> {
  const { run, results } = options;
  let problems = options.problems;
  if (results && results.failed.length > 0) problems = problems.filter((p) => !options.isExitProblem(p));
  const failed = problems.length > 0 || !results || results.failed.length > 0;
  const keep = failed && options.worthKeeping;
  if (keep) run.keep();
  await cleanup();
  if (keep) console.log(`run folder kept: ${run.dir}${options.keptNote ? ` ${options.keptNote}` : ''}`);
  console.log(`(${Math.round((Date.now() - options.started) / 100) / 10} s)`);
  return report(results, problems);
}

/**
 * Prints each failed test with its assertion message, each run-level problem, and as the very
 * last line `N passed, M failed` (run-level problems count as failures). Returns the exit code.
 */
export function report(results: TestResults | undefined, problems: string[]): number {
  const failed = results?.failed ?? [];
  if (results?.error) problems = [...problems, `the tests module reported: ${results.error}`];
  if (failed.length > 0 || problems.length > 0) console.log('');
  for (const failure of failed) {
    console.log(`✗ ${failure.title}`);
    console.log(indent(failure.message.trim()));
  }
  for (const problem of problems) {
    console.log(`✗ run: ${problem.split('\n')[0]}`);
    const rest = problem.split('\n').slice(1).join('\n');
    if (rest) console.log(indent(rest));
  }
  const failures = failed.length + problems.length;
  console.log(`${results?.passed ?? 0} passed, ${failures} failed`);
  return failures === 0 ? 0 : 1;
}
