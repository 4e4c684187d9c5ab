// The browser: Debian's Chromium driven headless by playwright-core, the smoke-test driver's
// hooks the workbench calls (codeAutomationLog, codeAutomationExit), and screenshots on failure.
import * as fs from 'node:fs';
import * as util from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, ensureDebianPackages } from './debianPackages';
import { onCleanup } from './processCleanup';
import { errorText } from './text';
import { settledWithin } from './wait';

export interface OpenedBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(options: { headless?: boolean } = {}): Promise<OpenedBrowser> {
  ensureDebianPackages(['chromium']);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    // This program's cleanup ends the browser; playwright's own handlers would race it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await settledWithin(browser.close().catch(() => {}), 5000);
  };
  onCleanup(close);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, context, page, close };
}

/** Writes the page's console messages and uncaught page errors to `file`. */
export function logPageConsole(page: Page, file: string): void {
  const log = fs.createWriteStream(file);
  onCleanup(() => new Promise<void>((resolve) => log.end(resolve)));
  page.on('console', (message) => log.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => log.write(`[pageerror] ${errorText(error, true)}\n`));
}

export interface AutomationHooks {
  /**
   * Settles with the code the workbench hands to codeAutomationExit once the tests module's
   * run() settled: 0 when it resolved, 1 when it rejected or could not load. Never trust 0
   * alone: the workbench reports 0 for a dead extension host too.
   */
  exited: Promise<number>;
}

/**
 * Exposes the smoke-test driver's hooks on the page (call it before loading the workbench):
 * every console line of the extension host, printf-style arguments formatted, goes to `onLog`.
 */
export async function exposeAutomationHooks(page: Page, onLog: (level: string, line: string) => void): Promise<AutomationHooks> {
  let settle!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
    onLog(String(level), util.format(...(Array.isArray(args) ? args : [args])));
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    settle(typeof code === 'number' ? code : Number(code) || 0);
  });
  return { exited };
}

/** Saves what the page shows at a failure; returns the file, or undefined when nothing could be captured. */
export async function screenshotOnFailure(page: Page | undefined, file: string): Promise<string | undefined> {
  if (!page) return undefined;
  try {
    await page.screenshot({ path: file });
    return file;
  } catch {
    return undefined;
  }
}
