// The VS Code server (code-server's lib/vscode, not the code-server wrapper, which rejects the
// development flags): started in its own process group on a loopback port, waited for until it
// listens, its extension hosts watched for a death, and ended at cleanup.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { childEnv } from './childProcesses';
import { ExtensionHostWatch } from './extensionHosts';
import { writeJson } from './json';
import { isTracked, onCleanup, signalGroup, startWatchdog, trackGroup, untrackGroup } from './processCleanup';
import type { Prepared } from './provision';
import { lastLines } from './text';
import { settledWithin, TimeoutError, withTimeout } from './wait';

export interface ServerOptions {
  prepared: Prepared;
  runDir: string;
  /** User settings (the web workbench keeps them on the server). */
  settings?: Record<string, unknown>;
  /** Required for extensionDevelopmentPath / extensionTestsPath in the URL's payload. */
  smokeTestDriver?: boolean;
  extensionsDir?: string;
  /** The display language (`--locale`); a language pack for it must be installed (languagePack.ts). */
  locale?: string;
  host?: string;
  port?: number;
}

export interface RunningServer {
  host: string;
  port: number;
  /** http://HOST:PORT */
  base: string;
  pid: number;
  extensionsDir: string;
  logFile: string;
  /** The extension hosts the server started: their exits, and a wait for them. */
  extensionHosts: ExtensionHostWatch;
  /** The URI of a file or folder of this machine, as the workbench names it. */
  remoteUri(absolutePath: string): string;
  /** The URL that opens `folder` in the workbench, with an optional payload. */
  url(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

/** User settings for a VS Code under test (the desktop runner uses them too). */
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

const LISTENING = 'Extension host agent listening on';
const LISTEN_TIMEOUT_MS = 60_000;

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
  const dirs = {
    userData: path.join(runDir, 'user-data'),
    serverData: path.join(runDir, 'server-data'),
    extensions: options.extensionsDir ?? path.join(runDir, 'extensions'),
    tmp: path.join(runDir, 'tmp'),
  };
  const logFile = path.join(runDir, 'server.log');
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  writeJson(path.join(dirs.userData, 'User', 'settings.json'), { ...DEFAULT_SETTINGS, ...options.settings });

  const args = [
    prepared.serverMain,
    '--host', host,
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--user-data-dir', dirs.userData,
    '--server-data-dir', dirs.serverData,
    '--extensions-dir', dirs.extensions,
  ];
  if (options.smokeTestDriver) args.push('--enable-smoke-test-driver');
  if (options.locale) args.push('--locale', options.locale);
  const env: NodeJS.ProcessEnv = { ...childEnv(dirs.tmp), PATH: `${path.dirname(prepared.node)}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.XDG_RUNTIME_DIR; // sockets go to TMPDIR, i.e. the run folder
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;

  const child = spawn(prepared.node, args, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (!pid) throw new Error(`could not start ${prepared.node}`);
  trackGroup(pid);
  startWatchdog(pid);
  const log = fs.createWriteStream(logFile);
  const extensionHosts = new ExtensionHostWatch();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const stop = async () => {
    if (!isTracked(pid)) return;
    signalGroup(pid, 'SIGTERM');
    const gone = await settledWithin(exit, 3000);
    // The group may hold children (extension host, language server) that outlive the server.
    signalGroup(pid, 'SIGKILL');
    if (!gone) await settledWithin(exit, 2000);
    untrackGroup(pid);
    await new Promise<void>((resolve) => log.end(resolve));
  };
  onCleanup(stop);

  let output = '';
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
        extensionHosts.onServerLine(line);
        if (line.includes(LISTENING)) resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (error) => reject(error));
    child.on('exit', (code, signal) => reject(new Error(`the VS Code server exited (${signal ?? `code ${code}`}) before listening:\n${lastLines(output, 15)}`)));
  });
  try {
    await withTimeout(listening, LISTEN_TIMEOUT_MS, `the VS Code server to print "${LISTENING}"`);
  } catch (error) {
    await stop();
    if (error instanceof TimeoutError) throw new Error(`${error.message}; its last lines:\n${lastLines(output, 15)}`);
    throw error;
  }
  if (exited) throw new Error(`the VS Code server exited right after it began listening:\n${lastLines(output, 15)}`);

  const base = `http://${host}:${port}`;
  return {
    host,
    port,
    base,
    pid,
    extensionsDir: dirs.extensions,
    logFile,
    extensionHosts,
    remoteUri: (absolutePath) => `vscode-remote://${host}:${port}${encodeURI(absolutePath)}`,
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
