// `npm run screenshots:web` (after `npm run package`): the packaged extension as a web extension
// (the `remote.extensionKind` setting) in the VS Code server's web workbench, headless Chromium:
// broken.rmrb and its Problems panel, saved as docs/images/web-problems.png. The run fails unless
// the extension ran in the browser's extension host: no Node language server may have started.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, screenshotOnFailure } from '../test/vscode/browser';
import { browserHostSettings } from '../test/vscode/browserHost';
import { ensureDebianPackages } from '../test/vscode/debianPackages';
import { REPO_ROOT } from '../test/vscode/paths';
import { cleanup, installCleanupHandlers } from '../test/vscode/processCleanup';
import { prepare } from '../test/vscode/provision';
import { copySampleWorkspace, makeRunFolder } from '../test/vscode/runFolder';
import { errorText } from '../test/vscode/text';
import { startServer } from '../test/vscode/vscodeServer';
import { installVsix } from '../test/vscode/vsix';

const VSIX = path.join(REPO_ROOT, 'dist', 'rmrb-corpus.vsix');
const IMAGE = path.join(REPO_ROOT, 'docs', 'images', 'web-problems.png');
const BROKEN = 'broken.rmrb';
const WAIT_MS = 30_000;

declare const document: any;

/** Whether a Node language server of this extension runs now (it must not, in the browser host). */
function nodeServerRunning(extensionsDir: string): boolean {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.split('\n').some((line) => line.includes(extensionsDir) && line.includes('serverMain.js'));
}

async function main(): Promise<void> {
  const run = makeRunFolder('web-screenshot');
  installCleanupHandlers({ before: () => run.keep() });
  let page;
  try {
    if (!fs.existsSync(VSIX)) throw new Error('dist/rmrb-corpus.vsix is missing: run `npm run package` first');
    ensureDebianPackages(['chromium', 'fonts-wqy-microhei']);
    const prepared = await prepare();
    const extensionsDir = path.join(run.dir, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    await installVsix(prepared, VSIX, run.dir, extensionsDir);
    const workspace = copySampleWorkspace(path.join(run.dir, 'workspace'));
    const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.minimap.enabled': false, 'problems.defaultViewMode': 'tree', ...browserHostSettings() };
    const server = await startServer({ prepared, runDir: run.dir, extensionsDir, settings });
    page = (await launchBrowser()).page;
    await page.goto(server.url(workspace));
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: WAIT_MS });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill(BROKEN);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: BROKEN }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: WAIT_MS });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction((name: string) => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((row: any) => (row.textContent ?? '').includes(name)), BROKEN, { timeout: WAIT_MS });
    await page.keyboard.press('Home');
    // The corpus's counts, once the index has read the folder through the client.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.part.statusbar .statusbar-item')].some((item: any) => /^RMRB\s+\d/.test(item.textContent?.trim() ?? '')),
      undefined,
      { timeout: WAIT_MS },
    );
    await page.mouse.move(1279, 799);
    if (nodeServerRunning(extensionsDir)) throw new Error('a Node language server runs: the extension is not in the browser extension host');
    fs.writeFileSync(IMAGE, await page.screenshot({ type: 'png' }));
    console.log(`  ${path.relative(REPO_ROOT, IMAGE)} (${Math.round(fs.statSync(IMAGE).size / 1024)} KB)`);
  } catch (error) {
    run.keep();
    const shot = await screenshotOnFailure(page, path.join(run.dir, 'failure.png'));
    throw new Error(`${errorText(error)}\nrun folder kept: ${run.dir}${shot ? ' (failure.png)' : ''}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(errorText(error));
    process.exit(1);
  },
);
