// The LSP glue: it keeps the open documents, asks the core for answers and sends them.
// It works on any Connection, so the Node (stdio/IPC) and browser entry points share it.

import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  SymbolInformation,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { createLanguageService, FIX_ALL_KIND, localeFrom, normalizeSettings, type Locale } from '../languageService';
import { DocumentStore, type OpenDocument } from './documentStore';

export const SERVER_NAME = 'rmrb-language-server';

export function startServer(connection: Connection): void {
  const service = createLanguageService();
  const store = new DocumentStore(service);
  let locale: Locale = 'en';
  let pullDiagnostics = false;
  let configurationRequests = false;
  let hierarchicalSymbols = true;
  let foldingLimit = Number.MAX_SAFE_INTEGER;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs a handler; a bug in one request is logged, never fatal to the server. */
  const safely = <T>(what: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (e) {
      connection.console.error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps: ClientCapabilities = params.capabilities;
    locale = localeFrom(params.locale);
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    foldingLimit = caps.textDocument?.foldingRange?.rangeLimit ?? Number.MAX_SAFE_INTEGER;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) service.configure(normalizeSettings(init.settings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        foldingRangeProvider: true,
        documentSymbolProvider: { label: 'RMRB' },
        hoverProvider: true,
        documentHighlightProvider: true,
        linkedEditingRangeProvider: true,
        completionProvider: { triggerCharacters: ['〖', '-'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: SERVER_NAME, version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationRequests) await loadSettings();
  });

  async function loadSettings(): Promise<void> {
    try {
      const raw = await connection.workspace.getConfiguration('rmrb');
      service.configure(normalizeSettings(raw));
    } catch (e) {
      connection.console.warn(`Could not read the rmrb settings: ${String(e)}`);
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationRequests) await loadSettings();
    else service.configure(normalizeSettings((change.settings as { rmrb?: unknown } | undefined)?.rmrb));
    // Every open document is parsed again under the new settings and validated.
    store.reparseStale();
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const entry of store.all()) schedulePublish(entry);
  });

  const diagnosticsOf = (entry: OpenDocument): Diagnostic[] =>
    safely('diagnostics', [], () => service.getDiagnostics(entry.doc, locale));

  function schedulePublish(entry: OpenDocument): void {
    if (pullDiagnostics) return;
    clearTimeout(pending.get(entry.uri));
    // Coalesce a burst of changes (typing, a paste in parts) into one publication.
    pending.set(
      entry.uri,
      setTimeout(() => {
        pending.delete(entry.uri);
        const current = store.get(entry.uri);
        if (current) void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: diagnosticsOf(current) });
      }, 0),
    );
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const entry = safely('open', undefined, () => store.open(textDocument.uri, textDocument.version, textDocument.text));
    if (entry) schedulePublish(entry);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const entry = safely('change', undefined, () => store.change(textDocument.uri, textDocument.version ?? 0, contentChanges));
    if (entry) schedulePublish(entry);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    store.close(textDocument.uri);
    clearTimeout(pending.get(textDocument.uri));
    pending.delete(textDocument.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(({ textDocument }) => {
    const entry = store.get(textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: entry ? diagnosticsOf(entry) : [] };
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const entry = store.get(textDocument.uri);
    return entry ? safely('folding', [], () => service.getFoldingRanges(entry.doc, foldingLimit)) : [];
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const entry = store.get(textDocument.uri);
    if (!entry) return [];
    return safely('symbols', [], () => {
      const symbols = service.getDocumentSymbols(entry.doc, locale);
      return hierarchicalSymbols ? symbols : flatten(symbols, entry.uri);
    });
  });

  connection.onHover(({ textDocument, position }) => {
    const entry = store.get(textDocument.uri);
    return entry ? safely('hover', null, () => service.getHover(entry.doc, position, locale)) : null;
  });

  connection.onDocumentHighlight(({ textDocument, position }) => {
    const entry = store.get(textDocument.uri);
    return entry ? safely('highlights', [], () => service.getDocumentHighlights(entry.doc, position)) : [];
  });

  connection.languages.onLinkedEditingRange(({ textDocument, position }) => {
    const entry = store.get(textDocument.uri);
    return entry ? safely('linked editing', null, () => service.getLinkedEditingRanges(entry.doc, position)) : null;
  });

  connection.onCompletion(({ textDocument, position }) => {
    const entry = store.get(textDocument.uri);
    return entry ? safely('completion', [], () => service.getCompletions(entry.doc, position, locale)) : [];
  });

  connection.onCodeAction(({ textDocument, range, context }) => {
    const entry = store.get(textDocument.uri);
    return entry ? safely('code actions', [], () => service.getCodeActions(entry.doc, entry.uri, range, locale, context.only)) : [];
  });

  connection.listen();
}

/** For clients without hierarchical symbols: the same tree as a flat list with containers. */
function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    SymbolInformation.create(s.name, s.kind, s.range, uri, container),
    ...flatten(s.children ?? [], uri, s.name),
  ]);
}
