// What the commands share about their arguments.

import type { EncodingChoice } from './corpusFiles';

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
