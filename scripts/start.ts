// `npm start`: builds the extension (the npm script does), then opens it in a real VS Code on a
// copy of the sample workspace (test/integration/workspace):
//   - desktop VS Code (`code --extensionDevelopmentPath=…`) when `code` is on PATH;
//   - otherwise (or with `npm start -- --server`) the VS Code server from the npm package
//     code-server, prepared once per machine under ~/.cache/rmrb-corpus, with this folder loaded
//     as the development extension. It prints the URL to open and stays up until Ctrl+C.
//     After `npm run build`, "Developer: Reload Window" in the browser picks up the new build.
//
// Environment: RMRB_PORT (fixed port, e.g. for an SSH tunnel), RMRB_HOST (default 127.0.0.1).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, SAMPLE_WORKSPACE } from '../test/vscode/paths';
import { cleanup, installCleanupHandlers } from '../test/vscode/processCleanup';
import { cacheRoot, prepare } from '../test/vscode/provision';
import { copySampleWorkspace, makeRunFolder } from '../test/vscode/runFolder';
import { errorText } from '../test/vscode/text';
import { startServer } from '../test/vscode/vscodeServer';

const SAMPLE_FILE = 'rmrb-20130908-002-3.txt';

async function main(): Promise<void> {
  const wantServer = process.argv.includes('--server');
  const code = wantServer ? undefined : findOnPath(process.platform === 'win32' ? 'code.cmd' : 'code');
  if (code) {
    // A fresh copy of the sample workspace, kept after VS Code returns (it runs on its own).
    const workspace = path.join(cacheRoot(), 'sample-workspace');
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(workspace), { recursive: true });
    copySampleWorkspace(workspace);
    console.log(`Opening desktop VS Code with the extension from ${REPO_ROOT} on ${workspace}`);
    const child = spawn(
      code,
      ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, workspace, path.join(workspace, SAMPLE_FILE)],
      { stdio: 'inherit', shell: process.platform === 'win32' },
    );
    child.on('exit', (status) => process.exit(status ?? 0));
    return;
  }

  installCleanupHandlers({ after: () => console.log('Stopped the VS Code server.') });
  const run = makeRunFolder('start');
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'client', 'extension.js'))) {
    throw new Error('dist/client/extension.js is missing: run `npm run build` first');
  }
  const prepared = await prepare();
  const workspace = copySampleWorkspace(path.join(run.dir, 'workspace'));
  const server = await startServer({
    prepared,
    runDir: run.dir,
    // The workbench honours extensionDevelopmentPath in the URL only with the smoke test driver.
    smokeTestDriver: true,
    host: process.env.RMRB_HOST || '127.0.0.1',
    port: process.env.RMRB_PORT ? Number(process.env.RMRB_PORT) : undefined,
    settings: { 'workbench.editor.enablePreview': false },
  });
  server.extensionHosts.onExit((exit) => {
    if (!exit.clean) console.log(`[server] ${exit.line}`);
  });
  const url = server.url(workspace, [
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
    ['openFile', server.remoteUri(path.join(workspace, SAMPLE_FILE))],
  ]);
  console.log('');
  console.log(`VS Code (code-server) is running with the extension from ${REPO_ROOT}`);
  console.log(`on a copy of ${path.relative(REPO_ROOT, SAMPLE_WORKSPACE)} (${workspace}).`);
  console.log('');
  console.log('Open this URL in a browser on this machine:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log(`From another machine: ssh -L ${server.port}:127.0.0.1:${server.port} THIS_HOST, then open the URL there.`);
  console.log('Press Ctrl+C to stop.');
  await new Promise<never>(() => {
    // until Ctrl+C (the cleanup handlers end the server and exit)
  });
}

function findOnPath(command: string): string | undefined {
  const which = spawnSync(process.platform === 'win32' ? 'where' : 'sh', process.platform === 'win32' ? [command] : ['-c', `command -v ${command}`], {
    encoding: 'utf8',
  });
  const found = which.status === 0 ? which.stdout.split(/\r?\n/)[0]?.trim() : '';
  return found || undefined;
}

main().catch(async (error) => {
  console.error(`npm start failed: ${errorText(error)}`);
  await cleanup();
  process.exit(1);
});
