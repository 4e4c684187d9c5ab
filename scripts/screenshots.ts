// `npm run screenshots` (after `npm run package` made dist/rmrb-corpus.vsix): installs the packaged
// extension into the VS Code server (code-server, prepared once per machine) with a fresh
// extensions folder, opens the sample workspace in headless Chromium and uses it as a person
// would (Quick Open, keyboard shortcuts, the Command Palette), then saves 1280×800 PNGs:
//   docs/images/highlighting.png  the highlighted sample
//   docs/images/problems.png      the Problems panel with broken.rmrb's diagnostics
//   docs/images/outline.png       the Outline view, expanded
// On failure it keeps its run folder with a screenshot of the moment it failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
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
    await page.waitForFunction(
      () => document.querySelectorAll('.markers-panel .monaco-list-row').length >= 4,
      undefined,
      { timeout: WAIT_MS },
    );
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

/** No "Activating Extensions…" or other progress left in the status bar. */
async function waitForQuietStatusBar(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !/Activating|Initializing/i.test(document.querySelector('.part.statusbar')?.textContent ?? ''),
    undefined,
    { timeout: WAIT_MS },
  );
}

async function dismissNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notifications-toasts .notification-toast').count()) > 0) {
    await runCommand(page, 'Notifications: Clear All Notifications');
  }
  // Nothing hovering or animating in the picture.
  await page.mouse.move(1279, 799);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

async function save(page: Page, name: string): Promise<void> {
  fs.mkdirSync(IMAGES, { recursive: true });
  const file = path.join(IMAGES, name);
  const png = await page.screenshot({ type: 'png' });
  const small = paletteImage(png);
  fs.writeFileSync(file, small && small.length < png.length ? small : png);
  console.log(`  ${path.relative(REPO_ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

// ---------------------------------------------------------------------------------------------
// Keeping the PNGs small: a screenshot of the workbench has a few thousand colours, mostly the
// anti-aliased edges of text. Reduced to a 256-colour palette (median cut, no dithering) the
// picture looks the same and the file is a fraction of the size.

/** Returns the screenshot as an 8-bit palette PNG, or undefined if it is not a plain 8-bit RGB(A) PNG. */
function paletteImage(png: Buffer): Buffer | undefined {
  const image = decodePng(png);
  if (!image) return undefined;
  const { width, height, rgb } = image;
  const counts = new Map<number, number>();
  for (let i = 0; i < rgb.length; i++) counts.set(rgb[i], (counts.get(rgb[i]) ?? 0) + 1);
  const colours = [...counts.keys()];
  const boxes = medianCut(colours, counts, 256);
  const palette = Buffer.alloc(boxes.length * 3);
  const indexOf = new Map<number, number>();
  boxes.forEach((box, index) => {
    let r = 0;
    let g = 0;
    let b = 0;
    let n = 0;
    for (const c of box) {
      const k = counts.get(c)!;
      r += (c >> 16) * k;
      g += ((c >> 8) & 0xff) * k;
      b += (c & 0xff) * k;
      n += k;
      indexOf.set(c, index);
    }
    palette[index * 3] = Math.round(r / n);
    palette[index * 3 + 1] = Math.round(g / n);
    palette[index * 3 + 2] = Math.round(b / n);
  });
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none (best for palette images)
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = indexOf.get(rgb[y * width + x])!;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: palette
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('PLTE', palette),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9, memLevel: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function decodePng(png: Buffer): { width: number; height: number; rgb: Uint32Array } | undefined {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colourType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6)) return undefined;
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  if (!width || !channels) return undefined;
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rgb = new Uint32Array(width * height);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const i = x * channels;
      rgb[y * width + x] = (line[i] << 16) | (line[i + 1] << 8) | line[i + 2];
    }
    previous = line;
  }
  return { width, height, rgb };
}

/** Splits the colours into at most `limit` boxes, always splitting the most populous box along its widest channel. */
function medianCut(colours: number[], counts: Map<number, number>, limit: number): number[][] {
  const boxes: number[][] = [colours];
  const weight = (box: number[]) => box.reduce((sum, c) => sum + counts.get(c)!, 0);
  while (boxes.length < limit) {
    let best = -1;
    let bestScore = 0;
    let bestShift = 0;
    boxes.forEach((box, i) => {
      if (box.length < 2) return;
      let widest = 0;
      let shift = 0;
      for (const s of [16, 8, 0]) {
        let lo = 255;
        let hi = 0;
        for (const c of box) {
          const v = (c >> s) & 0xff;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi - lo > widest) {
          widest = hi - lo;
          shift = s;
        }
      }
      const score = widest * Math.sqrt(weight(box));
      if (widest > 0 && score > bestScore) {
        bestScore = score;
        best = i;
        bestShift = shift;
      }
    });
    if (best < 0) break;
    const box = boxes[best].sort((a, b) => ((a >> bestShift) & 0xff) - ((b >> bestShift) & 0xff));
    const half = weight(box) / 2;
    let sum = 0;
    let cut = 1;
    for (; cut < box.length - 1; cut++) {
      sum += counts.get(box[cut - 1])!;
      if (sum >= half) break;
    }
    boxes.splice(best, 1, box.slice(0, cut), box.slice(cut));
  }
  return boxes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  let crc = 0xffffffff;
  for (const byte of Buffer.concat([head.subarray(4), body])) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 0);
  return Buffer.concat([head, body, tail]);
}

main().then(
  () => process.exit(0),
  async (error) => {
    await cleanup();
    console.error(`screenshots failed: ${errorText(error)}`);
    process.exit(1);
  },
);
