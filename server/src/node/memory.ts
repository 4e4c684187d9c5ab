// How the server gives memory back. Opening a big file allocates several times its size for a
// moment (the message's bytes, its text, the parse's young objects), and V8 keeps what it took:
//
// - A parse keeps most of what it allocates, so V8 grows its young generation to its largest,
//   32 MB, and never makes it smaller again by itself but through its memory reducer, which
//   starts only after a major collection. So the young generation is let grow to 4 MB and no
//   further (`capYoungGeneration`): with a 10 MB file open that is ~24 MB less resident memory,
//   for parses that are the same to ~10 % slower (more, smaller scavenges; bench/, 2026-12).
// - Once the server has gone idle after a big message (a didOpen or a change with half a
//   million characters or more) or a didClose, it runs one full collection (V8's `gc`, reached through
//   `--expose-gc` at run time, `idleCollector`): what the message and a closed document held is
//   freed, and V8's memory reducer gets going, which gives the rest back some seconds later
//   (without it, the server of a 10 MB file stays at 7× the file's size, for good).

import { performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Message, MessageReader } from 'vscode-languageserver/node';

/** How big the young generation may grow (both its halves). */
export const YOUNG_GENERATION_BYTES = 4 << 20;
/** Texts from this length on (UTF-16 units), and didClose, are followed by a collection once the server is idle. */
export const BIG_TEXT = 1 << 19;
/** Idle: no message for this long, and the event loop busy less than a tenth of it. */
const IDLE_MS = 500;
const BUSY_AT_MOST = 0.1;

export interface IdleCollector {
  /** A message was read: `big` when it is worth a collection once the server is idle. */
  message(big: boolean): void;
  /** How many collections have run (for tests and the bench). */
  readonly collections: number;
  dispose(): void;
}

/** V8's full collection, or undefined where it cannot be had. */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export function idleCollector(gc = exposeGc()): IdleCollector {
  let due = false;
  let lastMessage = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let utilization = performance.eventLoopUtilization();
  let collections = 0;

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const check = () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, utilization).utilization;
    utilization = now;
    if (!due) return stop();
    if (performance.now() - lastMessage < IDLE_MS || busy > BUSY_AT_MOST) return; // a parse may still run
    due = false;
    stop();
    gc?.();
    collections++;
  };

  return {
    message(big) {
      lastMessage = performance.now();
      if (!big || !gc) return;
      due = true;
      if (!timer) {
        utilization = performance.eventLoopUtilization();
        timer = setInterval(check, IDLE_MS);
        timer.unref?.(); // never what keeps the process alive
      }
    },
    get collections() {
      return collections;
    },
    dispose: stop,
  };
}

/**
 * Lets V8 grow its young generation up to `maxBytes` and no further: each time a collection
 * ends, the young generation's size is looked at, and once it has reached `maxBytes`, V8's
 * growth factor is set to 1, a flag V8 reads each time it would grow it.
 */
export function capYoungGeneration(maxBytes = YOUNG_GENERATION_BYTES): void {
  try {
    const observer = new PerformanceObserver(() => {
      const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      if (!young || young.space_size < maxBytes) return;
      setFlagsFromString('--semi-space-growth-factor=1');
      observer.disconnect();
    });
    observer.observe({ entryTypes: ['gc'] });
  } catch {
    // Another engine: nothing to do.
  }
}

/** Whether `message` is worth a collection once the server is idle: a big text came or a document went. */
export function worthCollecting(message: Message): boolean {
  const { method, params } = message as { method?: string; params?: { textDocument?: { text?: unknown }; contentChanges?: Array<{ text?: unknown }> } };
  if (method === 'textDocument/didClose') return true;
  if (method === 'textDocument/didOpen') return typeof params?.textDocument?.text === 'string' && params.textDocument.text.length >= BIG_TEXT;
  if (method === 'textDocument/didChange') return params?.contentChanges?.some((c) => typeof c.text === 'string' && c.text.length >= BIG_TEXT) ?? false;
  return false;
}

/** `reader`, with every message it reads shown to `collector` first: works on any transport's reader. */
export function watchedBy(collector: IdleCollector, reader: MessageReader): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        try {
          collector.message(worthCollecting(message));
        } catch {
          // Never in the way of a message.
        }
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}
