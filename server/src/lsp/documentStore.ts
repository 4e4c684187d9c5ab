// Open documents as the server sees them. Opening a document (or replacing its whole text)
// parses it in slices between other messages, so a big file never holds up requests for
// another one; an incremental edit of a parsed document updates it at once, re-parsing only
// the records it touches. While a parse runs the text is kept and edits apply to it; a newer
// version drops the parse of the older one and starts again. Requests wait for the parse of
// the latest version (`whenParsed`), and give up when they are cancelled.

import { LSPErrorCodes, ResponseError, type CancellationToken, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { CorpusDocument, LanguageService, SteppedParse, TextChange } from '../languageService';
import { afterBreak, LineBreaks } from '../parser/lines';

/** A document whose latest version is parsed. */
export interface OpenDocument {
  uri: string;
  version: number;
  doc: CorpusDocument;
}

interface Entry {
  uri: string;
  version: number;
  /** The parse of `version` with the current tag table; undefined while it is being parsed. */
  doc: CorpusDocument | undefined;
  /** The text of `version`, kept while it is being parsed (the parse is then the only copy). */
  text: string | undefined;
  /** The parse in progress: at most one per document. Undefined while parses are held. */
  job: SteppedParse | undefined;
  /** The parse threw: requests get no document until the next version. */
  failed: boolean;
  /** Requests waiting for the parse; woken when it ends, when a newer version comes, or on close. */
  waiters: Set<() => void>;
}

export interface DocumentStoreOptions {
  /** Called when a document's latest version is parsed: at once after an edit, or when its parse in slices ends. */
  onParsed?: (doc: OpenDocument) => void;
  /** Called when a parse throws (a bug): the document stays open, without a parse. */
  onError?: (what: string, error: unknown) => void;
  /** How long one turn of parsing runs before other messages are handled, in ms. */
  turnMs?: number;
  /** Runs `f` after the messages waiting now: setImmediate where there is one. */
  defer?: (f: () => void) => void;
}

/** Characters parsed per step; documents parsing at the same time take steps in turn. */
const STEP_CHARS = 1 << 16;
const DEFAULT_TURN_MS = 25;

/** The answer to a request cancelled by the client. */
export const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
/**
 * vscode-jsonrpc moves a message through a few setImmediate hops (reading, its message queue,
 * writing the answer), so between two turns of parsing the server lets that many go by: a
 * request then waits for one turn, not one per hop.
 */
const YIELD_HOPS = 4;
const nextTick = (f: () => void): void => {
  if (typeof setImmediate === 'function') setImmediate(f);
  else setTimeout(f, 0);
};
const defaultDefer = (f: () => void, hops = YIELD_HOPS): void => nextTick(hops <= 1 ? f : () => defaultDefer(f, hops - 1));

export class DocumentStore {
  private readonly docs = new Map<string, Entry>();
  /** Entries whose parse runs, in the order they take their next step. */
  private readonly parsing = new Set<Entry>();
  private turnScheduled = false;
  private held = false;
  private readonly turnMs: number;
  private readonly defer: (f: () => void) => void;

  constructor(
    private readonly service: LanguageService,
    private readonly options: DocumentStoreOptions = {},
  ) {
    this.turnMs = options.turnMs ?? DEFAULT_TURN_MS;
    this.defer = options.defer ?? defaultDefer;
  }

  open(uri: string, version: number, text: string): void {
    const old = this.docs.get(uri);
    if (old) this.drop(old);
    const entry: Entry = { uri, version, doc: undefined, text: undefined, job: undefined, failed: false, waiters: new Set() };
    this.docs.set(uri, entry);
    this.startParse(entry, text);
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const entry = this.docs.get(uri);
    if (!entry) return;
    // A parsed document takes edits as they are; otherwise they apply to its text.
    let doc = entry.doc;
    let text = doc ? undefined : (entry.text ?? entry.doc?.text ?? '');
    for (const change of changes) {
      if (!('range' in change)) {
        doc = undefined;
        text = change.text;
      } else if (doc) {
        const edit: TextChange = {
          start: this.service.offsetAt(doc, change.range.start),
          end: this.service.offsetAt(doc, change.range.end),
          text: change.text,
        };
        try {
          doc = this.service.update(doc, [edit]);
        } catch (e) {
          // A bug in the update: keep the text right, and parse it afresh.
          this.options.onError?.(`updating ${uri}`, e);
          text = doc.text.slice(0, edit.start) + edit.text + doc.text.slice(Math.max(edit.start, edit.end));
          doc = undefined;
        }
      } else {
        const t = text ?? '';
        const [start, end] = offsetsIn(t, change.range.start, change.range.end);
        text = t.slice(0, start) + change.text + t.slice(Math.max(start, end));
      }
    }
    entry.version = version;
    if (doc) this.parsed(entry, doc);
    else this.startParse(entry, text ?? '');
  }

  close(uri: string): void {
    const entry = this.docs.get(uri);
    if (!entry) return;
    this.docs.delete(uri);
    this.drop(entry);
  }

  /** Whether the document is open, parsed or not. */
  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** The document if its latest version is parsed; undefined while it is being parsed. */
  current(uri: string): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    return entry?.doc ? { uri, version: entry.version, doc: entry.doc } : undefined;
  }

  /**
   * The document once its latest version is parsed (a newer version that comes meanwhile is
   * waited for too); undefined when it is not open, closes, or could not be parsed.
   * Rejects with RequestCancelled when `token` is cancelled first.
   */
  async whenParsed(uri: string, token?: CancellationToken): Promise<OpenDocument | undefined> {
    for (;;) {
      if (token?.isCancellationRequested) throw cancelled();
      const entry = this.docs.get(uri);
      if (!entry || entry.failed) return undefined;
      if (entry.doc) return { uri, version: entry.version, doc: entry.doc };
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          subscription?.dispose();
          resolve();
        };
        entry.waiters.add(wake);
        const subscription = token?.onCancellationRequested(() => {
          entry.waiters.delete(wake);
          reject(cancelled());
        });
      });
    }
  }

  /** Parses wait (documents keep their text) until `release`: used until the client's settings arrive. */
  hold(): void {
    this.held = true;
  }

  get holding(): boolean {
    return this.held;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    for (const entry of this.docs.values()) {
      if (entry.text !== undefined && !entry.job && !entry.failed) this.startParse(entry, entry.text);
    }
  }

  /**
   * After the tag table changed (the one setting a parse depends on): every document is parsed
   * again, in slices. Other settings change only the checks, which run when next asked for.
   */
  tagTableChanged(): void {
    for (const entry of this.docs.values()) {
      const text = entry.text ?? entry.doc?.text;
      if (text !== undefined) this.startParse(entry, text);
    }
  }

  /** The open documents whose latest version is parsed. */
  parsedDocuments(): OpenDocument[] {
    const out: OpenDocument[] = [];
    for (const entry of this.docs.values()) if (entry.doc) out.push({ uri: entry.uri, version: entry.version, doc: entry.doc });
    return out;
  }

  /** Drops whatever parse `entry` had and parses `text` in slices. */
  private startParse(entry: Entry, text: string): void {
    this.parsing.delete(entry);
    entry.doc = undefined;
    entry.text = text;
    entry.failed = false;
    entry.job = this.held ? undefined : this.service.startParse(text);
    if (entry.job) {
      this.parsing.add(entry);
      this.scheduleTurn();
    }
  }

  private parsed(entry: Entry, doc: CorpusDocument): void {
    this.parsing.delete(entry);
    entry.job = undefined;
    entry.text = undefined;
    entry.doc = doc;
    entry.failed = false;
    this.wake(entry);
    try {
      this.options.onParsed?.({ uri: entry.uri, version: entry.version, doc });
    } catch (e) {
      this.options.onError?.('after parsing', e);
    }
  }

  private drop(entry: Entry): void {
    this.parsing.delete(entry);
    entry.job = undefined;
    this.wake(entry);
  }

  private wake(entry: Entry): void {
    const waiters = [...entry.waiters];
    entry.waiters.clear();
    for (const w of waiters) w();
  }

  private scheduleTurn(): void {
    if (this.turnScheduled || this.parsing.size === 0) return;
    this.turnScheduled = true;
    this.defer(() => {
      this.turnScheduled = false;
      this.turn();
    });
  }

  /** Runs steps of the parses in progress, in turn, for about `turnMs`; then lets other messages in. */
  private turn(): void {
    const t0 = performance.now();
    try {
      while (this.parsing.size > 0 && performance.now() - t0 < this.turnMs) {
        const entry: Entry = this.parsing.values().next().value!;
        // To the back of the line: the next step is another document's.
        this.parsing.delete(entry);
        this.parsing.add(entry);
        try {
          const doc = entry.job!.step(STEP_CHARS);
          if (!doc) continue;
          this.parsed(entry, doc);
        } catch (e) {
          this.parsing.delete(entry);
          entry.job = undefined;
          entry.failed = true;
          this.wake(entry);
          this.options.onError?.(`parsing ${entry.uri}`, e);
        }
      }
    } finally {
      this.scheduleTurn();
    }
  }
}

interface LinePosition {
  line: number;
  character: number;
}

/**
 * The offsets of LSP positions in `text`, found in one pass over its lines (positions in
 * order): characters past a line's end clamp to it, lines past the end to the text's end.
 */
export function offsetsIn(text: string, ...positions: LinePosition[]): number[] {
  const breaks = new LineBreaks(text);
  let line = 0;
  let lineStart = 0;
  return positions.map((p) => {
    if (p.line < line) return offsetsIn(text, p)[0];
    for (; line < p.line; line++) {
      const nl = breaks.breakAt(lineStart);
      if (nl >= text.length) return text.length;
      lineStart = afterBreak(text, nl);
    }
    return Math.min(lineStart + Math.max(0, p.character), breaks.breakAt(lineStart));
  });
}
