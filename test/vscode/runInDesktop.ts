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
import { runTests } from '@vscode/test-electron';
import { finishRun, report } from './codeServer';
import { readResults, resultsEnvironment, type TestResults } from './results';
import { REPO_ROOT } from './paths';
import { cleanup, describeEarlyEnd, installCleanupHandlers, onCleanup } from './processCleanup';
import { cacheRoot } from './provision';
import { copySampleWorkspace, makeRunFolder } from './runFolder';
import { errorText } from './text';
import { DEFAULT_SETTINGS } from './vscodeServer';
import { TimeoutError, withTimeout } from './wait';

const TIMEOUT_MS = Number(process.env.RMRB_VSCODE_TIMEOUT_MS) || 600_000;
const TESTS_INDEX = path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js');
const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist', 'client', 'extension.js');

async function main(): Promise<number> {
  const started = Date.now();
  const run = makeRunFolder('desktop-test');
  const resultsFile = path.join(run.dir, 'results.json');
  const problems: string[] = [];
  let results: TestResults | undefined;
  // VS Code is a child of this process: end its process tree on every way out.
  onCleanup(() => killDescendants(process.pid));
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end) => {
      console.log(`run folder kept: ${run.dir}`);
      report(writtenResults(resultsFile), [describeEarlyEnd(end)]);
    },
  });

  try {
    for (const file of [EXTENSION_MAIN, TESTS_INDEX]) {
      if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`npm run build\` first`);
    }
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      console.log('No display (DISPLAY is not set): desktop VS Code may not start; run this under `xvfb-run -a`.');
    }
    const workspace = copySampleWorkspace(path.join(run.dir, 'workspace'));
    const userDataDir = path.join(run.dir, 'user-data');
    const extensionsDir = path.join(run.dir, 'extensions');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, 'workbench.editor.enablePreview': false, 'window.restoreWindows': 'none' }, null, 2),
    );

    const testRun = runTests({
      version: process.env.RMRB_VSCODE_VERSION || 'stable',
      vscodeExecutablePath: process.env.RMRB_VSCODE_EXECUTABLE || undefined,
      cachePath: path.join(cacheRoot(), 'vscode-test'),
      timeout: 60_000,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: TESTS_INDEX,
      extensionTestsEnv: resultsEnvironment(resultsFile),
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${extensionsDir}`,
        '--disable-gpu',
        '--disable-telemetry',
      ],
    }).then(
      (code) => ({ code, error: undefined as unknown }),
      (error: unknown) => ({ code: undefined, error }),
    );
    const outcome = await withTimeout(testRun, TIMEOUT_MS, 'VS Code to run the tests').catch((error) => {
      if (error instanceof TimeoutError) return 'timeout' as const;
      throw error;
    });
    if (outcome === 'timeout') {
      problems.push(`timed out after ${TIMEOUT_MS / 1000} s`);
    } else if (outcome.error !== undefined) {
      const message = errorText(outcome.error);
      if (/Test run (failed with code|terminated with signal)/.test(message)) {
        problems.push(`VS Code: ${message}`);
      } else {
        problems.push(
          `could not get or start VS Code: ${message}\n` +
            'Where VS Code cannot be downloaded from Microsoft, run `npm run test:vscode` (the VS Code server from npm),\n' +
            'or point RMRB_VSCODE_EXECUTABLE at an installed VS Code.',
        );
      }
    }
    results = writtenResults(resultsFile);
    if (!results && outcome !== 'timeout' && !(outcome.error && problems[0]?.startsWith('could not get'))) {
      problems.push(`no results file (${resultsFile}): the tests module did not finish (did the extension host die?)`);
    }
  } catch (error) {
    problems.push(errorText(error));
  }

  return finishRun({
    run,
    started,
    results,
    problems,
    isExitProblem: (p) => p.startsWith('VS Code: Test run failed with code'),
    // Nothing to keep of a run that could not get VS Code.
    worthKeeping: !problems.some((p) => p.startsWith('could not get or start VS Code')),
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

function writtenResults(file: string): TestResults | undefined {
  const read = readResults(file);
  return read.state === 'written' ? read.results : undefined;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    await cleanup();
    report(undefined, [errorText(error)]);
    process.exit(1);
  },
);
