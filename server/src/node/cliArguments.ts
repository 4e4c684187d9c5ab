// What the commands share about their arguments.

import { globTest, type EncodingChoice, type FileSelection } from './corpusFiles';

/** A mistake in the command line: reported in one line with the usage, exit status 2. */
export class UsageError extends Error {}

/** `--flag=value` as its flag and value; any other argument as itself, with no value. */
export function splitOption(a: string): [string, string | undefined] {
  const eq = a.indexOf('=');
  return a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
}

/** The value of `--encoding`. */
export function encodingOption(value: string | undefined): EncodingChoice {
  if (value === undefined) throw new UsageError('--encoding needs a value');
  const v = value.toLowerCase();
  if (v !== 'auto' && v !== 'utf-8' && v !== 'gb18030') throw new UsageError(`unknown encoding “${value}” (auto, utf-8 or gb18030)`);
  return v;
}

/**
 * Takes `--include GLOB` or `--exclude GLOB` (each repeatable) into `selection`, checking the
 * glob now so that a bad one is a usage error before any file is read. False for other flags;
 * `value` is called only for these two, as it may consume the next argument.
 */
export function selectionOption(flag: string, value: () => string, selection: FileSelection): boolean {
  if (flag !== '--include' && flag !== '--exclude') return false;
  const glob = value();
  try {
    globTest(glob);
  } catch (e) {
    throw new UsageError(`${flag}: ${(e as Error).message}`);
  }
  (flag === '--include' ? selection.include : selection.exclude).push(glob);
  return true;
}

/** A new, empty selection: every corpus file a walk finds. */
export function allFiles(): FileSelection {
  return { include: [], exclude: [] };
}

/** `--jobs N`: a whole number of threads, 1 or more. */
export function jobsOption(v: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`--jobs needs a whole number of threads, 1 or more, not “${v}”`);
  return Number(v);
}

/**
 * `--locale en|zh`, the language of the messages; without it, Chinese when the environment's
 * locale is (LC_ALL, LC_MESSAGES or LANG, as gettext reads them), else English.
 */
export function localeOption(v: string | undefined, env: NodeJS.ProcessEnv = process.env): 'en' | 'zh' {
  if (v !== undefined) {
    if (/^zh([-_].*)?$/i.test(v)) return 'zh';
    if (/^en([-_].*)?$/i.test(v)) return 'en';
    throw new UsageError(`--locale takes en or zh, not “${v}”`);
  }
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(tag) ? 'zh' : 'en';
}
