// `npm run test:desktop`: runs the integration suite (test/integration) in desktop VS Code with
// @vscode/test-electron, for machines that can download VS Code from Microsoft (or have one:
// RMRB_VSCODE_EXECUTABLE=/path/to/code). Downloads are cached outside the clone, under
// ~/.cache/rmrb-corpus/vscode-test. On Linux without a display, run it under `xvfb-run -a`.
// Where VS Code cannot be downloaded, `npm run test:vscode` runs the same suite.
//
// Like the code-server runner, it trusts the results file, not VS Code's exit code alone, and
// its last line is `N passed, M failed`.
//
// Environment: RMRB_VSCODE_VERSION (default "stable"), RMRB_VSCODE_EXECUTABLE,
// RMRB_VSCODE_TIMEOUT_MS (whole run, default 600000, downloading included).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { writeJson } from './json';
import { classify, finishRun, report, type RunOutcome } from './outcome';
import { missingBuild, REPO_ROOT, TESTS_INDEX } from './paths';
import { cleanup, describeEarlyEnd, installCleanupHandlers, onCleanup } from './processCleanup';
import { cacheRoot } from './provision';
import { readResults, resultsEnvironment, writtenResults } from './results';
import { copySampleWorkspace, makeRunFolder, type RunFolder } from './runFolder';
import { errorText } from './text';
import { DEFAULT_SETTINGS } from './vscodeServer';
import { seconds, TimeoutError, withTimeout } from './wait';

const TIMEOUT_MS = Number(process.env.RMRB_VSCODE_TIMEOUT_MS) || 600_000;
const NO_DOWNLOAD_HINT =
  'Where VS Code cannot be downloaded from Microsoft, run `npm run test:vscode` (the VS Code server from npm),\n' +
  'or point RMRB_VSCODE_EXECUTABLE at an installed VS Code.';

async function main(): Promise<number> {
  const started = Date.now();
  const run = makeRunFolder('desktop-test');
  const resultsFile = path.join(run.dir, 'results.json');
  // VS Code is a child of this process: end its process tree on every way out.
  onCleanup(() => killDescendants(process.pid));
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end, exitCode) => {
      console.log(`run folder kept: ${run.dir}`);
      report({ kind: 'interrupted', reason: describeEarlyEnd(end), exitCode, results: writtenResults(readResults(resultsFile)) });
    },
  });
  const outcome = await runSuite(run, resultsFile, started + TIMEOUT_MS);
  // Nothing to keep of a run that could not get VS Code.
  return finishRun({ run, started, outcome, worthKeeping: outcome.kind !== 'could-not-start' });
}

async function runSuite(run: RunFolder, resultsFile: string, deadline: number): Promise<RunOutcome> {
  const missing = missingBuild();
  if (missing) return { kind: 'could-not-start', what: 'the suite', reason: missing };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('No display (DISPLAY is not set): desktop VS Code may not start; run this under `xvfb-run -a`.');
  }
  const workspace = copySampleWorkspace(path.join(run.dir, 'workspace'));
  const userDataDir = path.join(run.dir, 'user-data');
  const extensionsDir = path.join(run.dir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeJson(path.join(userDataDir, 'User', 'settings.json'), {
    ...DEFAULT_SETTINGS,
    'workbench.editor.enablePreview': false,
    'window.restoreWindows': 'none',
  });

  let executable = process.env.RMRB_VSCODE_EXECUTABLE;
  if (executable && !fs.existsSync(executable)) {
    return { kind: 'could-not-start', what: 'VS Code', reason: `RMRB_VSCODE_EXECUTABLE is ${executable}, which does not exist` };
  }
  try {
    executable ??= await withTimeout(
      downloadAndUnzipVSCode({ version: process.env.RMRB_VSCODE_VERSION || 'stable', cachePath: path.join(cacheRoot(), 'vscode-test'), timeout: 60_000 }),
      deadline - Date.now(),
      'VS Code to download',
    );
  } catch (error) {
    if (error instanceof TimeoutError) return { kind: 'timed-out', waitingFor: error.waitingFor, seconds: seconds(error.ms) };
    return { kind: 'could-not-start', what: 'VS Code', reason: `could not download it: ${errorText(error)}`, hint: NO_DOWNLOAD_HINT };
  }

  let exit: { code: number | null; signal?: string | null };
  try {
    const testRun = runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: TESTS_INDEX,
      extensionTestsEnv: resultsEnvironment(resultsFile),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, '--disable-gpu', '--disable-telemetry'],
    });
    exit = { code: await withTimeout(testRun, deadline - Date.now(), 'VS Code to run the suite') };
  } catch (error) {
    if (error instanceof TimeoutError) return { kind: 'timed-out', waitingFor: error.waitingFor, seconds: seconds(error.ms) };
    if (!(error instanceof TestRunFailedError)) return { kind: 'could-not-start', what: 'VS Code', reason: errorText(error) };
    exit = { code: error.code ?? null, signal: error.signal ?? null };
  }
  return classify({
    results: readResults(resultsFile),
    exit,
    noResultsHint: 'the suite did not finish (did the extension host die?)',
  });
}

/** Kills the process trees of this process's children (VS Code and what it started). */
function killDescendants(pid: number): void {
  if (process.platform === 'win32') return; // test-electron ends VS Code itself there
  const children = (spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout ?? '')
    .split('\n')
    .map(Number)
    .filter((child) => child > 0);
  for (const child of children) {
    killDescendants(child);
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    await cleanup();
    report({ kind: 'runner-error', message: errorText(error, true) });
    process.exit(1);
  },
);
