// `npm run test:web`: the integration suite's tests that need no process of their own (the web
// suite, test/integration/index.ts) with the extension as a web extension: its browser client
// (package.json `browser`) in the web workbench's extension host, a web worker in headless
// Chromium, and its browser language server (dist/browser/server.js) in a worker of its own,
// reading the workspace through the client. The last line is `N passed, M failed`.
//
// Environment: as test:vscode (RMRB_VSCODE_TIMEOUT_MS, RMRB_CACHE_DIR).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finishRun, report } from './outcome';
import { cleanup, describeEarlyEnd, installCleanupHandlers } from './processCleanup';
import { readResults, WEB_SUITE, writtenResults } from './results';
import { makeRunFolder } from './runFolder';
import { runSuite } from './suiteRun';
import { errorText } from './text';

async function main(): Promise<number> {
  const started = Date.now();
  const run = makeRunFolder('web-test');
  const resultsFile = path.join(run.dir, 'results.json');
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end, exitCode) => {
      console.log(`run folder kept: ${run.dir}`);
      report({ kind: 'interrupted', reason: describeEarlyEnd(end), exitCode, results: writtenResults(readResults(resultsFile)) });
    },
  });
  console.log('The extension as a web extension, in the browser extension host');
  const outcome = await runSuite(run.dir, resultsFile, { suite: WEB_SUITE, browserHost: true });
  return finishRun({
    run,
    started,
    outcome,
    worthKeeping: fs.existsSync(path.join(run.dir, 'server.log')),
    keptNote: '(server.log, workbench.log, browser.log, results.json)',
  });
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    await cleanup();
    report({ kind: 'runner-error', message: errorText(error, true) });
    process.exit(1);
  },
);
