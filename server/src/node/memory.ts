// How the server gives memory back. Opening a big file allocates several times its size for a
// moment (the message's bytes, its text, the parse's young objects), and V8 keeps what it took
// until a major collection, which an idle server may not have for a long while; its memory
// reducer, which also gives back the young generation V8 grew for the parse, starts only after
// one. So once the server has gone idle after a big text (a didOpen or a change with half a
// million characters or more) or a didClose, it runs one full collection (V8's `gc`, reached
// through `--expose-gc` at run time): what the message and a closed document held is freed, and
// the memory reducer gives the rest back some seconds later. With a 10 MB file open the server
// then settles at ~4.5× the file's size in RSS; without it, it stays at ~7× for good.
//
// Not done, measured: keeping the young generation small (V8's --semi-space-growth-factor=1,
// which V8 reads each time it would grow it, set once it has reached 4 MB) holds the server at
// ~4.4× the file two seconds after the open and ~4.0× once settled, but makes every
// allocation-heavy answer slower: a 10 MB didOpen by ~20 %, the cold outline of it by ~25 %.

import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Message, MessageReader } from 'vscode-languageserver/node';

/** Texts from this length on (UTF-16 units), and didClose, are followed by a collection once the server is idle. */
export const BIG_TEXT = 1 << 19;
/** Idle: no message for this long, and the event loop busy less than a tenth of it. */
const IDLE_MS = 500;
const BUSY_AT_MOST = 0.1;

export interface IdleCollector {
  /** A message was read: `big` when it is worth a collection once the server is idle. */
  message(big: boolean): void;
  /** How many collections have run. */
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
