// node:assert/strict's calls the integration suite makes, for its browser bundle (the web
// extension host has no Node): the same tests, the same failures, the values shown as JSON.

export class AssertionError extends Error {
  override name = 'AssertionError';
  constructor(
    message: string,
    readonly actual?: unknown,
    readonly expected?: unknown,
  ) {
    super(message);
  }
}

const shown = (v: unknown): string => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v, null, 2) ?? String(v));
  } catch {
    return String(v);
  }
};

function fail(what: string, message: string | Error | undefined, actual: unknown, expected: unknown): never {
  if (message instanceof Error) throw message;
  const detail = `\n  actual: ${shown(actual).replace(/\n/g, '\n  ')}\n  expected: ${shown(expected).replace(/\n/g, '\n  ')}`;
  throw new AssertionError(`${message ?? what}${detail}`, actual, expected);
}

function deepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepStrictEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepStrictEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail('The expression evaluated to a falsy value', message, value, true);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail('Expected values to be strictly equal', message, actual, expected);
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepStrictEqual(actual, expected)) fail('Expected values to be strictly deep-equal', message, actual, expected);
}

export function match(value: string, re: RegExp, message?: string | Error): void {
  if (!re.test(value)) fail(`The input did not match the regular expression ${re}`, message, value, String(re));
}
