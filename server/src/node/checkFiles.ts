// Checks files one by one: read, decode, parse, the editor's diagnostics, and the articles the
// checks across files need. With --jobs N, N worker threads share the files, a batch at a time;
// results come back by index, so what is written is the same whatever N is.
//
// The checks across records are left out here: the run does them once over every file's
// articles (checkCommand.ts), so a duplicate in another file is found like one in the same file.

import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import { articlesOf, type Article } from '../features/articleIndex';
import { createLanguageService, type LanguageService, type Settings } from '../languageService';
import { todayYYYYMMDD } from '../text/dates';
import { SettingsFinder } from './checkSettings';
import { readCorpusFileSync, type EncodingChoice } from './corpusFiles';

export interface CheckSetup {
  encoding: EncodingChoice;
  config: string | undefined;
  rules: Record<string, string>;
}

export type FileResult =
  | { file: string; bytes: number; encoding: string; diagnostics: Diagnostic[]; articles: Article[] }
  | { file: string; bytes: number; error: string };

/** Checks files in this thread, one service per settings. */
export class FileChecker {
  readonly finder: SettingsFinder;
  readonly #services = new Map<Settings, LanguageService>();
  readonly #today = todayYYYYMMDD();

  constructor(private readonly setup: CheckSetup) {
    this.finder = new SettingsFinder(setup.config, setup.rules);
  }

  serviceFor(file: string): LanguageService {
    const settings = this.finder.forFolder(path.dirname(file));
    let s = this.#services.get(settings);
    // One day for the whole run: a run that crosses midnight does not change its mind halfway.
    if (!s) this.#services.set(settings, (s = createLanguageService({ settings: { ...settings, maxProblems: Number.MAX_SAFE_INTEGER }, today: () => this.#today })));
    return s;
  }

  /** Never throws: a file that breaks the checker is reported like one that cannot be read, and the run goes on. */
  async check(file: string): Promise<FileResult> {
    try {
      return await this.#check(file);
    } catch (e) {
      return { file, bytes: 0, error: `could not be checked (${e instanceof Error ? e.message : String(e)}): please report this` };
    }
  }

  async #check(file: string): Promise<FileResult> {
    const loaded = readCorpusFileSync(file, this.setup.encoding);
    if ('error' in loaded) return { file, bytes: 0, error: loaded.error };
    const service = this.serviceFor(file);
    const doc = service.parse(loaded.decoded.text);
    return {
      file,
      bytes: loaded.bytes.length,
      encoding: loaded.decoded.encoding,
      diagnostics: service.getDiagnostics(doc, 'en', { acrossRecords: false }),
      articles: articlesOf(doc, file),
    };
  }
}

interface Batch {
  first: number;
  files: string[];
}

/**
 * Checks every file, calling `done` once per file (in no particular order) with its index.
 * `jobs` threads at most, this one among them; fewer when there are too few files to be worth
 * a thread's start.
 */
export async function checkFiles(files: readonly string[], setup: CheckSetup, jobs: number, done: (index: number, result: FileResult) => void): Promise<void> {
  const threads = Math.max(1, Math.min(jobs, Math.ceil(files.length / FILES_PER_THREAD_AT_LEAST)));
  const checker = new FileChecker(setup);
  if (threads === 1) {
    for (let i = 0; i < files.length; i++) done(i, await checker.check(files[i]));
    return;
  }
  // Small batches keep every thread busy to the end; not so small that messages cost more than checks.
  const size = Math.max(1, Math.min(BATCH, Math.ceil(files.length / (threads * 8))));
  let next = 0;
  const take = (): Batch | undefined => {
    if (next >= files.length) return undefined;
    const batch = { first: next, files: files.slice(next, next + size) };
    next += size;
    return batch;
  };
  const helpers = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(__filename, { workerData: { rmrbCheckWorker: setup } });
    return new Promise<void>((resolve, reject) => {
      let pending = 0;
      worker.on('message', (m: { first: number; results: FileResult[] }) => {
        m.results.forEach((r, k) => done(m.first + k, r));
        const batch = take();
        if (batch) worker.postMessage(batch);
        else if (--pending === 0) void worker.terminate().then(() => resolve());
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 || next >= files.length ? resolve() : reject(new Error(`a checking thread stopped (exit code ${code})`))));
      // Two batches in hand: the next is there while this thread, busy with its own, has not yet
      // read the result of the last.
      let inHand = 0;
      for (; inHand < 2; inHand++) {
        const batch = take();
        if (!batch) break;
        worker.postMessage(batch);
      }
      if (inHand === 0) void worker.terminate().then(() => resolve());
      pending = inHand;
    });
  });
  // This thread checks batches too, yielding between them so the others' results come in.
  for (let batch = take(); batch; batch = take()) {
    for (let k = 0; k < batch.files.length; k++) done(batch.first + k, await checker.check(batch.files[k]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(helpers);
}

const FILES_PER_THREAD_AT_LEAST = 16;
const BATCH = 64;

/** In a worker thread started by checkFiles: checks the batches it is sent. True when this is such a thread. */
export function runCheckWorker(): boolean {
  if (isMainThread || !workerData?.rmrbCheckWorker) return false;
  const checker = new FileChecker(workerData.rmrbCheckWorker as CheckSetup);
  parentPort!.on('message', async (batch: Batch) => {
    const results: FileResult[] = [];
    for (const file of batch.files) results.push(await checker.check(file));
    parentPort!.postMessage({ first: batch.first, results });
  });
  return true;
}
