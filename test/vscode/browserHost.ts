// The extension as a web extension in the VS Code server's web workbench: the workbench runs an
// extension in the browser's extension host (a web worker) when the `remote.extensionKind`
// setting says `web`, even one developed from the server, and its tests there must be a browser
// bundle (dist/test/browser/index.js). That host has no environment variables, so the
// environment a Node host gets through `extensionEnvironment` is written into the tests module
// the run serves, ahead of the bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';
import { onCleanup } from './processCleanup';

export const BROWSER_TESTS_INDEX = path.join(REPO_ROOT, 'dist', 'test', 'browser', 'index.js');
/** Where the browser tests module looks for its environment (test/integration/index.ts). */
export const BROWSER_ENVIRONMENT_GLOBAL = 'rmrbTestEnvironment';
const EXTENSION_ID = 'rmrb-corpus.rmrb-corpus';

export function browserHostSettings(): Record<string, unknown> {
  return { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } };
}

/**
 * Writes the tests module for one run: its environment, then the bundle. Inside the extension's
 * folder, not the run's: the workbench runs the tests in the extension host of the extension
 * whose folder holds them, and in the Node host when none does.
 */
export function browserTestsModule(runDir: string, environment: Record<string, string>): string {
  const file = path.join(path.dirname(BROWSER_TESTS_INDEX), 'runs', path.basename(runDir), 'index.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  onCleanup(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  fs.writeFileSync(file, `globalThis.${BROWSER_ENVIRONMENT_GLOBAL} = ${JSON.stringify(environment)};\n${fs.readFileSync(BROWSER_TESTS_INDEX, 'utf8')}`);
  return file;
}
