// Waiting on a condition in a running VS Code: the extension activates, the language server
// starts, diagnostics arrive, all asynchronously. Tests poll for what a user would see and, on
// timeout, say what they saw last; they never sleep a fixed time.

/**
 * Resolves once `condition` returns true (it may be async; a throw counts as "not yet").
 * Rejects after `timeoutMs` with `describe()`: what was expected and what was seen last.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  let seen: string;
  try {
    seen = describe();
  } catch (error) {
    seen = `(describe failed: ${error instanceof Error ? error.message : String(error)})`;
  }
  const thrown = lastError === undefined ? '' : `\nthe condition last threw: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
  throw new Error(`timed out after ${timeoutMs} ms: ${seen}${thrown}`);
}

/** Polls an async value until `accept` takes it; returns it, or times out describing the last one. */
export async function waitForValue<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  describe: (last: T | undefined) => string,
  timeoutMs = 20_000,
): Promise<T> {
  let last: T | undefined;
  await waitFor(
    async () => {
      last = await read();
      return accept(last);
    },
    () => describe(last),
    timeoutMs,
  );
  return last as T;
}
