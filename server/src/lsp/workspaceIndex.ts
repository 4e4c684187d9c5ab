// The corpus beyond the open documents: every corpus file of the workspace folders, read from
// disk, checked, and kept only as what the Problems panel, the checks across files and the
// workspace search need (its diagnostics, its articles' identities, its symbol entries): no
// text and no parse tree, so that tens of thousands of files fit in a few dozen megabytes.
//
// Platform-neutral: the files are found and read by a WorkspaceFileSystem (node/workspaceFiles.ts
// on Node, sharing the command line's code; browser/workspaceFiles.ts in a browser, asking the
// client, with the same detection and decoding). Open documents are the editor's business: their
// entries stay as the disk has them, left out of every answer until the document closes and the
// file is read again.
//
// Building never holds the server up for long: files are read and checked a slice of a few
// milliseconds at a time, each slice handing the event loop back, so a keystroke in an open
// file waits one slice at most.

import type { CancellationToken, Diagnostic, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { relatedMessage } from '../diagnostics/catalogue';
import { unreadableArgs } from '../diagnostics/files';
import { diagnosticAt } from '../features/diagnostics';
import { symbolEntriesOf, type SymbolEntry } from '../features/workspaceSymbols';
import { addDistinctEntries, distinctFieldValues, splitFieldValue, type ValueCounts } from '../features/fieldValues';
import type { Article, LanguageService, Locale } from '../languageService';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { WorkspaceSettings } from '../settings';
import type { Position, RecordIdentity } from '../types';
import { rangeIn } from '../features/positions';

/** Which files a walk takes: globs relative to the workspace folder (node/corpusFiles.ts). */
export interface FileSelection {
  include: string[];
  exclude: string[];
}

export interface WorkspaceFileSystem {
  /** The corpus files below a folder, sorted; `sniff`: a `.txt` whose first line is still to be tested. */
  findFiles(folderUri: string, selection: FileSelection): Promise<Array<{ uri: string; sniff: boolean }>>;
  /**
   * One file's text, decoded as the command line decodes it. At once where the disk is this
   * process's (Node); a promise where the client reads the file (a browser, browser/workspaceFiles.ts).
   */
  readFile(uri: string, sniff: boolean): LoadedFile | Promise<LoadedFile>;
  /** Whether the file at `relative` (below its workspace folder, `/`-separated) is one a walk would take. */
  selects(selection: FileSelection): (relative: string) => boolean;
  /** Whether the URI names a folder now (a promise as for readFile). */
  isFolder(uri: string): boolean | Promise<boolean>;
}

export type LoadedFile = { text: string } | { error: string } | { skipped: true };

export interface WorkspaceStatus {
  state: 'indexing' | 'ready' | 'off';
  /** Corpus files found. */
  files: number;
  /** Files read so far. */
  indexed: number;
  /** Problems over the whole corpus, closed and open files. */
  errors: number;
  warnings: number;
}

export interface OpenDocumentView {
  uri: string;
  doc: CorpusDocument;
}

export interface WorkspaceHost {
  service: LanguageService;
  locale: Locale;
  /** The open documents, parsed. */
  openDocuments(): OpenDocumentView[];
  isOpen(uri: string): boolean;
  /** Closed files whose problems changed (or that are gone), and whether an open document's did. */
  changed(closed: ReadonlySet<string>, openChanged: boolean): void;
  progress(indexed: number, files: number, done: boolean): void;
  /** Whether the user is at work now (the index then gives way); never busy when absent. */
  busy?(): boolean;
  log(message: string): void;
}

interface ClosedFile {
  uri: string;
  /** The file as messages name it: its path below its workspace folder. */
  name: string;
  own: Diagnostic[];
  articles: Article[];
  symbols: SymbolEntry[];
  /** Its distinct BM, TC and LM values (`BM要闻`, fieldValues.ts), for completion; each string shared by every file using it. */
  values: readonly string[];
  /** The problems between it and other files, from the last check across files. */
  across: Diagnostic[];
  /** What the client was last told, compared to decide whether it changed. */
  shown: string;
  resultId: string;
}

/** How long one slice of indexing may run before the event loop gets its turn. */
const SLICE_MS = 4;
/** A text longer than this (in UTF-16 units) is parsed in slices of STEP_CHARS. */
const BIG_TEXT = 1 << 20;
const STEP_CHARS = 1 << 18;
const STEP_RECORDS = 2000;
/** While the host is busy, the index waits this long at a time, and this long at most. */
const GIVE_WAY_MS = 5;
const MAX_GIVEN_WAY_MS = 250;

// An immediate runs after the messages that came meanwhile have been read, without the
// millisecond a timer waits at least; a host without one (a browser) takes a timer.
const yieldToEventLoop =
  typeof setImmediate === 'function' ? () => new Promise<void>((resolve) => setImmediate(resolve)) : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The closed files by URI, telling `onChange` of every entry set or removed. */
class ClosedFiles extends Map<string, ClosedFile> {
  constructor(private readonly onChange: () => void) {
    super();
  }
  override set(uri: string, file: ClosedFile): this {
    this.onChange();
    return super.set(uri, file);
  }
  override delete(uri: string): boolean {
    this.onChange();
    return super.delete(uri);
  }
  override clear(): void {
    this.onChange();
    super.clear();
  }
}

export class WorkspaceIndex {
  #folders: string[] = [];
  #settings: WorkspaceSettings | undefined;
  #filesExclude: string[] = [];
  readonly #files = new ClosedFiles(() => (this.#valueCounts = undefined));
  /** fieldValueCounts' answer until a file changes or opens: completion asks at every `〖`. */
  #valueCounts: ValueCounts | undefined;
  /** Open documents' problems across files, by URI. */
  #openAcross = new Map<string, OpenProblem[]>();
  /** The open documents' identities (RQ, BH, TH, ZQ per record) as the last check across files saw them. */
  #openArticles = new Map<string, { doc: CorpusDocument; identities: Array<RecordIdentity | undefined> }>();
  #acrossStale = true;
  #state: WorkspaceStatus['state'] = 'off';
  #found = 0;
  #indexed = 0;
  /** Bumped by every build: a build that is no longer the latest stops. */
  #build = 0;
  #ready: Promise<void> = Promise.resolve();
  #resultIds = 0;
  /** Watched-file events that came while a build ran, applied when it ends. */
  #pendingEvents: Array<{ uri: string; deleted: boolean }> = [];
  readonly #waiters = new Set<() => void>();
  /** The closed files' counts, made again only after they change (the status goes out as the user types). */
  #closedCounts: { errors: number; warnings: number } | undefined;

  constructor(
    private readonly fs: WorkspaceFileSystem,
    private readonly host: WorkspaceHost,
  ) {}

  get active(): boolean {
    return this.#state !== 'off';
  }

  get ready(): boolean {
    return this.#state === 'ready';
  }

  /** Resolves once the index is built (at once when it is off). */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  get settings(): WorkspaceSettings | undefined {
    return this.#settings;
  }

  /**
   * Between two slices: the event loop's turn, and while the user is at work (a request or an
   * edit in the last moments) a longer wait, so that typing gets the machine and the index
   * the gaps between keystrokes. It waits a while at most, then goes on.
   */
  async #pause(): Promise<void> {
    await yieldToEventLoop();
    for (let waited = 0; waited < MAX_GIVEN_WAY_MS && this.host.busy?.(); waited += GIVE_WAY_MS) await new Promise((resolve) => setTimeout(resolve, GIVE_WAY_MS));
  }

  /** Starts (or stops) indexing `folders` under these settings; a running build is dropped. */
  configure(folders: readonly string[], settings: WorkspaceSettings, filesExclude: readonly string[]): void {
    this.#folders = folders.map((f) => f.replace(/\/+$/, ''));
    this.#settings = settings;
    this.#filesExclude = [...filesExclude];
    if (!settings.enabled || this.#folders.length === 0) {
      this.#stop();
      return;
    }
    this.rebuild();
  }

  /** Walks the folders and reads every file again; resolves when done. */
  rebuild(): Promise<void> {
    if (!this.#settings?.enabled || this.#folders.length === 0) return Promise.resolve();
    const build = ++this.#build;
    this.#state = 'indexing';
    this.#ready = this.#run(build).catch((e) => this.host.log(`Indexing the workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return this.#ready;
  }

  #stop(): void {
    this.#build++;
    const gone = new Set(this.#files.keys());
    this.#files.clear();
    this.#closedCounts = undefined;
    this.#openAcross.clear();
    this.#openArticles.clear();
    this.#state = 'off';
    this.#found = this.#indexed = 0;
    this.#ready = Promise.resolve();
    this.host.changed(gone, true);
    this.#wake();
  }

  async #run(build: number): Promise<void> {
    this.#found = this.#indexed = 0;
    this.host.progress(0, 0, false);
    const found: Array<{ uri: string; sniff: boolean; folder: string }> = [];
    for (const folder of this.#folders) {
      for (const f of await this.fs.findFiles(folder, this.#selection())) found.push({ ...f, folder });
      if (build !== this.#build) return;
    }
    this.#found = found.length;
    const before = new Set(this.#files.keys());
    const changed = new Set<string>();
    let sliceStart = Date.now();
    for (const f of found) {
      before.delete(f.uri);
      if (!this.host.isOpen(f.uri)) {
        const read = this.#read(f.uri, f.sniff, f.folder, build);
        if (typeof read === 'boolean') {
          if (read) changed.add(f.uri);
        } else {
          if (await read) changed.add(f.uri);
          if (build !== this.#build) return;
          sliceStart = Date.now();
        }
      }
      this.#indexed++;
      if (Date.now() - sliceStart >= SLICE_MS) {
        this.host.progress(this.#indexed, this.#found, false);
        await this.#pause();
        if (build !== this.#build) return;
        sliceStart = Date.now();
      }
    }
    // Files gone since the last build (and those now open, which the client pulls itself).
    for (const uri of before) {
      if (this.host.isOpen(uri)) continue;
      this.#files.delete(uri);
      changed.add(uri);
    }
    this.#state = 'ready';
    const events = this.#pendingEvents;
    this.#pendingEvents = [];
    for (const e of events) this.#apply(e, changed);
    this.#acrossStale = true;
    this.#settle(changed, true);
    // Said once the checks across files are in, so that the counts given with it are the corpus's.
    this.host.progress(this.#indexed, this.#found, true);
  }

  #selection(): FileSelection {
    return { include: this.#settings?.include ?? [], exclude: [...this.#filesExclude, ...(this.#settings?.exclude ?? [])] };
  }

  /** Whether a walk of the workspace would take the file (open documents need not be corpus files of it). */
  #inWorkspace(uri: string): boolean {
    const folder = this.#folderOf(uri);
    return !!folder && this.fs.selects(this.#selection())(decodeURIComponent(uri.slice(folder.length + 1)));
  }

  #folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const f of this.#folders) if (uri.startsWith(`${f}/`) && (!best || f.length > best.length)) best = f;
    return best;
  }

  #nameOf(uri: string, folder: string): string {
    const relative = decodeURIComponent(uri.slice(folder.length + 1));
    if (this.#folders.length === 1) return relative;
    return `${decodeURIComponent(folder.slice(folder.lastIndexOf('/') + 1))}/${relative}`;
  }

  /**
   * Reads one closed file into the index; true when what it shows may have changed. A big
   * file is parsed in slices (`#readBig`): then the promise of that.
   */
  #read(uri: string, sniff: boolean, folder: string, build = this.#build): boolean | Promise<boolean> {
    const loaded = this.fs.readFile(uri, sniff);
    if (!(loaded instanceof Promise)) return this.#readLoaded(uri, loaded, folder, build);
    // Read by the client: the file may have opened, or a newer build begun, meanwhile.
    return loaded.then((l) => (build !== this.#build || this.host.isOpen(uri) ? false : this.#readLoaded(uri, l, folder, build)));
  }

  #readLoaded(uri: string, loaded: LoadedFile, folder: string, build: number): boolean | Promise<boolean> {
    const text = this.#load(uri, loaded, folder);
    if (text === 'unreadable') return true;
    if (text === undefined) return this.#files.delete(uri);
    if (text.length > BIG_TEXT) return this.#readBig(uri, text, folder, build);
    this.#keep(uri, folder, this.host.service.parse(text));
    return true;
  }

  /** #read for a file that changed outside a build: a big one is settled once it is read. */
  #readNow(uri: string, sniff: boolean, folder: string): boolean {
    const read = this.#read(uri, sniff, folder);
    if (typeof read === 'boolean') return read;
    void read.then((done) => {
      if (!done || !this.ready) return;
      this.#acrossStale = true;
      this.#settle(new Set([uri]), false);
    });
    return false;
  }

  /**
   * The file's text; undefined when it is no corpus file (a `.txt` opening with no tag), or when
   * it cannot be read or decoded: it is then kept with that one problem, so that the Problems
   * panel says which files of the corpus went unchecked and why.
   */
  #load(uri: string, loaded: LoadedFile, folder: string): string | 'unreadable' | undefined {
    if ('text' in loaded) return loaded.text;
    if ('error' in loaded) {
      const { service, locale } = this.host;
      const problem = diagnosticAt('unreadable', unreadableArgs(loaded.error), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, service.settings, locale);
      const previous = this.#files.get(uri);
      this.#files.set(uri, { uri, name: this.#nameOf(uri, folder), own: problem ? [problem] : [], articles: [], symbols: [], values: [], across: [], shown: previous?.shown ?? '', resultId: previous?.resultId ?? '' });
      return 'unreadable';
    }
    return undefined;
  }

  /** Parses a big text a slice at a time; false when a newer build or the file's opening made it moot. */
  async #readBig(uri: string, text: string, folder: string, build: number): Promise<boolean> {
    const parse = this.host.service.startParse(text);
    let doc: CorpusDocument | undefined;
    while (!(doc = parse.step(STEP_CHARS))) {
      await this.#pause();
      if (build !== this.#build || this.host.isOpen(uri)) return false;
    }
    // A big file's diagnostics and entries come a slice of records at a time too: together they
    // cost more than its parse.
    const { service, locale } = this.host;
    const limit = service.settings.maxProblems;
    const own: Diagnostic[] = [];
    const symbols: SymbolEntry[] = [];
    const values = new Set<string>();
    for (let from = 0; from < doc.records.length; from += STEP_RECORDS) {
      await this.#pause();
      if (build !== this.#build || this.host.isOpen(uri)) return false;
      const to = Math.min(doc.records.length, from + STEP_RECORDS);
      if (own.length < limit) for (const d of service.getDiagnostics(doc, locale, { uri, acrossRecords: false, records: { from, to } })) if (own.length < limit) own.push(d);
      for (const entry of symbolEntriesOf(doc, uri, from, to)) symbols.push(entry);
      addDistinctEntries(doc, from, to, values);
    }
    await this.#pause();
    if (build !== this.#build || this.host.isOpen(uri)) return false;
    this.#keep(uri, folder, doc, { own, symbols, values });
    return true;
  }

  #keep(uri: string, folder: string, doc: CorpusDocument, made?: { own: Diagnostic[]; symbols: SymbolEntry[]; values: Set<string> }): void {
    const { service, locale } = this.host;
    const name = this.#nameOf(uri, folder);
    const previous = this.#files.get(uri);
    // Copied through JSON: a string cut from the file's text (a title, an RQ) is kept by V8 as
    // a slice of it, which would keep the whole text alive (20,000 texts for 20,000 titles).
    const kept = JSON.parse(
      JSON.stringify({
        own: made?.own ?? service.getDiagnostics(doc, locale, { uri, acrossRecords: false }),
        articles: service.getArticles(doc, name),
        symbols: made?.symbols ?? service.getSymbolEntries(doc, uri),
      }),
    ) as Pick<ClosedFile, 'own' | 'articles' | 'symbols'>;
    this.#files.set(uri, {
      uri,
      name,
      ...kept,
      // Each string shared by every file with that value: a workspace has few page names,
      // genres and columns, and tens of thousands of files.
      values: distinctFieldValues(doc, made?.values),
      across: previous?.across ?? [],
      shown: previous?.shown ?? '',
      resultId: previous?.resultId ?? '',
    });
  }

  /** A file reported created, changed or deleted (a folder deleted takes its files with it). */
  fileChanged(uri: string, deleted: boolean): void {
    if (!this.active) return;
    if (this.#state === 'indexing') {
      this.#pendingEvents.push({ uri, deleted });
      return;
    }
    const changed = new Set<string>();
    this.#apply({ uri, deleted }, changed);
    if (changed.size > 0) {
      this.#acrossStale = true;
      this.#settle(changed, false);
    }
  }

  #apply({ uri, deleted }: { uri: string; deleted: boolean }, changed: Set<string>): void {
    const folder = this.#folderOf(uri);
    if (!folder) return;
    const isFolder = deleted ? false : this.fs.isFolder(uri);
    if (isFolder instanceof Promise) {
      // Asked of the client: what it changes is settled on its own, once known.
      void isFolder.then((known) => {
        const later = new Set<string>();
        this.#applyTo(uri, deleted, known, folder, later);
        if (later.size > 0 && this.ready) {
          this.#acrossStale = true;
          this.#settle(later, false);
        }
      });
      return;
    }
    this.#applyTo(uri, deleted, isFolder, folder, changed);
  }

  #applyTo(uri: string, deleted: boolean, isFolder: boolean, folder: string, changed: Set<string>): void {
    if (deleted || !isFolder) {
      if (deleted) {
        for (const known of [...this.#files.keys()]) {
          if (known === uri || known.startsWith(`${uri}/`)) {
            this.#files.delete(known);
            changed.add(known);
          }
        }
        return;
      }
      if (this.host.isOpen(uri)) return;
      if (this.#inWorkspace(uri)) {
        if (this.#readNow(uri, /\.txt$/i.test(uri), folder)) changed.add(uri);
      } else if (this.#files.delete(uri)) changed.add(uri);
      return;
    }
    // A folder created or moved in: its files, as a walk of the workspace folder takes them.
    void this.fs.findFiles(folder, this.#selection()).then((all) => {
      const added = new Set<string>();
      for (const f of all) if (f.uri.startsWith(`${uri}/`) && !this.#files.has(f.uri) && !this.host.isOpen(f.uri) && this.#readNow(f.uri, f.sniff, folder)) added.add(f.uri);
      if (added.size > 0) {
        this.#acrossStale = true;
        this.#settle(added, false);
      }
    });
  }

  /** A document opened: its entry is left out until it closes. */
  opened(uri: string): void {
    if (!this.#files.has(uri)) return;
    this.#valueCounts = undefined;
    this.#acrossStale = true;
    this.#settle(new Set([uri]), true);
  }

  /** A document closed: the disk is what counts again (unsaved edits were dropped). */
  closed(uri: string): void {
    this.#openArticles.delete(uri);
    this.#openAcross.delete(uri);
    if (!this.active) return;
    const folder = this.#folderOf(uri);
    const changed = new Set<string>([uri]);
    if (folder && this.#inWorkspace(uri)) this.#readNow(uri, /\.txt$/i.test(uri), folder);
    else this.#files.delete(uri);
    this.#acrossStale = true;
    if (this.ready) this.#settle(changed, true);
  }

  /** Whether the index holds this file's problems (closed, in the workspace, read). */
  has(uri: string): boolean {
    return this.ready && this.#files.has(uri) && !this.host.isOpen(uri);
  }

  /** A closed file's problems: its own and those across files. */
  diagnosticsOf(uri: string): Diagnostic[] {
    this.#bringAcrossUpToDate();
    const f = this.#files.get(uri);
    return f ? combined(f) : [];
  }

  /**
   * An open document's problems with other files (those within it its own diagnostics give),
   * at its articles' current places.
   */
  acrossOf(uri: string, doc: CorpusDocument): Diagnostic[] {
    if (!this.ready) return [];
    const seen = this.#openArticles.get(uri);
    if ((!seen || seen.doc !== doc) && this.#noteOpen(uri, doc)) this.#acrossStale = true;
    this.#bringAcrossUpToDate();
    return placed(this.#openAcross.get(uri), doc);
  }

  /**
   * Records an open document's identities; true when they differ from those last checked. Most
   * edits change no RQ, BH, TH or ZQ, and an edit re-parses only the records it touches, so the
   * others' identities are the same objects: a keystroke costs a pass over the records, not a
   * check across the workspace (the problems found move with their records, see `placed`).
   */
  #noteOpen(uri: string, doc: CorpusDocument): boolean {
    const identities = doc.records.map((r) => r.identity);
    const before = this.#openArticles.get(uri)?.identities;
    this.#openArticles.set(uri, { doc, identities });
    if (!before || before.length !== identities.length) return true;
    for (let i = 0; i < identities.length; i++) if (!sameIdentity(before[i], identities[i])) return true;
    return false;
  }

  #openName(uri: string): string {
    const folder = this.#folderOf(uri);
    return folder ? this.#nameOf(uri, folder) : decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  }

  /** Runs the checks across files when anything they see changed, and says what it changed. */
  #bringAcrossUpToDate(): void {
    if (!this.ready) return;
    // An open document parsed again since it was last seen may have new articles.
    for (const open of this.host.openDocuments()) {
      const seen = this.#openArticles.get(open.uri);
      if ((!seen || seen.doc !== open.doc) && this.#noteOpen(open.uri, open.doc)) this.#acrossStale = true;
    }
    if (!this.#acrossStale) return;
    this.#acrossStale = false;
    const changed = new Set<string>();
    const openChanged = this.#checkAcross(changed);
    if (changed.size > 0 || openChanged) this.#announce(changed, openChanged);
  }

  /** The checks across records over every article of the workspace; fills `changed` with the closed files whose problems changed. */
  #checkAcross(changed: Set<string>): boolean {
    const { service, locale } = this.host;
    const settings = service.settings;
    type Owner = { uri: string; open: boolean; article: Article; index: number; record?: number };
    // Open documents' articles come as the editor has them, their entries' as the disk had them.
    const owners: Owner[] = [];
    for (const f of this.#files.values()) {
      if (this.host.isOpen(f.uri)) continue;
      f.articles.forEach((article, index) => owners.push({ uri: f.uri, open: false, article, index }));
    }
    for (const open of this.host.openDocuments()) {
      // Article k is the k-th record with an identity (articlesOf): its record, for `placed`.
      const records: number[] = [];
      open.doc.records.forEach((r, i) => r.identity && records.push(i));
      service.getArticles(open.doc, this.#openName(open.uri)).forEach((article, index) => owners.push({ uri: open.uri, open: true, article, index, record: records[index] }));
    }
    // One order whatever the order files were read in, as the command line has it.
    owners.sort((x, y) => compareNames(x.article.file, y.article.file) || x.index - y.index);
    const closedAcross = new Map<string, Diagnostic[]>();
    const openAcross = new Map<string, OpenProblem[]>();
    for (const p of service.checkArticles(owners.map((o) => o.article))) {
      const at = owners[p.article];
      const other = p.related ? owners[p.related.article] : undefined;
      // An open document's problems within itself come with its own diagnostics.
      if (at.open && (!other || other.uri === at.uri)) continue;
      const diagnostic = diagnosticAt(p.code, p.args, p.range, settings, locale);
      if (!diagnostic) continue;
      const note = other && relatedMessage(p.code, locale);
      if (other && note) diagnostic.relatedInformation = [{ location: { uri: other.uri, range: p.related!.range }, message: note }];
      if (at.open) {
        const list = openAcross.get(at.uri) ?? [];
        const start = p.range.start;
        const atZq = !samePosition(start, at.article.range.start) && samePosition(start, at.article.zqRange.start);
        list.push({ diagnostic, record: at.record!, atZq });
        openAcross.set(at.uri, list);
      } else {
        const list = closedAcross.get(at.uri) ?? [];
        list.push(diagnostic);
        closedAcross.set(at.uri, list);
      }
    }
    for (const f of this.#files.values()) {
      const next = closedAcross.get(f.uri) ?? [];
      if (next.length === 0 && f.across.length === 0) continue;
      f.across = next;
      changed.add(f.uri);
    }
    const before = JSON.stringify([...this.#openAcross]);
    this.#openAcross = openAcross;
    return before !== JSON.stringify([...openAcross]);
  }

  /** After files changed: the checks across files, then whom to tell. */
  #settle(changed: Set<string>, openChanged: boolean): void {
    if (!this.ready) return;
    this.#acrossStale = false;
    openChanged = this.#checkAcross(changed) || openChanged;
    this.#announce(changed, openChanged);
  }

  /** New result ids for the files whose problems really changed; tells the host and the held requests. */
  #announce(candidates: ReadonlySet<string>, openChanged: boolean): void {
    this.#closedCounts = undefined;
    const changed = new Set<string>();
    for (const uri of candidates) {
      const f = this.#files.get(uri);
      if (!f) {
        changed.add(uri); // gone, or now open
        continue;
      }
      if (this.host.isOpen(uri)) {
        changed.add(uri);
        continue;
      }
      const shown = JSON.stringify(combined(f));
      if (shown === f.shown && f.resultId) continue;
      f.shown = shown;
      f.resultId = String(++this.#resultIds);
      changed.add(uri);
    }
    if (changed.size === 0 && !openChanged) return;
    this.host.changed(changed, openChanged);
    this.#wake();
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }

  /** Resolves at the next change of any closed file's problems (or when the index stops). */
  nextChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#waiters.delete(done);
        sub.dispose();
        resolve();
      };
      this.#waiters.add(done);
      const sub = token.onCancellationRequested(done);
    });
  }

  /**
   * The workspace diagnostics report against the client's previous result ids: `full` for the
   * files it does not have as they are now (and an empty `full` for those gone), `unchanged` for
   * the rest. `changed` is false when every file is unchanged.
   */
  report(previous: ReadonlyArray<{ uri: string; value: string }>): { items: WorkspaceDocumentDiagnosticReport[]; changed: boolean } {
    this.#bringAcrossUpToDate();
    const had = new Map(previous.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    let changed = false;
    for (const f of this.#files.values()) {
      if (this.host.isOpen(f.uri)) continue;
      if (!f.resultId) {
        f.shown = JSON.stringify(combined(f));
        f.resultId = String(++this.#resultIds);
      }
      if (had.get(f.uri) === f.resultId) items.push({ kind: 'unchanged', uri: f.uri, version: null, resultId: f.resultId });
      else {
        items.push({ kind: 'full', uri: f.uri, version: null, resultId: f.resultId, items: combined(f) });
        changed = true;
      }
      had.delete(f.uri);
    }
    for (const uri of had.keys()) {
      if (this.host.isOpen(uri)) continue;
      items.push({ kind: 'full', uri, version: null, items: [] });
      changed = true;
    }
    return { items, changed };
  }

  /** Every closed file with its problems (for publishing them). */
  closedFiles(): Array<{ uri: string; diagnostics: Diagnostic[] }> {
    this.#bringAcrossUpToDate();
    return [...this.#files.values()].filter((f) => !this.host.isOpen(f.uri)).map((f) => ({ uri: f.uri, diagnostics: combined(f) }));
  }

  /** The closed files' articles for the workspace search. */
  symbolEntries(): SymbolEntry[] {
    const out: SymbolEntry[] = [];
    for (const f of this.#files.values()) if (!this.host.isOpen(f.uri)) for (const s of f.symbols) out.push(s);
    return out;
  }

  /** By field (BM, TC, LM), the values the closed files use, each with the number of files using it. */
  fieldValueCounts(): ValueCounts {
    if (this.#valueCounts) return this.#valueCounts;
    const counts: ValueCounts = (this.#valueCounts = new Map());
    for (const f of this.#files.values()) {
      if (f.values.length === 0 || this.host.isOpen(f.uri)) continue;
      for (const entry of f.values) {
        const { code, value } = splitFieldValue(entry);
        let byValue = counts.get(code);
        if (!byValue) counts.set(code, (byValue = new Map()));
        byValue.set(value, (byValue.get(value) ?? 0) + 1);
      }
    }
    return counts;
  }

  status(): WorkspaceStatus {
    let errors = 0;
    let warnings = 0;
    const count = (list: readonly Diagnostic[]) => {
      for (const d of list) {
        if (d.severity === 1) errors++;
        else if (d.severity === 2) warnings++;
      }
    };
    if (this.ready) {
      this.#bringAcrossUpToDate();
      if (!this.#closedCounts) {
        for (const f of this.#files.values()) {
          if (this.host.isOpen(f.uri)) continue;
          count(f.own);
          count(f.across);
        }
        this.#closedCounts = { errors, warnings };
      }
      ({ errors, warnings } = this.#closedCounts);
      for (const open of this.host.openDocuments()) {
        count(this.host.service.getDiagnostics(open.doc, this.host.locale, { uri: open.uri }));
        count(placed(this.#openAcross.get(open.uri), open.doc));
      }
    }
    if (this.#state !== 'ready') return { state: this.#state, files: this.#found, indexed: this.#indexed, errors, warnings };
    // The corpus's files: those read closed, and the open ones of the workspace it never read.
    let files = this.#files.size;
    for (const open of this.host.openDocuments()) if (!this.#files.has(open.uri) && this.#inWorkspace(open.uri)) files++;
    return { state: this.#state, files, indexed: files, errors, warnings };
  }
}

/** An open document's problem with another file, kept by its record so that it moves with it. */
interface OpenProblem {
  diagnostic: Diagnostic;
  record: number;
  /** At the record's ZQ (issue numbers), else at its first tag. */
  atZq: boolean;
}

/** The problems at their records' places in the document as it is now. */
function placed(problems: readonly OpenProblem[] | undefined, doc: CorpusDocument): Diagnostic[] {
  if (!problems) return [];
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const id = doc.records[p.record]?.identity;
    if (!id) continue; // the document changed since: the next check across files places it again
    out.push({ ...p.diagnostic, range: p.atZq ? rangeIn(doc, p.record, id.zqStart, id.zqEnd) : rangeIn(doc, p.record, id.start, id.end) });
  }
  return out;
}

function sameIdentity(a: RecordIdentity | undefined, b: RecordIdentity | undefined): boolean {
  return a === b || (!!a && !!b && a.rq === b.rq && a.bh === b.bh && a.th === b.th && a.zq === b.zq);
}

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/** A file's own problems and those across files, in the order of their places. */
function combined(f: ClosedFile): Diagnostic[] {
  if (f.across.length === 0) return f.own;
  return [...f.own, ...f.across].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Names in code-unit order, the order `rmrb check` gives its files (checkCommand.ts). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
