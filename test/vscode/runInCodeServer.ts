// `npm run test:vscode`: runs the integration suite (test/integration) in a real VS Code, the
// VS Code server from the npm package code-server driven by headless Chromium. Works on a machine
// that reaches only the npm registry and Debian's packages. The last line of the output is always
// `N passed, M failed`; the exit code is 0 only when every test passed and the run was sound.
//
// Environment: RMRB_VSCODE_TIMEOUT_MS (whole run, default 240000), RMRB_CACHE_DIR (cache root,
// default ~/.cache/rmrb-corpus).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { exposeAutomationHooks, launchBrowser, logPageConsole, screenshotOnFailure } from './browser';
import { classify, finishRun, report, type RunOutcome } from './outcome';
import { REPO_ROOT, TESTS_INDEX, missingBuild } from './paths';
import { cleanup, describeEarlyEnd, installCleanupHandlers, onCleanup } from './processCleanup';
import { prepare } from './provision';
import { DISPLAY_LANGUAGE, installLanguagePack } from './languagePack';
import { DISPLAY_LANGUAGE_SUITE, readResults, resultsEnvironment, SUITE_ENV, TESTS_START_MARKER, writtenResults, type TestResults } from './results';
import { copySampleWorkspace, makeRunFolder } from './runFolder';
import { errorText, lastLines } from './text';
import { startServer, type RunningServer } from './vscodeServer';
import { seconds, TimeoutError, withTimeout } from './wait';

const TIMEOUT_MS = Number(process.env.RMRB_VSCODE_TIMEOUT_MS) || 240_000;
/** How long the extension host may take to end once the tests have (it deactivates the extension). */
const HOST_EXIT_TIMEOUT_MS = 30_000;

async function main(): Promise<number> {
  const started = Date.now();
  const run = makeRunFolder('vscode-test');
  let resultsFile = path.join(run.dir, 'results.json');
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end, exitCode) => {
      console.log(`run folder kept: ${run.dir}`);
      report({ kind: 'interrupted', reason: describeEarlyEnd(end), exitCode, results: writtenResults(readResults(resultsFile)) });
    },
  });
  let outcome = await runSuite(run.dir, resultsFile, {});
  if (outcome.kind === 'passed' || outcome.kind === 'tests-failed') {
    // The same extension in a VS Code whose display language is Chinese: a second server, with
    // a language pack the run makes for itself, and the suite's display-language tests.
    const dir = path.join(run.dir, DISPLAY_LANGUAGE);
    fs.mkdirSync(dir, { recursive: true });
    resultsFile = path.join(dir, 'results.json');
    console.log(`\nVS Code with the display language ${DISPLAY_LANGUAGE} (a language pack made for the run), run folder ${dir}`);
    outcome = combine(outcome, await runSuite(dir, resultsFile, { locale: DISPLAY_LANGUAGE, suite: DISPLAY_LANGUAGE_SUITE }));
  }
  return finishRun({
    run,
    started,
    outcome,
    // A run that failed before starting VS Code has no logs.
    worthKeeping: fs.existsSync(path.join(run.dir, 'server.log')),
    keptNote: `(server.log, workbench.log, browser.log, results.json; the display-language run's in ${DISPLAY_LANGUAGE}/)`,
  });
}

/** One outcome for the two runs: the tests of both counted, the second run's failure if it had one. */
function combine(first: RunOutcome, second: RunOutcome): RunOutcome {
  const earlier = 'results' in first ? first.results : undefined;
  if (!earlier || !('results' in second) || !second.results) return second;
  const results: TestResults = {
    passed: earlier.passed + second.results.passed,
    pending: earlier.pending + second.results.pending,
    failed: [...earlier.failed, ...second.results.failed],
  };
  if (second.kind === 'passed' || second.kind === 'tests-failed') return { kind: results.failed.length > 0 ? 'tests-failed' : 'passed', results };
  return { ...second, results };
}

interface SuiteOptions {
  /** The display language of the workbench (a language pack is made and installed for it). */
  locale?: string;
  /** Which suite the tests module runs (SUITE_ENV); the main one when not given. */
  suite?: string;
}

async function runSuite(dir: string, resultsFile: string, options: SuiteOptions): Promise<RunOutcome> {
  const missing = missingBuild();
  if (missing) return { kind: 'could-not-start', what: 'the suite', reason: missing };
  let prepared;
  try {
    prepared = await prepare();
  } catch (error) {
    return { kind: 'could-not-start', what: 'the VS Code server', reason: `preparing it failed: ${errorText(error)}` };
  }
  const workspace = copySampleWorkspace(path.join(dir, 'workspace'));
  let server: RunningServer;
  try {
    const extensionsDir = path.join(dir, 'extensions');
    if (options.locale) await installLanguagePack(prepared, dir, extensionsDir);
    server = await startServer({ prepared, runDir: dir, extensionsDir, locale: options.locale, smokeTestDriver: true, settings: { 'workbench.editor.enablePreview': false } });
  } catch (error) {
    return { kind: 'could-not-start', what: 'the VS Code server', reason: errorText(error) };
  }
  let page: Page;
  try {
    page = (await launchBrowser()).page;
  } catch (error) {
    return { kind: 'could-not-start', what: 'Chromium', reason: errorText(error) };
  }
  logPageConsole(page, path.join(dir, 'browser.log'));

  // Every console line of the workbench and the extension host arrives here. All go to
  // workbench.log; the terminal shows those from the suite's start marker on.
  const workbenchLogFile = path.join(dir, 'workbench.log');
  const workbenchLog = fs.createWriteStream(workbenchLogFile);
  onCleanup(() => new Promise<void>((resolve) => workbenchLog.end(resolve)));
  let suiteStarted = false;
  const recent: string[] = [];
  const { exited } = await exposeAutomationHooks(page, (level, line) => {
    workbenchLog.write(`[${level}] ${line}\n`);
    recent.push(`[${level}] ${lastLines(line, 3)}`);
    if (recent.length > 12) recent.shift();
    if (line.startsWith(TESTS_START_MARKER)) suiteStarted = true;
    else if (suiteStarted) console.log(line.includes('/static/out/vs/') ? `${line.split('\n')[0]} (stack in workbench.log)` : line);
  });

  const url = server.url(workspace, [
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
    ['extensionTestsPath', server.remoteUri(TESTS_INDEX)],
    ['extensionEnvironment', JSON.stringify({ ...resultsEnvironment(resultsFile), ...(options.suite ? { [SUITE_ENV]: options.suite } : {}) })],
  ]);
  console.log(`VS Code ${vscodeVersion(prepared.vscodeDir)} (code-server) on ${server.base}, run folder ${dir}`);
  try {
    await page.goto(url);
  } catch (error) {
    return { kind: 'could-not-start', what: 'the workbench', reason: `${url} did not load: ${errorText(error)}` };
  }

  const timedOut = async (error: TimeoutError): Promise<RunOutcome> => {
    const screenshot = await screenshotOnFailure(page, path.join(dir, 'timeout.png'));
    const results = writtenResults(readResults(resultsFile));
    return { kind: 'timed-out', waitingFor: error.waitingFor, seconds: seconds(error.ms), screenshot, results, neverStarted: suiteStarted ? undefined : { lastLines: [...recent], log: workbenchLogFile } };
  };
  let exitCode: number;
  try {
    exitCode = await withTimeout(exited, TIMEOUT_MS, 'the suite to finish');
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    return timedOut(error);
  }
  try {
    // The extension host ends with the tests (a clean exit, or a death the workbench also
    // reports as 0); the server prints its exit on its own channel, which may arrive after the
    // workbench's report: wait for that line, not for a fixed time.
    await withTimeout(server.extensionHosts.allExited(), HOST_EXIT_TIMEOUT_MS, "the server to report the extension host's exit");
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    return timedOut(error);
  }
  return classify({
    results: readResults(resultsFile),
    exit: { code: exitCode },
    deaths: server.extensionHosts.deaths,
    serverLog: server.logFile,
    suiteStarted: { started: suiteStarted, lastLines: [...recent], log: workbenchLogFile },
    noResultsHint: `the suite did not finish; see ${server.logFile}`,
  });
}

function vscodeVersion(vscodeDir: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
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
