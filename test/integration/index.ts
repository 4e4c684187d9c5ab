// The tests module VS Code loads (`extensionTestsPath`): runs the integration suite with mocha
// inside the extension host and writes the results by the protocol of test/vscode/results.ts (a
// JSON file named by an environment variable), so that a runner can tell a finished run from a
// dead extension host. esbuild bundles this file, results.ts included, into
// dist/test/integration/index.js with `vscode` and `mocha` external.
import Mocha from 'mocha';
import { DISPLAY_LANGUAGE_SUITE, RESULTS_ENV, SUITE_ENV, TESTS_START_MARKER, writeResults, type TestResults } from '../vscode/results';

export async function run(): Promise<void> {
  const results: TestResults = { passed: 0, pending: 0, failed: [] };
  // The code-server runner shows the extension host's console from this line on.
  console.log(TESTS_START_MARKER);
  try {
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000 });
    // The suite is bundled into this file: give it mocha's TDD globals (suite, test, …) before
    // its code runs, as mocha does for each file it loads itself.
    const displayLanguage = process.env[SUITE_ENV] === DISPLAY_LANGUAGE_SUITE;
    mocha.suite.emit('pre-require', globalThis, displayLanguage ? 'displayLanguage.test.ts' : 'extension.test.ts', mocha);
    // A VS Code in Chinese runs the tests of its display language; the main suite, the rest.
    if (displayLanguage) require('./displayLanguage.test');
    else require('./extension.test');
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
    if (!writeResults(results)) console.warn(`${RESULTS_ENV} is not set: the results are not written to a file`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const where = error.stack?.split('\n').find((line) => /(extension|displayLanguage)\.test/.test(line));
    return where ? `${error.message}\n${where.trim()}` : error.message;
  }
  return String(error);
}
