// The LSP glue: it keeps the open documents, asks the core for answers and sends them.
// It works on any Connection, so the Node (stdio/IPC) and browser entry points share it.
//
// The server never stalls: documents are parsed in slices between messages (documentStore.ts),
// requests wait for the parse of their document and honour $/cancelRequest, and every
// handler runs inside `safely` or `request`, so a bug is logged, never fatal.

import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  ResponseError,
  SymbolInformation,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { createLanguageService, FIX_ALL_KIND, localeFrom, normalizeSettings, type FixAllData, type Locale, type QuickFixData } from '../languageService';
import { cancelled, DocumentStore, type OpenDocument } from './documentStore';
import { encodedOutline } from './encodedJson';
import { VERSION } from './version';

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
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service = createLanguageService();
  let locale: Locale = 'en';
  let pullDiagnostics = false;
  let configurationRequests = false;
  let hierarchicalSymbols = true;
  let lazyFixAll = false;
  let addTagCommand: string | undefined;
  let foldingLimit = Number.MAX_SAFE_INTEGER;
  let settingsWait: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

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

  /** The document once parsed; throws RequestCancelled when the request was cancelled meanwhile. */
  async function parsed(uri: string, token: CancellationToken): Promise<OpenDocument | undefined> {
    const entry = await store.whenParsed(uri, token);
    if (token.isCancellationRequested) throw cancelled();
    return entry;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    safely('reading the client capabilities', undefined, () => {
      const caps: ClientCapabilities = params.capabilities ?? {};
      locale = localeFrom(params.locale);
      pullDiagnostics = !!caps.textDocument?.diagnostic;
      configurationRequests = !!caps.workspace?.configuration;
      hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
      const resolvable = caps.textDocument?.codeAction?.resolveSupport?.properties;
      lazyFixAll = Array.isArray(resolvable) && resolvable.includes('edit');
      foldingLimit = caps.textDocument?.foldingRange?.rangeLimit ?? Number.MAX_SAFE_INTEGER;
    });
    safely('reading initializationOptions', undefined, () => {
      const init = params.initializationOptions as { settings?: unknown; addTagCommand?: unknown } | undefined;
      if (init?.settings) service.configure(normalizeSettings(init.settings));
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
        completionProvider: { triggerCharacters: ['〖', '-'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() =>
    safely('initialized', undefined, () => {
      if (configurationRequests) void initialSettings();
    }),
  );

  async function initialSettings(): Promise<void> {
    const tableChanged = await loadSettings();
    clearTimeout(settingsWait);
    if (store.holding) safely('releasing the parses', undefined, () => store.release());
    else settingsChanged(tableChanged); // the wait ran out: what was checked under the defaults is checked again
  }

  /** Reads and applies the client's settings; true when the tag table changed. */
  async function loadSettings(): Promise<boolean> {
    try {
      const raw = await connection.workspace.getConfiguration('rmrb');
      return service.configure(normalizeSettings(raw));
    } catch (e) {
      connection.console.warn(`Could not read the rmrb settings: ${String(e)}`);
      return false;
    }
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
    });
  }

  connection.onDidChangeConfiguration((change) =>
    safely('configuration change', undefined, () => {
      if (!configurationRequests) settingsChanged(service.configure(normalizeSettings((change.settings as { rmrb?: unknown } | undefined)?.rmrb)));
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
          if (current) void connection.sendDiagnostics({ uri, version: current.version, diagnostics: service.getDiagnostics(current.doc, locale, { uri }) });
        }),
      0),
    );
  }

  connection.onDidOpenTextDocument(({ textDocument }) =>
    safely('open', undefined, () => store.open(textDocument.uri, textDocument.version, textDocument.text)),
  );

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) =>
    safely('change', undefined, () => store.change(textDocument.uri, textDocument.version ?? 0, contentChanges)),
  );

  connection.onDidCloseTextDocument(({ textDocument }) =>
    safely('close', undefined, () => {
      store.close(textDocument.uri);
      clearTimeout(pending.get(textDocument.uri));
      pending.delete(textDocument.uri);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );

  connection.languages.diagnostics.on(
    request('diagnostics', () => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }), async ({ textDocument }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return { kind: DocumentDiagnosticReportKind.Full, items: entry ? service.getDiagnostics(entry.doc, locale, { uri: textDocument.uri }) : [] };
    }),
  );

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
  // being parsed are left out rather than waited for: the list comes back as the user types).
  connection.onWorkspaceSymbol(
    request('workspace symbols', () => [], ({ query }) => {
      const entries = store.parsedDocuments().flatMap((open) => service.getSymbolEntries(open.doc, open.uri));
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

  connection.onCompletion(
    request('completion', () => [], async ({ textDocument, position }, token) => {
      const entry = await parsed(textDocument.uri, token);
      return entry ? service.getCompletions(entry.doc, position, locale) : [];
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
