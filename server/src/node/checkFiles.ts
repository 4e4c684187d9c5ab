// Checks files one by one: read, decode, parse, the editor's diagnostics, and the articles the
// checks across files need. With --jobs N, N threads share the files (fileThreads.ts).
//
// The checks across records are left out here: the run does them once over every file's
// articles (checkCommand.ts), so a duplicate in another file is found like one in the same file.

import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { articlesOf, type Article } from '../features/articleIndex';
import { createLanguageService, type LanguageService, type Locale, type Settings } from '../languageService';
import { todayYYYYMMDD } from '../text/dates';
import { SettingsFinder } from './checkSettings';
import { readCorpusFileSync, type EncodingChoice } from './corpusFiles';
import { overFiles, type FileWork } from './fileThreads';

export interface CheckSetup {
  encoding: EncodingChoice;
  config: string | undefined;
  rules: Record<string, string>;
  /** The language of the messages. */
  locale: Locale;
}

export type FileResult =
  | { file: string; bytes: number; encoding: string; diagnostics: Diagnostic[]; articles: Article[] }
  | { file: string; bytes: number; error: string }
  /** A `.txt` found in a walk whose first line opens with no tag: not a corpus file. */
  | { file: string; bytes: number; skipped: true };

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
  async check(file: string, sniff = false): Promise<FileResult> {
    try {
      return await this.#check(file, sniff);
    } catch (e) {
      return { file, bytes: 0, error: `could not be checked (${e instanceof Error ? e.message : String(e)}): please report this` };
    }
  }

  async #check(file: string, sniff: boolean): Promise<FileResult> {
    const loaded = readCorpusFileSync(file, this.setup.encoding, sniff);
    if ('error' in loaded) return { file, bytes: 0, error: loaded.error };
    if ('skipped' in loaded) return { file, bytes: 0, skipped: true };
    const service = this.serviceFor(file);
    const doc = service.parse(loaded.decoded.text);
    return {
      file,
      bytes: loaded.bytes.length,
      encoding: loaded.decoded.encoding,
      diagnostics: service.getDiagnostics(doc, this.setup.locale, { acrossRecords: false }),
      articles: articlesOf(doc, file),
    };
  }
}

/**
 * Checks every file, calling `done` once per file (in no particular order) with its index, in
 * `jobs` threads at most (fileThreads.ts).
 */
export async function checkFiles(files: readonly string[], unsniffed: ReadonlySet<string>, setup: CheckSetup, jobs: number, done: (index: number, result: FileResult) => void): Promise<void> {
  await overFiles(files, unsniffed, jobs, { kind: 'check', setup }, checkWork(setup), done);
}

/** What a worker thread does for `rmrb check`. */
export const checkWork = (setup: CheckSetup): FileWork<FileResult> => {
  const checker = new FileChecker(setup);
  return (file, sniff) => checker.check(file, sniff);
};
