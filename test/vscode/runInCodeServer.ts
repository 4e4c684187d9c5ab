// `npm run test:vscode`: runs the integration suite (test/integration) in a real VS Code, the
// VS Code server from the npm package code-server driven by headless Chromium. Works on a machine
// that reaches only the npm registry and Debian's packages. The last line of the output is always
// `N passed, M failed`; the exit code is 0 only when every test passed and the run was sound.
//
// Environment: RMRB_VSCODE_TIMEOUT_MS (whole run, default 240000), RMRB_CACHE_DIR (cache root,
// default ~/.cache/rmrb-corpus).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exposeAutomationHooks, launchBrowser, logPageConsole, screenshotOnFailure } from './browser';
import { finishRun, report } from './codeServer';
import { readResults, resultsEnvironment, TESTS_START_MARKER, type TestResults } from './results';
import { REPO_ROOT } from './paths';
import { cleanup, describeEarlyEnd, installCleanupHandlers, onCleanup } from './processCleanup';
import { prepare } from './provision';
import { copySampleWorkspace, makeRunFolder } from './runFolder';
import { errorText, lastLines } from './text';
import { startServer } from './vscodeServer';
import { TimeoutError, withTimeout } from './wait';

const TIMEOUT_MS = Number(process.env.RMRB_VSCODE_TIMEOUT_MS) || 240_000;
/** How long the extension host may take to end once the tests have (it deactivates the extension). */
const HOST_EXIT_TIMEOUT_MS = 30_000;
const TESTS_INDEX = path.join(REPO_ROOT, 'dist', 'test', 'integration', 'index.js');
const EXTENSION_MAIN = path.join(REPO_ROOT, 'dist', 'client', 'extension.js');

async function main(): Promise<number> {
  const started = Date.now();
  const run = makeRunFolder('vscode-test');
  const problems: string[] = [];
  let results: TestResults | undefined;
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end) => {
      console.log(`run folder kept: ${run.dir}`);
      report(writtenResults(path.join(run.dir, 'results.json')), [describeEarlyEnd(end)]);
    },
  });

  try {
    for (const file of [EXTENSION_MAIN, TESTS_INDEX]) {
      if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`npm run build\` first`);
    }
    let prepared;
    try {
      prepared = await prepare();
    } catch (error) {
      throw new Error(`preparing the VS Code server failed: ${errorText(error)}`);
    }

    const workspace = copySampleWorkspace(path.join(run.dir, 'workspace'));
    const resultsFile = path.join(run.dir, 'results.json');
    const server = await startServer({
      prepared,
      runDir: run.dir,
      smokeTestDriver: true,
      settings: { 'workbench.editor.enablePreview': false },
    });
    const { page } = await launchBrowser();
    logPageConsole(page, path.join(run.dir, 'browser.log'));
    // Every console line of the workbench and the extension host arrives here. All go to
    // workbench.log; the terminal shows those from the tests module's start marker on.
    const workbenchLog = fs.createWriteStream(path.join(run.dir, 'workbench.log'));
    onCleanup(() => new Promise<void>((resolve) => workbenchLog.end(resolve)));
    let testsStarted = false;
    const recent: string[] = [];
    const { exited } = await exposeAutomationHooks(page, (level, line) => {
      workbenchLog.write(`[${level}] ${line}\n`);
      recent.push(`[${level}] ${lastLines(line, 3)}`);
      if (recent.length > 12) recent.shift();
      if (line.startsWith(TESTS_START_MARKER)) testsStarted = true;
      else if (testsStarted) console.log(line.includes('/static/out/vs/') ? `${line.split('\n')[0]} (stack in workbench.log)` : line);
    });

    const url = server.url(workspace, [
      ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', server.remoteUri(TESTS_INDEX)],
      ['extensionEnvironment', JSON.stringify(resultsEnvironment(resultsFile))],
    ]);
    console.log(`VS Code ${vscodeVersion(prepared.vscodeDir)} (code-server) on ${server.base}, run folder ${run.dir}`);
    await page.goto(url);

    const outcome = await withTimeout(exited, TIMEOUT_MS, 'the tests module to finish').catch((error) => {
      if (error instanceof TimeoutError) return 'timeout' as const;
      throw error;
    });
    if (outcome === 'timeout') {
      const screenshot = await screenshotOnFailure(page, path.join(run.dir, 'timeout.png'));
      problems.push(`timed out after ${TIMEOUT_MS / 1000} s${screenshot ? ` (screenshot: ${screenshot})` : ''}`);
    } else {
      // The extension host ends with the tests (a clean exit, or a death the workbench also
      // reports as 0); the server prints its exit on its own channel, which may arrive after the
      // workbench's report: wait for that line, not for a fixed time.
      await withTimeout(server.extensionHosts.allExited(), HOST_EXIT_TIMEOUT_MS, "the server to report the extension host's exit").catch(
        (error) => problems.push(errorText(error)),
      );
      if (outcome !== 0) problems.push(`the workbench reported exit code ${outcome}`);
    }
    for (const death of server.extensionHosts.deaths) problems.push(`extension host crashed: ${death.line}`);
    if (!testsStarted) {
      problems.push(`the tests module never started; the workbench's last lines (${path.join(run.dir, 'workbench.log')}):\n${recent.join('\n')}`);
    }
    results = writtenResults(resultsFile);
    if (!results && outcome !== 'timeout') {
      problems.push(`no results file (${resultsFile}): the tests module did not finish; see ${server.logFile}`);
    }
  } catch (error) {
    problems.push(errorText(error));
  }

  return finishRun({
    run,
    started,
    results,
    problems,
    isExitProblem: (p) => p.startsWith('the workbench reported exit code'),
    // A run that failed before starting VS Code has no logs.
    worthKeeping: fs.existsSync(path.join(run.dir, 'server.log')),
    keptNote: '(server.log, workbench.log, browser.log, results.json)',
  });
}

function vscodeVersion(vscodeDir: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
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
