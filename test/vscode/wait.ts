// Waiting with a deadline: every wait of the runners is on a condition or an event, and its
// timeout says what it was waiting for.

/** A wait that ran out of time; `waitingFor` says for what. */
export class TimeoutError extends Error {
  constructor(
    readonly waitingFor: string,
    readonly ms: number,
  ) {
    super(`timed out after ${seconds(ms)} s waiting for ${waitingFor}`);
    this.name = 'TimeoutError';
  }
}

/** Resolves like `promise`, or rejects with a TimeoutError naming `waitingFor` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, waitingFor: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(waitingFor, ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once `promise` settles or `ms` have passed, whichever is first: a bounded wait for a best effort. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return withTimeout(promise.then(() => true, () => true), ms, 'a best effort').catch(() => false);
}

export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
