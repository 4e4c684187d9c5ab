// What the commands share about their arguments.

import { globTest, type EncodingChoice, type FileSelection } from './corpusFiles';

/** A mistake in the command line: reported in one line with the usage, exit status 2. */
export class UsageError extends Error {}

/** `--flag=value` as its flag and value; any other argument as itself, with no value. */
export function splitOption(a: string): [string, string | undefined] {
  const eq = a.indexOf('=');
  return a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
}

/** One option as a command's reader of options sees it. */
export interface Option {
  flag: string;
  /** Its value: after `=`, else the next argument (a usage error when there is none). */
  value(): string;
  /** The next argument too, when there is one and it is no option (for `--index FILE…`). */
  more(): string | undefined;
  /** It came with `=value`, so it takes no argument after it. */
  inline: boolean;
}

/**
 * Walks a command's arguments: options (`--flag value`, `--flag=value`), paths, and after `--`
 * paths only. `option` takes one option and says whether it knew it; an option it does not
 * know is a usage error. Returns the paths, in order.
 */
export function readArguments(args: readonly string[], option: (o: Option) => boolean): string[] {
  const paths: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const [flag, inline] = splitOption(a);
    if (flag === '--') {
      paths.push(...args.slice(k + 1));
      break;
    }
    if (!flag.startsWith('-') || flag === '-') {
      paths.push(a);
      continue;
    }
    const known = option({
      flag,
      inline: inline !== undefined,
      value: () => {
        const v = inline ?? args[++k];
        if (v === undefined) throw new UsageError(`${flag} needs a value`);
        return v;
      },
      more: () => (inline === undefined && k + 1 < args.length && !args[k + 1].startsWith('-') ? args[++k] : undefined),
    });
    if (!known) throw new UsageError(`unknown option ${flag}`);
  }
  return paths;
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
