// `npm run test:vscode`: runs the integration suite (test/integration) in a real VS Code, the
// VS Code server from the npm package code-server driven by headless Chromium. Works on a machine
// that reaches only the npm registry and Debian's packages. The last line of the output is always
// `N passed, M failed`; the exit code is 0 only when every test passed and the run was sound.
//
// With `--web` (`npm run test:web`): the suite's tests that need no process of their own (the web
// suite, test/integration/web/suite.ts) with the extension as a web extension: its browser client
// (package.json `browser`) in the web workbench's extension host, a web worker in headless
// Chromium, and its browser language server (dist/browser/server.js) in a worker of its own,
// reading the workspace through the client (browserHost.ts).
//
// Environment: RMRB_VSCODE_TIMEOUT_MS (whole run, default 240000), RMRB_CACHE_DIR (cache root,
// default ~/.cache/rmrb-corpus).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finishRun, report, type RunOutcome } from './outcome';
import { cleanup, describeEarlyEnd, installCleanupHandlers } from './processCleanup';
import { DISPLAY_LANGUAGE } from './languagePack';
import { DISPLAY_LANGUAGE_SUITE, readResults, WEB_SUITE, writtenResults, type TestResults } from './results';
import { makeRunFolder } from './runFolder';
import { runSuite } from './suiteRun';
import { errorText } from './text';

const web = process.argv.includes('--web');

async function main(): Promise<number> {
  const started = Date.now();
  const run = makeRunFolder(web ? 'web-test' : 'vscode-test');
  let resultsFile = path.join(run.dir, 'results.json');
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end, exitCode) => {
      console.log(`run folder kept: ${run.dir}`);
      report({ kind: 'interrupted', reason: describeEarlyEnd(end), exitCode, results: writtenResults(readResults(resultsFile)) });
    },
  });
  if (web) console.log('The extension as a web extension, in the browser extension host');
  let outcome = await runSuite(run.dir, resultsFile, web ? { suite: WEB_SUITE, browserHost: true } : {});
  if (!web && (outcome.kind === 'passed' || outcome.kind === 'tests-failed')) {
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
    keptNote: `(server.log, workbench.log, browser.log, results.json${web ? '' : `; the display-language run's in ${DISPLAY_LANGUAGE}/`})`,
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

main().then(
  (code) => process.exit(code),
  async (error) => {
    await cleanup();
    report({ kind: 'runner-error', message: errorText(error, true) });
    process.exit(1);
  },
);
