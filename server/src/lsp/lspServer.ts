// The LSP glue: it keeps the open documents, asks the core for answers and sends them.
// It works on any Connection, so the Node (stdio/IPC) and browser entry points share it.
//
// The server never stalls: documents are parsed in slices between messages (documentStore.ts),
// requests wait for the parse of their document and honour $/cancelRequest, and every
// handler runs inside `safely` or `request`, so a bug is logged, never fatal.

import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  SymbolInformation,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type Position,
  type TextDocumentContentChangeEvent,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
  WatchKind,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { createLanguageService, FIX_ALL_KIND, localeFrom, normalizeSettings, validTagPart, type FixAllData, type Locale, type QuickFixData } from '../languageService';
import { cancelled, DocumentStore, type OpenDocument } from './documentStore';
import { encodedOutline } from './encodedJson';
import { hideTagBeingTyped, placeAfter, restOfLine, TYPING_GRACE_MS } from '../features/typingGrace';
import { strings } from '../messages/strings';
import { excludedGlobs, normalizeWorkspaceSettings, type WorkspaceSettings } from '../settings';
import { VERSION } from './version';
import { WorkspaceIndex, type WorkspaceFileSystem, type WorkspaceStatus } from './workspaceIndex';

export const SERVER_NAME = 'rmrb-language-server';
export const SERVER_VERSION: string = VERSION;

/** How long documents opened before the client's settings arrive wait for them, at most. */
const SETTINGS_WAIT_MS = 2000;

export interface ServerOptions {
  /**
   * The connection's writer sends an EncodedJson result as its bytes (node/messageWriter.ts,
   * over stdio): the outline is then answered as the bytes of its JSON, made in the handler.
   * Any other writer is answered with the objects, as they are.
   */
  encodedJson?: boolean;
  /**
   * How the workspace folders' files are found and read (node/workspaceFiles.ts). Without it
   * (in a browser) the server knows only the open documents.
   */
  workspaceFiles?: WorkspaceFileSystem;
  /**
   * Called after work that leaves much garbage behind (a workspace index built): the host may
   * collect it once idle (node/memory.ts), so the memory goes back to the system.
   */
  leftGarbage?: () => void;
}

/** The status of the workspace index, for a client's status bar: `WorkspaceStatus`. */
export const WORKSPACE_STATUS_NOTIFICATION = 'rmrb/workspaceStatus';
/** Reads every file of the workspace again; answered with the status once done. */
export const CHECK_WORKSPACE_REQUEST = 'rmrb/checkWorkspace';
/**
 * What to insert after the `〗` just typed at `position` (TextDocumentPositionParams): a snippet
 * holding the closing tag, or null. As the HTML server's `html/autoInsert`: the client asks,
 * and inserts it only if the document is still the one it asked about.
 */
export const AUTO_INSERT_REQUEST = 'rmrb/autoInsert';
/** How long after a request or an edit the user counts as at work. */
const BUSY_MS = 30;
/** How often the status goes out while it changes. */
const STATUS_INTERVAL_MS = 250;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service = createLanguageService();
  let locale: Locale = 'en';
  /** The editor's display language; `rmrb.language` other than `auto` overrides it. */
  let clientLocale: Locale = 'en';
  /** Sets the language of everything the server says from `rmrb.language`. */
  const applyLanguage = (raw: unknown) => {
    const chosen = typeof raw === 'object' && raw !== null ? (raw as { language?: unknown }).language : undefined;
    locale = chosen === 'en' ? 'en' : chosen === 'zh-cn' || chosen === 'zh' ? 'zh' : clientLocale;
  };
  let pullDiagnostics = false;
  let configurationRequests = false;
  let hierarchicalSymbols = true;
  let lazyFixAll = false;
  let addTagCommand: string | undefined;
  /** The command that opens the suggestions again: VS Code's, when the client is VS Code. */
  let suggestAgain: string | undefined;
  let foldingLimit = Number.MAX_SAFE_INTEGER;
  let settingsWait: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** When the user last asked or edited something: the workspace index gives way for a moment after. */
  let lastActivity = 0;
  /** Each document's last edit: where it left the cursor, and when (features/typingGrace.ts). */
  const lastEdits = new Map<string, { at: Position; time: number; timer: ReturnType<typeof setTimeout>; hid: boolean }>();
  let folders: string[] = [];
  let progressSupport = false;
  let refreshSupport = false;
  let watcherRegistration = false;
  let folderChanges = false;
  let rawSettings: unknown;
  let workspaceSettings: WorkspaceSettings = normalizeWorkspaceSettings(undefined);
  let filesExclude: string[] = [];

  const logError = (what: string, e: unknown) =>
    connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

  /** Runs a notification handler; a bug in one is logged, never fatal to the server. */
  const safely = <T>(what: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (e) {
      logError(what, e);
      return fallback;
    }
  };

  /**
   * Wraps a request handler: it may wait (for a parse); a cancelled request is answered with
   * RequestCancelled, and a bug is logged and answered with the fallback.
   */
  const request =
    <P, R>(what: string, fallback: (params: P) => R, run: (params: P, token: CancellationToken) => R | Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<R | ResponseError<never>> => {
      lastActivity = Date.now();
      try {
        return await run(params, token);
      } catch (e) {
        if (e instanceof ResponseError) return e as ResponseError<never>;
        logError(what, e);
        return fallback(params);
      }
    };

  const store = new DocumentStore(service, {
    onParsed: (entry) => schedulePublish(entry.uri),
    onError: logError,
  });

  // The closed files of the workspace folders (Node only), told what the editor has open.
  const index = options.workspaceFiles
    ? new WorkspaceIndex(options.workspaceFiles, {
        service,
        get locale() {
          return locale;
        },
        openDocuments: () => store.parsedDocuments(),
        isOpen: (uri) => store.isOpen(uri),
        changed: (closed, openChanged) => safely('workspace change', undefined, () => workspaceChanged(closed, openChanged)),
        progress: (indexed, files, done) => safely('indexing progress', undefined, () => indexingProgress(indexed, files, done)),
        log: (message) => connection.console.warn(message),
        busy: () => Date.now() - lastActivity < BUSY_MS,
      })
    : undefined;
  const workspaceIndexed = () => !!index && (folders.length > 0 || folderChanges);
  /** Whether closed files' problems are published (push) rather than pulled by the client. */
  const pushClosed = () => !!index && workspaceSettings.publishClosedFiles;

  /** The document once parsed; throws RequestCancelled when the request was cancelled meanwhile. */
  async function parsed(uri: string, token: CancellationToken): Promise<OpenDocument | undefined> {
    const entry = await store.whenParsed(uri, token);
    if (token.isCancellationRequested) throw cancelled();
    return entry;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    safely('reading the client capabilities', undefined, () => {
      const caps: ClientCapabilities = params.capabilities ?? {};
      locale = clientLocale = localeFrom(params.locale);
      pullDiagnostics = !!caps.textDocument?.diagnostic;
      configurationRequests = !!caps.workspace?.configuration;
      hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
      const resolvable = caps.textDocument?.codeAction?.resolveSupport?.properties;
      lazyFixAll = Array.isArray(resolvable) && resolvable.includes('edit');
      foldingLimit = caps.textDocument?.foldingRange?.rangeLimit ?? Number.MAX_SAFE_INTEGER;
      progressSupport = !!caps.window?.workDoneProgress;
      refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
      watcherRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      folderChanges = !!caps.workspace?.workspaceFolders;
      // vscode-languageclient names the editor (vscode.env.appName); other editors lack the command.
      if (/^(visual studio code|vscodium|code - oss|code-server)/i.test(params.clientInfo?.name ?? '')) suggestAgain = 'editor.action.triggerSuggest';
      const given = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [URI.file(params.rootPath).toString()] : []);
      // One spelling of each URI, as the editor spells its documents' (vscode-uri).
      folders = given.map((uri) => URI.parse(uri).toString());
    });
    safely('reading initializationOptions', undefined, () => {
      const init = params.initializationOptions as { settings?: unknown; addTagCommand?: unknown; workspaceStatusShown?: unknown } | undefined;
      // A client that shows rmrb/workspaceStatus itself (the VS Code extension's status bar item)
      // would show the index's progress twice.
      if (init?.workspaceStatusShown === true) progressSupport = false;
      if (init?.settings) {
        rawSettings = init.settings;
        applyLanguage(rawSettings);
        service.configure(normalizeSettings(init.settings));
        workspaceSettings = normalizeWorkspaceSettings(init.settings);
      }
      // A client that can add a tag to the user's settings says so by naming its command.
      if (typeof init?.addTagCommand === 'string' && init.addTagCommand) addTagCommand = init.addTagCommand;
    });
    if (configurationRequests) {
      // Documents opened before the client's settings arrive wait for them, so their first
      // diagnostics already honour them; a client that does not answer holds nothing up for long.
      store.hold();
      settingsWait = setTimeout(() => safely('settings wait', undefined, () => store.release()), SETTINGS_WAIT_MS);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        foldingRangeProvider: true,
        documentSymbolProvider: { label: 'RMRB' },
        workspaceSymbolProvider: true,
        hoverProvider: true,
        documentHighlightProvider: true,
        linkedEditingRangeProvider: true,
        definitionProvider: true,
        renameProvider: { prepareProvider: true },
        selectionRangeProvider: true,
        // `〗`: a field's opening tag just closed, its value's suggestions.
        completionProvider: { triggerCharacters: ['〖', '-', '〗'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        // With the workspace index, an open document's problems depend on other files', and
        // the closed files' come through workspace/diagnostic.
        // A client with no folder and no way to add one has no workspace to pull.
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: workspaceIndexed(), workspaceDiagnostics: workspaceIndexed() } : undefined,
        workspace: folderChanges ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() =>
    safely('initialized', undefined, () => {
      if (configurationRequests) void initialSettings();
      else startIndex();
      if (index && folderChanges) {
        connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) =>
          safely('workspace folders change', undefined, () => {
            const gone = new Set(removed.map((f) => URI.parse(f.uri).toString()));
            folders = [...folders.filter((f) => !gone.has(f)), ...added.map((f) => URI.parse(f.uri).toString())];
            void loadFilesExclude().then((globs) => {
              filesExclude = globs;
              startIndex();
            });
          }),
        );
      }
      if (index && watcherRegistration) {
        // The server watches for itself, so that every client that can register watchers gets
        // a current index; a deleted folder is one event, hence the second watcher.
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: '**/*.{rmrb,RMRB,txt,TXT}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
          })
          .catch((e) => connection.console.warn(`Could not watch the workspace's files: ${String(e)}`));
      }
    }),
  );

  async function initialSettings(): Promise<void> {
    const tableChanged = await loadSettings();
    clearTimeout(settingsWait);
    if (store.holding) safely('releasing the parses', undefined, () => store.release());
    else settingsChanged(tableChanged); // the wait ran out: what was checked under the defaults is checked again
    startIndex();
  }

  /** Reads and applies the client's settings; true when the tag table changed. */
  async function loadSettings(): Promise<boolean> {
    try {
      const raw = await connection.workspace.getConfiguration('rmrb');
      rawSettings = raw;
      applyLanguage(raw);
      workspaceSettings = normalizeWorkspaceSettings(raw);
      if (index) filesExclude = await loadFilesExclude();
      return service.configure(normalizeSettings(raw));
    } catch (e) {
      connection.console.warn(`Could not read the rmrb settings: ${String(e)}`);
      return false;
    }
  }

  /** `files.exclude` of each workspace folder, all taken together. */
  async function loadFilesExclude(): Promise<string[]> {
    if (folders.length === 0) return [];
    try {
      const each = (await connection.workspace.getConfiguration(folders.map((scopeUri) => ({ scopeUri, section: 'files.exclude' })))) as unknown[];
      return [...new Set(each.flatMap((raw) => excludedGlobs(raw)))];
    } catch {
      return [];
    }
  }

  /** What the index was last configured with, to rebuild it only when that changes. */
  let indexedWith = '';

  /** Starts the index, or builds it again when what it depends on changed. */
  function startIndex(): void {
    if (!index) return;
    const key = JSON.stringify([folders, rawSettings ?? null, filesExclude]);
    if (key === indexedWith) return;
    const wasPushing = indexedWith !== '' && pushedClosed.size > 0;
    indexedWith = key;
    if (wasPushing && (!workspaceSettings.publishClosedFiles || !workspaceSettings.enabled)) clearPublishedClosed();
    index.configure(folders, workspaceSettings, filesExclude);
    sendStatus();
  }

  /**
   * Every open document is validated again under the new settings: parsed again when the tag
   * table changed (push diagnostics then follow as each parse ends), else only checked again.
   */
  function settingsChanged(tableChanged: boolean): void {
    safely('settings change', undefined, () => {
      if (tableChanged) store.tagTableChanged();
      else for (const open of store.parsedDocuments()) schedulePublish(open.uri);
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      // The closed files are checked again under the new settings (when they changed).
      startIndex();
    });
  }

  connection.onDidChangeConfiguration((change) =>
    safely('configuration change', undefined, () => {
      if (!configurationRequests) {
        rawSettings = (change.settings as { rmrb?: unknown } | undefined)?.rmrb;
        applyLanguage(rawSettings);
        workspaceSettings = normalizeWorkspaceSettings(rawSettings);
        settingsChanged(service.configure(normalizeSettings(rawSettings)));
      }
      else void loadSettings().then(settingsChanged);
    }),
  );

  function schedulePublish(uri: string): void {
    if (pullDiagnostics) return;
    clearTimeout(pending.get(uri));
    // Coalesce a burst of changes (typing, a paste in parts) into one publication.
    pending.set(
      uri,
      setTimeout(() =>
        safely('publishing diagnostics', undefined, () => {
          pending.delete(uri);
          // While a newer version is being parsed, the end of that parse publishes.
          const current = store.current(uri);
          if (current) void connection.sendDiagnostics({ uri, version: current.version, diagnostics: openDiagnostics(current) });
        }),
      0),
    );
  }

  /**
   * Remembers where a one-place edit (typing, as opposed to a paste over several places) left
   * the cursor; once the grace is over, the diagnostics go out again without it.
   */
  function noteEdit(uri: string, changes: readonly TextDocumentContentChangeEvent[]): void {
    const before = lastEdits.get(uri);
    if (before) clearTimeout(before.timer);
    lastEdits.delete(uri);
    const last = changes[changes.length - 1];
    if (changes.length !== 1 || !last || !('range' in last)) return;
    const timer = setTimeout(() => {
      safely('typing grace', undefined, () => {
        const edit = lastEdits.get(uri);
        lastEdits.delete(uri);
        if (!edit?.hid) return; // nothing was held back
        if (pullDiagnostics) {
          if (refreshSupport) connection.languages.diagnostics.refresh();
        } else schedulePublish(uri);
      });
    }, TYPING_GRACE_MS);
    lastEdits.set(uri, { at: placeAfter(last.range.start, last.text), time: Date.now(), timer, hid: false });
  }

  /** An open document's problems: its own, and those with other files of the workspace. */
  function openDiagnostics(open: OpenDocument): Diagnostic[] {
    const edit = lastEdits.get(open.uri);
    const all = service.getDiagnostics(open.doc, locale, { uri: open.uri });
    const own = edit && Date.now() - edit.time < TYPING_GRACE_MS ? hideTagBeingTyped(all, edit.at, (p) => restOfLine(open.doc, p)) : all;
    if (edit && own !== all) edit.hid = true;
    const across = index?.acrossOf(open.uri, open.doc) ?? [];
    scheduleStatus();
    // rmrb.diagnostics.maxProblems holds for the two together.
    const room = service.settings.maxProblems - own.length;
    return across.length === 0 || room <= 0 ? own : [...own, ...across.slice(0, room)];
  }

  connection.onDidOpenTextDocument(({ textDocument }) =>
    safely('open', undefined, () => {
      store.open(textDocument.uri, textDocument.version, textDocument.text);
      index?.opened(textDocument.uri);
    }),
  );

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) =>
    safely('change', undefined, () => {
      lastActivity = Date.now();
      store.change(textDocument.uri, textDocument.version ?? 0, contentChanges);
      noteEdit(textDocument.uri, contentChanges);
    }),
  );

  connection.onDidCloseTextDocument(({ textDocument }) =>
    safely('close', undefined, () => {
      const uri = textDocument.uri;
      clearTimeout(lastEdits.get(uri)?.timer);
      lastEdits.delete(uri);
      store.close(uri);
      clearTimeout(pending.get(uri));
      pending.delete(uri);
      // The file as the disk has it takes the document's place in the index.
      index?.closed(uri);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: pushClosed() && index!.has(uri) ? index!.diagnosticsOf(uri) : [] });
    }),
  );

  connection.languages.diagnostics.on(
    request('diagnostics', () => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }), async ({ textDocument }, token) => {
      const entry = await parsed(textDocument.uri, token);
      if (entry) return { kind: DocumentDiagnosticReportKind.Full, items: openDiagnostics(entry) };
      // A document just closed is pulled once more: the workspace index has it as on disk.
      const closed = index?.has(textDocument.uri) && !pushClosed() ? index.diagnosticsOf(textDocument.uri) : [];
      return { kind: DocumentDiagnosticReportKind.Full, items: closed };
    }),
  );

  // The closed files' problems: the first request gets every file's once the index is built;
  // a request whose result ids are all current is held until a file's problems change (rather
  // than answered at once and asked again every two seconds), then answered with the files that
  // changed in full and `unchanged` for the rest.
  let answeredEmpty = false;
  connection.languages.diagnostics.onWorkspace(
    request('workspace diagnostics', () => ({ items: [] }), async ({ previousResultIds }, token) => {
      const previous = previousResultIds ?? [];
      for (;;) {
        if (token.isCancellationRequested) throw cancelled();
        if (index?.ready && !pushClosed()) {
          const report = index.report(previous);
          if (report.changed) return { items: report.items };
          // A workspace with no corpus file answers its first request: there is nothing in it.
          // The client's next ones, with no result ids either, are held like any other.
          if (previous.length === 0 && !answeredEmpty) {
            answeredEmpty = true;
            return { items: report.items };
          }
        }
        if (!index) return { items: [] };
        // The index turned off: the files the client has problems of are emptied, once.
        if (!index.active && previous.length > 0) {
          return { items: previous.filter((p) => !store.isOpen(p.uri)).map((p) => ({ kind: DocumentDiagnosticReportKind.Full, uri: p.uri, version: null, items: [] })) };
        }
        await (index.active && !index.ready ? Promise.race([index.whenReady(), index.nextChange(token)]) : index.nextChange(token));
      }
    }),
  );

  connection.onDidChangeWatchedFiles(({ changes }) =>
    safely('watched files', undefined, () => {
      for (const change of changes) index?.fileChanged(URI.parse(change.uri).toString(), change.type === FileChangeType.Deleted);
    }),
  );

  connection.onRequest(
    CHECK_WORKSPACE_REQUEST,
    request('checking the workspace', () => index?.status() ?? offStatus(), async () => {
      if (!index) return offStatus();
      await index.rebuild();
      return index.status();
    }),
  );

  /** Closed files whose problems were published, so that they can be taken back. */
  const pushedClosed = new Set<string>();

  function clearPublishedClosed(): void {
    for (const uri of pushedClosed) if (!store.isOpen(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    pushedClosed.clear();
  }

  /** Files' problems changed in the index: tell the client (held requests are woken by the index). */
  function workspaceChanged(closed: ReadonlySet<string>, openChanged: boolean): void {
    if (pushClosed()) {
      for (const uri of closed) {
        if (store.isOpen(uri)) continue;
        const known = index!.has(uri);
        if (!known && !pushedClosed.has(uri)) continue;
        void connection.sendDiagnostics({ uri, diagnostics: known ? index!.diagnosticsOf(uri) : [] });
        if (known) pushedClosed.add(uri);
        else pushedClosed.delete(uri);
      }
    }
    if (openChanged) {
      if (pullDiagnostics) {
        if (refreshSupport) connection.languages.diagnostics.refresh();
      } else for (const open of store.parsedDocuments()) schedulePublish(open.uri);
    }
    scheduleStatus();
  }

  let progress: Promise<WorkDoneProgressServerReporter> | undefined;
  function indexingProgress(indexed: number, files: number, done: boolean): void {
    const say = strings(locale).indexing;
    if (progressSupport) {
      if (!progress && !done) {
        progress = connection.window.createWorkDoneProgress().then((p) => {
          p.begin(say.title, 0, undefined, false);
          return p;
        });
        progress.catch(() => undefined);
      } else if (progress) {
        const p = progress;
        if (done) progress = undefined;
        void p.then((reporter) => (done ? reporter.done() : reporter.report(files ? Math.floor((100 * indexed) / files) : 0, say.progress(indexed.toLocaleString('en'), files.toLocaleString('en')))));
      }
    }
    if (done) {
      options.leftGarbage?.();
      sendStatus(); // at once: a status bar waits for it
    } else scheduleStatus();
  }

  const offStatus = (): WorkspaceStatus => ({ state: 'off', files: 0, indexed: 0, errors: 0, warnings: 0 });
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  let lastStatus = '';
  /** The status now, at most every STATUS_INTERVAL_MS, and only when it changed. */
  function scheduleStatus(): void {
    if (!index || statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      safely('workspace status', undefined, sendStatus);
    }, STATUS_INTERVAL_MS);
  }
  function sendStatus(): void {
    if (!index) return;
    const status = index.status();
    const text = JSON.stringify(status);
    if (text === lastStatus) return;
    lastStatus = text;
    void connection.sendNotification(WORKSPACE_STATUS_NOTIFICATION, status);
  }

  connection.onFoldingRanges(
    request('folding', () => [], async ({ textDocument }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getFoldingRanges(entry.doc, foldingLimit) : [];
    }),
  );

  connection.onDocumentSymbol(
    request('symbols', () => [], async ({ textDocument }, token) => {
      const entry = await parsed(textDocument.uri, token);
      if (!entry) return [];
      const doc = entry.doc;
      if (!hierarchicalSymbols) return flatten(service.getDocumentSymbols(doc, locale), entry.uri);
      if (!options.encodedJson) return service.getDocumentSymbols(doc, locale);
      // The bytes are made here, so that a bug in making them is this handler's, caught above.
      const encoded = encodedOutline(doc, locale, service.settings.outlineMaxSymbols, () => service.getDocumentSymbols(doc, locale));
      encoded.bytes();
      return encoded as unknown as DocumentSymbol[];
    }),
  );

  // Articles by title, date, or date, page and item, across the open documents (those still
  // being parsed are left out rather than waited for: the list comes back as the user types)
  // and the workspace's closed files.
  connection.onWorkspaceSymbol(
    request('workspace symbols', () => [], ({ query }) => {
      const entries = store.parsedDocuments().flatMap((open) => service.getSymbolEntries(open.doc, open.uri));
      // While the index is (re)built, what it has read so far.
      if (index) for (const entry of index.symbolEntries()) entries.push(entry);
      return service.searchArticles(entries, query, locale);
    }),
  );

  connection.onHover(
    request('hover', () => null, async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getHover(entry.doc, position, locale) : null;
    }),
  );

  connection.onDocumentHighlight(
    request('highlights', () => [], async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getDocumentHighlights(entry.doc, position) : [];
    }),
  );

  connection.languages.onLinkedEditingRange(
    request('linked editing', () => null, async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getLinkedEditingRanges(entry.doc, position) : null;
    }),
  );

  // F2 on a tag's code or name renames it in both tags of the field.
  connection.onPrepareRename(
    request('prepare rename', () => null, async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      const found = entry ? service.getTagRename(entry.doc, position) : null;
      const here = found?.ranges.find((r) => r.start.line === position.line && r.start.character <= position.character && position.character <= r.end.character);
      return found && here ? { range: here, placeholder: found.text } : null;
    }),
  );

  connection.onRenameRequest(
    request('rename', () => null, async ({ textDocument, position, newName }, token) => {
      const entry = await parsed(textDocument.uri, token);
      const found = entry ? service.getTagRename(entry.doc, position) : null;
      if (!found) return null;
      const text = found.part === 'code' ? newName.trim().toUpperCase() : newName.trim();
      if (!validTagPart(found.part, text)) throw new ResponseError(ErrorCodes.InvalidRequest, strings(locale).renameRefused[found.part]);
      return { changes: { [textDocument.uri]: found.ranges.map((range) => ({ range, newText: text })) } };
    }),
  );

  // Go to Definition on a tag is its partner: the closing tag of an opening one, and back.
  connection.onDefinition(
    request('matching tag', () => null, async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      const range = entry ? service.getMatchingTag(entry.doc, position) : null;
      return range ? { uri: textDocument.uri, range } : null;
    }),
  );

  connection.onSelectionRanges(
    request('selection ranges', () => [], async ({ textDocument, positions }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getSelectionRanges(entry.doc, positions) : [];
    }),
  );

  connection.onRequest(
    AUTO_INSERT_REQUEST,
    request('auto insert', () => null, async ({ textDocument, position }: { textDocument: { uri: string }; position: Position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getAutoClose(entry.doc, position) : null;
    }),
  );

  connection.onCompletion(
    request('completion', () => [], async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      if (!entry) return [];
      let inWorkspace: ReturnType<WorkspaceIndex['fieldValueCounts']> | undefined;
      const workspaceValues = index?.ready ? (code: string) => (inWorkspace ??= index.fieldValueCounts()).get(code) : undefined;
      return service.getCompletions(entry.doc, position, locale, { workspaceValues, suggestAgain });
    }),
  );

  connection.onCodeAction(
    request('code actions', () => [], async ({ textDocument, range, context }, token) => {
      const entry = await parsed(textDocument.uri, token);
      if (!entry) return [];
      // A light-bulb request (no `only`) must stay cheap: the fix all's edit is left to
      // codeAction/resolve, or, for a client that cannot resolve, given only when the fix
      // all is asked for by kind (as on save).
      const only = context.only ?? (lazyFixAll ? undefined : [CodeActionKind.QuickFix]);
      return service.getCodeActions(entry.doc, entry.uri, range, locale, only, { lazyFixAll, addTagCommand, resolveEdits: lazyFixAll });
    }),
  );

  connection.onCodeActionResolve(
    request('resolving a code action', (action: CodeAction) => action, async (action, token) => {
      const data = action.data as (Partial<FixAllData> & Partial<QuickFixData>) | undefined;
      if (typeof data?.uri !== 'string' || !(data.fixAll || data.quickFix)) return action;
      const entry = await parsed(data.uri, token);
      if (!entry) return action;
      if (data.fixAll) return { ...action, edit: service.resolveFixAll(entry.doc, entry.uri) };
      const q = data.quickFix!;
      if (typeof q.start !== 'number' || typeof q.end !== 'number' || typeof q.code !== 'string') return action;
      const edit = service.resolveQuickFix(entry.doc, entry.uri, { uri: entry.uri, quickFix: q });
      return edit ? { ...action, edit } : action;
    }),
  );

  connection.listen();
}

/** For clients without hierarchical symbols: the same tree as a flat list with containers. */
function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    SymbolInformation.create(s.name, s.kind, s.range, uri, container),
    ...flatten(s.children ?? [], uri, s.name),
  ]);
}
