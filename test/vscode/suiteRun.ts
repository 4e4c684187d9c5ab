// One run of the integration suite in the VS Code server's web workbench (code-server's), in
// headless Chromium: for `npm run test:vscode` (the extension in the server's Node extension
// host) and `npm run test:web` (the web extension in the browser's extension host).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { exposeAutomationHooks, launchBrowser, logPageConsole, screenshotOnFailure } from './browser';
import { classify, type RunOutcome } from './outcome';
import { REPO_ROOT, TESTS_INDEX, missingBuild } from './paths';
import { onCleanup } from './processCleanup';
import { prepare } from './provision';
import { installLanguagePack } from './languagePack';
import { readResults, resultsEnvironment, SUITE_ENV, TESTS_START_MARKER, writtenResults } from './results';
import { copySampleWorkspace } from './runFolder';
import { errorText, lastLines } from './text';
import { startServer, type RunningServer } from './vscodeServer';
import { seconds, TimeoutError, withTimeout } from './wait';
import { BROWSER_TESTS_INDEX, browserHostSettings, browserTestsModule } from './browserHost';

const TIMEOUT_MS = Number(process.env.RMRB_VSCODE_TIMEOUT_MS) || 240_000;
/** How long the extension host may take to end once the tests have (it deactivates the extension). */
const HOST_EXIT_TIMEOUT_MS = 30_000;

export interface SuiteOptions {
  /** The display language of the workbench (a language pack is made and installed for it). */
  locale?: string;
  /** Which suite the tests module runs (SUITE_ENV); the main one when not given. */
  suite?: string;
  /** The extension as a web extension, in the browser's extension host (browserHost.ts). */
  browserHost?: boolean;
}

export async function runSuite(dir: string, resultsFile: string, options: SuiteOptions): Promise<RunOutcome> {
  const missing = missingBuild(options.browserHost ? [BROWSER_TESTS_INDEX] : undefined);
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
    server = await startServer({ prepared, runDir: dir, extensionsDir, locale: options.locale, smokeTestDriver: true, settings: { 'workbench.editor.enablePreview': false, ...(options.browserHost ? browserHostSettings() : {}) } });
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

  const environment = { ...resultsEnvironment(resultsFile), ...(options.suite ? { [SUITE_ENV]: options.suite } : {}) };
  const url = server.url(workspace, [
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
    ['extensionTestsPath', server.remoteUri(options.browserHost ? browserTestsModule(dir, environment) : TESTS_INDEX)],
    ['extensionEnvironment', JSON.stringify(environment)],
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

