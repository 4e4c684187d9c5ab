// `npm start [-- PATH]`: builds the extension (the npm script does), then opens it in a real
// VS Code on PATH (a folder, or a file with its folder), or else on a copy of the sample
// workspace (test/integration/workspace) with its sample article open:
//   - desktop VS Code (`code --extensionDevelopmentPath=…`) when `code` is on PATH;
//   - otherwise (or with `npm start -- --server`) the VS Code server from the npm package
//     code-server, prepared once per machine under ~/.cache/rmrb-corpus (about 2 minutes and
//     800 MB the first time), with this folder loaded as the development extension. It prints the
//     URL to open and stays up until Ctrl+C. After `npm run build`, "Developer: Reload Window"
//     in the browser picks up the new build.
//
// Environment: RMRB_PORT (fixed port, e.g. for an SSH tunnel), RMRB_HOST (default 127.0.0.1).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeJson } from '../test/vscode/json';
import { REPO_ROOT, SAMPLE_WORKSPACE } from '../test/vscode/paths';
import { cleanup, installCleanupHandlers } from '../test/vscode/processCleanup';
import { cacheRoot, prepare } from '../test/vscode/provision';
import { copySampleWorkspace, makeRunFolder } from '../test/vscode/runFolder';
import { errorText } from '../test/vscode/text';
import { startServer } from '../test/vscode/vscodeServer';

const SAMPLE_FILE = 'rmrb-20130908-002-3.txt';

/** The browser workbench as a fresh desktop VS Code looks, not as a test run wants it. */
const SERVER_SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.editor.enablePreview': false,
  // With the AI features off the secondary side bar would open empty.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

interface Target {
  folder: string;
  /** The file to open, if any. */
  file?: string;
  /** How to name it to the user. */
  label: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wantServer = args.includes('--server');
  const paths = args.filter((arg) => arg !== '--server');
  const unknown = paths.find((arg) => arg.startsWith('-'));
  if (unknown) throw new Error(`unknown option ${unknown} (usage: npm start [-- [--server] [PATH]])`);
  if (paths.length > 1) throw new Error(`one folder or file at a time (given: ${paths.join(', ')})`);
  const own = paths.length === 1 ? ownTarget(paths[0]) : undefined;

  const code = wantServer ? undefined : findOnPath(process.platform === 'win32' ? 'code.cmd' : 'code');
  if (code) {
    // The sample is a fresh copy, kept after VS Code returns (it runs on its own).
    const target = own ?? sampleTarget(path.join(cacheRoot(), 'sample-workspace'));
    console.log(`Opening desktop VS Code with the extension from ${REPO_ROOT} on ${target.label}`);
    const child = spawn(
      code,
      ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, target.folder, ...(target.file ? [target.file] : [])],
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
  const target = own ?? sampleTarget(path.join(run.dir, 'workspace'));
  const server = await startServer({
    prepared,
    runDir: run.dir,
    // The workbench honours extensionDevelopmentPath in the URL only with the smoke test driver.
    smokeTestDriver: true,
    host: process.env.RMRB_HOST || '127.0.0.1',
    port: process.env.RMRB_PORT ? Number(process.env.RMRB_PORT) : undefined,
    settings: SERVER_SETTINGS,
  });
  // The workbench takes one extensionDevelopmentPath from the URL: the helper is installed instead.
  writeLayoutExtension(path.join(server.extensionsDir, 'rmrb-corpus.start-layout-0.0.0'));
  server.extensionHosts.onExit((exit) => {
    if (!exit.clean) console.log(`[server] ${exit.line}`);
  });
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
  ];
  if (target.file) payload.push(['openFile', server.remoteUri(target.file)]);
  const url = server.url(target.folder, payload);
  console.log('');
  console.log(`VS Code (code-server) is running with the extension from ${REPO_ROOT}`);
  console.log(`on ${target.label}.`);
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

/** The folder or file given on the command line, relative to where `npm start` was typed. */
function ownTarget(given: string): Target {
  // npm runs the script in the package's folder; INIT_CWD is the folder it was started from.
  const absolute = path.resolve(process.env.INIT_CWD || process.cwd(), given);
  if (!fs.existsSync(absolute)) throw new Error(`${absolute} does not exist`);
  if (fs.statSync(absolute).isDirectory()) return { folder: absolute, label: absolute };
  return { folder: path.dirname(absolute), file: absolute, label: `${path.dirname(absolute)} (${path.basename(absolute)} open)` };
}

function sampleTarget(workspace: string): Target {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(workspace), { recursive: true });
  copySampleWorkspace(workspace);
  return {
    folder: workspace,
    file: path.join(workspace, SAMPLE_FILE),
    label: `a copy of ${path.relative(REPO_ROOT, SAMPLE_WORKSPACE)} (${workspace})`,
  };
}

/**
 * A browser's fresh workbench has the Outline collapsed at the foot of the Explorer, where a
 * desktop VS Code someone uses has it open: a second development extension opens it, once per
 * folder (the workspace state remembers it), and hands the focus back to the editor.
 */
function writeLayoutExtension(dir: string): void {
  writeJson(path.join(dir, 'package.json'), {
    name: 'start-layout',
    displayName: 'npm start: open the Outline',
    publisher: 'rmrb-corpus',
    version: '0.0.0',
    engines: { vscode: '^1.82.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
  });
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    `const vscode = require('vscode');
exports.activate = async (context) => {
  if (context.workspaceState.get('outlineOpened')) return;
  await context.workspaceState.update('outlineOpened', true);
  await vscode.commands.executeCommand('outline.focus');
  if (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
};
`,
  );
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
