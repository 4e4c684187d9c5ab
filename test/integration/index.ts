// The tests module VS Code loads (`extensionTestsPath`): runs the integration suite with mocha
// inside the extension host and writes the results by the protocol of test/vscode/results.ts (a
// JSON file named by an environment variable), so that a runner can tell a finished run from a
// dead extension host. esbuild bundles this file, results.ts included, twice: for the Node
// extension host into dist/test/integration/index.js with `vscode` and `mocha` external, and
// for the browser's extension host into dist/test/browser/index.js (esbuild.browser.mjs), mocha's
// browser build inside and Node's modules replaced (web/), where the results are written
// through VS Code's file system and the environment comes ahead of the bundle (browserHost.ts).
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { DISPLAY_LANGUAGE_SUITE, RESULTS_ENV, SUITE_ENV, TESTS_START_MARKER, WEB_SUITE, writeResults, type TestResults } from '../vscode/results';
import { NEEDS_A_PROCESS } from './web/suite';

/** Set in the browser's extension host, which has no `process`. */
declare const rmrbTestEnvironment: Record<string, string> | undefined;
const inBrowser = typeof process === 'undefined' || typeof process.versions?.node !== 'string';
const environment = (): Record<string, string | undefined> => (inBrowser ? (typeof rmrbTestEnvironment === 'object' ? rmrbTestEnvironment : {}) : process.env);

export async function run(): Promise<void> {
  const results: TestResults = { passed: 0, pending: 0, failed: [] };
  const env = environment();
  // The code-server runner shows the extension host's console from this line on.
  console.log(TESTS_START_MARKER);
  try {
    // mocha's browser build gives the class as a global, its module being the `mocha` instance.
    const MochaClass = (globalThis as { Mocha?: typeof Mocha }).Mocha ?? Mocha;
    const mocha = new MochaClass({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000, reporter: 'spec' });
    // The suite is bundled into this file: give it mocha's TDD globals (suite, test, …) before
    // its code runs, as mocha does for each file it loads itself.
    const suite = env[SUITE_ENV];
    const displayLanguage = suite === DISPLAY_LANGUAGE_SUITE;
    mocha.suite.emit('pre-require', globalThis, displayLanguage ? 'displayLanguage.test.ts' : 'extension.test.ts', mocha);
    // A VS Code in Chinese runs the tests of its display language; the main suite, the rest;
    // the web suite, the main suite's tests that need no process of their own.
    if (displayLanguage) require('./displayLanguage.test');
    else require('./extension.test');
    if (suite === WEB_SUITE) {
      // The workbench runs the tests where the extension runs: Node here means the setting that makes it a web extension did not apply.
      if (!inBrowser) throw new Error('the web suite runs in a Node extension host: the extension is not running as a web extension');
      leaveOut(mocha, NEEDS_A_PROCESS);
    }
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', () => results.passed++);
      runner.on('pending', () => results.pending++);
      runner.on('fail', (test: Mocha.Runnable, error: unknown) => {
        results.failed.push({ title: test.fullTitle(), message: describeError(error) });
      });
    });
    if (failures > 0 || results.failed.length > 0) {
      throw new Error(`${results.failed.length || failures} test(s) failed`);
    }
  } catch (error) {
    if (results.failed.length === 0) results.error = describeError(error);
    throw error;
  } finally {
    if (!(await save(results, env))) console.warn(`${RESULTS_ENV} is not set: the results are not written to a file`);
  }
}

/** Leaves out the tests whose titles these match; each must match one, so a renamed test is not run by mistake. */
function leaveOut(mocha: Mocha, titles: readonly RegExp[]): void {
  const all: string[] = [];
  const walk = (s: Mocha.Suite) => {
    for (const t of s.tests) all.push(t.fullTitle());
    s.suites.forEach(walk);
  };
  walk(mocha.suite);
  const unknown = titles.filter((re) => !all.some((t) => re.test(t)));
  if (unknown.length > 0) throw new Error(`no test of the suite is titled ${unknown.join(', ')}: update test/integration/web/suite.ts`);
  mocha.grep(new RegExp(titles.map((re) => re.source).join('|'))).invert();
}

/** The results, to the file the runner named: in the browser through VS Code's file system, on the runner's machine. */
async function save(results: TestResults, env: Record<string, string | undefined>): Promise<string | undefined> {
  if (!inBrowser) return writeResults(results, env);
  const file = env[RESULTS_ENV];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!file || !folder) return undefined;
  const target = folder.with({ path: file });
  const partial = folder.with({ path: `${file}.partial` });
  await vscode.workspace.fs.writeFile(partial, new TextEncoder().encode(`${JSON.stringify(results, null, 2)}\n`));
  await vscode.workspace.fs.rename(partial, target, { overwrite: true });
  return file;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const where = error.stack?.split('\n').find((line) => /(extension|displayLanguage)\.test/.test(line));
    return where ? `${error.message}\n${where.trim()}` : error.message;
  }
  return String(error);
}
