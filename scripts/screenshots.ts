// `npm run screenshots` (after `npm run package` made dist/rmrb-corpus.vsix): installs the packaged
// extension into the VS Code server (code-server, prepared once per machine) with a fresh
// extensions folder, opens the sample workspace in headless Chromium and uses it as a person
// would (Quick Open, keyboard shortcuts, the Command Palette), then saves 1280×800 PNGs:
//   docs/images/highlighting.png  the highlighted sample
//   docs/images/problems.png      the Problems panel with broken.rmrb's diagnostics
//   docs/images/outline.png       the Outline view, expanded
//   docs/images/workspace-problems.png  the Problems panel with the problems of files never opened
//                                       (the workspace index), and the corpus's counts in the status bar
//   docs/images/problems-zh.png   broken.rmrb with "rmrb.language": "zh-cn": the Problems panel and
//                                 a problem's hover in Chinese (VS Code's own words stay English)
// On failure it keeps its run folder with a screenshot of the moment it failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshotOnFailure } from '../test/vscode/browser';
import { ensureDebianPackages } from '../test/vscode/debianPackages';
import { REPO_ROOT } from '../test/vscode/paths';
import { cleanup, describeEarlyEnd, installCleanupHandlers } from '../test/vscode/processCleanup';
import { prepare } from '../test/vscode/provision';
import { copySampleWorkspace, makeRunFolder } from '../test/vscode/runFolder';
import { errorText } from '../test/vscode/text';
import { startServer } from '../test/vscode/vscodeServer';
import { installVsix } from '../test/vscode/vsix';

const VSIX = path.join(REPO_ROOT, 'dist', 'rmrb-corpus.vsix');
const IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const SAMPLE = 'rmrb-20130908-002-3.txt';
const BROKEN = 'broken.rmrb';
/** broken.rmrb's date that is not a real day: its problem is the one hovered. */
const BROKEN_DATE = '19930230';
/** Files of the workspace that nothing opens: their problems come from the workspace index. */
const CLOSED_FOLDER = 'closed';
const CLOSED_FILES = ['sanxia.rmrb', 'jingjiu.rmrb'];
const WAIT_MS = 30_000;

/** How the workbench looks in the pictures. */
const SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid',
  'outline.collapseItems': 'alwaysExpand',
  'problems.defaultViewMode': 'tree',
  // Other programs listening on this machine would show as a count on the Ports tab.
  'remote.autoForwardPorts': false,
};

// The functions handed to waitForFunction and evaluate run in the page, with the browser's globals.
declare const document: any;
declare const requestAnimationFrame: (callback: () => void) => number;

let step = 'starting';

async function main(): Promise<void> {
  const run = makeRunFolder('screenshots');
  installCleanupHandlers({
    before: () => run.keep(),
    after: (end) => console.log(`screenshots: ${describeEarlyEnd(end)}; run folder kept: ${run.dir}`),
  });
  let page: Page | undefined;
  try {
    if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(REPO_ROOT, VSIX)} is missing: run \`npm run package\` first`);
    // Chinese text needs a CJK font in Chromium, or it shows as boxes.
    ensureDebianPackages(['chromium', 'fonts-wqy-microhei']);
    const prepared = await prepare();

    step = 'installing the .vsix';
    const extensionsDir = path.join(run.dir, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    await installVsix(prepared, VSIX, run.dir, extensionsDir);
    const installed = fs.readdirSync(extensionsDir).filter((name) => name.startsWith('rmrb-corpus.'));
    console.log(`Installed ${path.relative(REPO_ROOT, VSIX)} as ${installed.join(', ') || '(nothing?)'}`);

    step = 'starting the VS Code server';
    const workspace = copySampleWorkspace(path.join(run.dir, 'workspace'));
    const server = await startServer({ prepared, runDir: run.dir, extensionsDir, settings: SETTINGS });
    const browser = await launchBrowser();
    page = browser.page;
    await page.goto(server.url(workspace));
    step = 'waiting for the workbench';
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: WAIT_MS });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: WAIT_MS });

    step = `opening ${SAMPLE}`;
    await quickOpen(page, SAMPLE);
    await waitForLanguage(page, 'RMRB Corpus');
    await waitForColouredTokens(page);
    await waitForQuietStatusBar(page);
    await dismissNotifications(page);
    await save(page, 'highlighting.png');

    step = `opening ${BROKEN} and the Problems panel`;
    await quickOpen(page, BROKEN);
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: WAIT_MS });
    await page.keyboard.press('Control+Shift+M');
    // broken.rmrb and its five problems; the closed files' problems may have come first, so the
    // list goes back to its top (the panel has the focus) to show broken.rmrb's.
    await page.waitForFunction(
      (name: string) => {
        const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row: any) => row.textContent ?? '');
        return rows.length >= 6 && rows.some((text) => text.includes(name));
      },
      BROKEN,
      { timeout: WAIT_MS },
    );
    await page.keyboard.press('Home');
    await dismissNotifications(page);
    await save(page, 'problems.png');

    step = 'opening the Outline view';
    await runCommand(page, 'View: Toggle Panel Visibility'); // the Problems panel closes
    await quickOpen(page, SAMPLE);
    await runCommand(page, 'Explorer: Focus on Outline View');
    await page.locator('.outline-pane .monaco-list-row').first().waitFor({ state: 'visible', timeout: WAIT_MS });
    // Give the outline the whole sidebar (collapse the folder's section above it) and room for titles.
    const folders = page.locator('.sidebar .pane-header[aria-expanded="true"]', { hasText: 'workspace' }).first();
    if ((await folders.count()) > 0) await folders.click();
    await widenSidebar(page, 500);
    await page.waitForFunction(() => document.querySelectorAll('.outline-pane .monaco-list-row').length >= 15, undefined, {
      timeout: WAIT_MS,
    });
    await page.locator('.outline-pane .monaco-list-row').first().click();
    await dismissNotifications(page);
    await save(page, 'outline.png');

    step = 'showing the problems of the files no editor has open';
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Show Explorer');
    // The folder's section was collapsed for the outline: open it again, and the closed folder in it.
    const collapsed = page.locator('.sidebar .pane-header[aria-expanded="false"]', { hasText: 'workspace' }).first();
    if ((await collapsed.count()) > 0) await collapsed.click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: CLOSED_FOLDER }).first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: CLOSED_FILES[0] }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
    // The Outline has nothing to show with no editor open: fold it away.
    const outlineHeader = page.locator('.sidebar .pane-header[aria-expanded="true"]', { hasText: 'Outline' }).first();
    if ((await outlineHeader.count()) > 0) await outlineHeader.click();
    await page.keyboard.press('Control+Shift+M');
    // The editor area is empty: give its height to the Problems panel, so that every file's problems show.
    await runCommand(page, 'View: Toggle Maximized Panel');
    await page.waitForFunction(
      (names: string[]) => {
        const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row: any) => row.textContent ?? '');
        return names.every((name) => rows.some((text) => text.includes(name)));
      },
      CLOSED_FILES,
      { timeout: WAIT_MS },
    );
    // The corpus's counts, once the index has read every file.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.part.statusbar .statusbar-item')].some((item: any) => /^RMRB\s/.test(item.textContent?.trim() ?? '') && !/indexing/.test(item.textContent)),
      undefined,
      { timeout: WAIT_MS },
    );
    await dismissNotifications(page);
    await save(page, 'workspace-problems.png');

    step = 'switching the extension to Chinese';
    await runCommand(page, 'View: Toggle Maximized Panel');
    await widenSidebar(page, 300); // back from the Outline's width: room for the Chinese messages
    await quickOpen(page, BROKEN);
    // A folder setting, as a user would write it: the workbench sees the file change at once.
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{ "rmrb.language": "zh-cn" }\n');
    await page.keyboard.press('Control+Shift+M');
    // The invalid date's message, in Chinese: more than the two characters of the tag's name.
    await page.waitForFunction(
      (value: string) =>
        [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((row: any) => (row.textContent ?? '').includes(value) && /[\u4e00-\u9fff]{4}/.test(row.textContent)),
      BROKEN_DATE,
      { timeout: WAIT_MS },
    );
    await page.keyboard.press('Home');
    await dismissNotifications(page);
    await hoverProblemOnLine(page, BROKEN_DATE);
    await save(page, 'problems-zh.png');
  } catch (error) {
    run.keep();
    const screenshot = await screenshotOnFailure(page, path.join(run.dir, 'failure.png'));
    throw new Error(`${step}: ${errorText(error)}\nrun folder kept: ${run.dir} (${screenshot ? 'failure.png, ' : ''}server.log)`);
  } finally {
    await cleanup();
  }
}

/** Ctrl+P, the file's name, Enter: waits until its editor is the active one. */
async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(fileName);
  // Enter once the file is the highlighted pick (the list refreshes as the query is typed).
  await page
    .locator('.quick-input-widget .monaco-list-row.focused', { hasText: fileName })
    .first()
    .waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/** F1, the command's title, Enter. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-widget .monaco-list-row.focused', { hasText: title })
    .first()
    .waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

async function waitForLanguage(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.getElementById('status.editor.mode')?.textContent?.includes(expected) ?? false,
    name,
    { timeout: WAIT_MS },
  );
}

/** The grammar has run once the first lines carry more than one token colour. */
async function waitForColouredTokens(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const classes = new Set<string>();
      document.querySelectorAll('.editor-instance .view-lines span[class^="mtk"]').forEach((span: any) => classes.add(span.className));
      return classes.size >= 3;
    },
    undefined,
    { timeout: WAIT_MS },
  );
}

/** Rests the mouse on the squiggle of the line holding `text` and waits for its hover, in Chinese. */
async function hoverProblemOnLine(page: Page, text: string): Promise<void> {
  const line = await page.locator('.editor-instance .view-line', { hasText: text }).first().boundingBox();
  if (!line) throw new Error(`no line with ${text} is on screen`);
  const squiggles = page.locator('.editor-instance .squiggly-error');
  let target: { x: number; y: number } | undefined;
  for (let i = 0; i < (await squiggles.count()); i++) {
    const box = await squiggles.nth(i).boundingBox();
    if (box && box.y + box.height / 2 >= line.y && box.y + box.height / 2 <= line.y + line.height) {
      target = { x: box.x + box.width / 2, y: line.y + line.height / 2 };
      break;
    }
  }
  if (!target) throw new Error(`no error squiggle on the line with ${text}`);
  await page.mouse.move(target.x, target.y);
  await page.waitForFunction(
    () => [...document.querySelectorAll('.monaco-hover')].some((hover: any) => hover.offsetParent !== null && /[\u4e00-\u9fff]{4}/.test(hover.textContent ?? '')),
    undefined,
    { timeout: WAIT_MS },
  );
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Drags the sash between the sidebar and the editor to `width` pixels from the left. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const x = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - sidebar.width) / 2, y);
  await page.mouse.move(sidebar.x + width, y);
  await page.mouse.up();
}

/** No "Activating Extensions…" or other progress left in the status bar (the workspace index's neither). */
async function waitForQuietStatusBar(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !/Activating|Initializing|RMRB: (indexing|finding)/i.test(document.querySelector('.part.statusbar')?.textContent ?? ''),
    undefined,
    { timeout: WAIT_MS },
  );
}

async function dismissNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notifications-toasts .notification-toast').count()) > 0) {
    await runCommand(page, 'Notifications: Clear All Notifications');
  }
  // No "Activating Extensions…" either: another extension's activation can bring it back.
  await waitForQuietStatusBar(page);
  // Nothing hovering or animating in the picture.
  await page.mouse.move(1279, 799);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

async function save(page: Page, name: string): Promise<void> {
  fs.mkdirSync(IMAGES, { recursive: true });
  const file = path.join(IMAGES, name);
  const png = await page.screenshot({ type: 'png' });
  const small = await paletteImage(png);
  fs.writeFileSync(file, small && small.length < png.length ? small : png);
  console.log(`  ${path.relative(REPO_ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

// ---------------------------------------------------------------------------------------------
// Keeping the PNGs small: a screenshot of the workbench has a few thousand colours, mostly the
// anti-aliased edges of text. Reduced to a 256-colour palette (image-q's Wu quantiser, each pixel
// mapped to its nearest palette colour, no dithering) the picture looks the same and the file is
// a fraction of the size. fast-png decodes the screenshot and writes the palette PNG.

/** Returns the screenshot as an 8-bit palette PNG, or undefined if it is not a plain 8-bit RGB(A) PNG. */
async function paletteImage(png: Buffer): Promise<Uint8Array | undefined> {
  // Both are ES modules; this file is CommonJS.
  const { decode, encode } = await import('fast-png');
  const { applyPaletteSync, buildPaletteSync, utils } = await import('image-q');
  const image = decode(png);
  const { width, height, channels } = image;
  if (image.depth !== 8 || image.palette || (channels !== 3 && channels !== 4)) return undefined;
  const rgba = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    for (let c = 0; c < 3; c++) rgba[pixel * 4 + c] = image.data[pixel * channels + c];
    rgba[pixel * 4 + 3] = 255; // the workbench is opaque
  }
  const points = utils.PointContainer.fromUint8Array(rgba, width, height);
  const options = { colorDistanceFormula: 'euclidean' } as const;
  const palette = buildPaletteSync([points], { ...options, colors: 256, paletteQuantization: 'wuquant' });
  const mapped = applyPaletteSync(points, palette, { ...options, imageQuantization: 'nearest' });
  const colours = palette.getPointContainer().getPointArray();
  const indexOf = new Map(colours.map((colour, index) => [colour.uint32, index]));
  const indices = Uint8Array.from(mapped.getPointArray(), (point) => {
    const index = indexOf.get(point.uint32);
    if (index === undefined) throw new Error('image-q mapped a pixel to a colour outside its palette');
    return index;
  });
  return encode(
    { width, height, depth: 8, channels: 1, data: indices, palette: colours.map((colour) => [colour.r, colour.g, colour.b]) },
    { zlib: { level: 9 } },
  );
}

main().then(
  () => process.exit(0),
  async (error) => {
    await cleanup();
    console.error(`screenshots failed: ${errorText(error)}`);
    process.exit(1);
  },
);
