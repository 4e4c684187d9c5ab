// The protocol floor for `npm run bench`: a language server that does no work. It reads every
// message as any server built on vscode-languageserver does (the same message reader and JSON
// parse), then answers at once with nothing: an empty publishDiagnostics for each didOpen,
// didChange and didClose (the real server publishes on all three, so the bench waits the same way
// on both), empty results for hover, documentSymbol, foldingRange and codeAction, and
// codeAction/resolve answered with the action it was sent, unchanged.
// Whatever the real server takes beyond this is its own work, not the protocol's.
//
// Built by the bench script into dist/bench/floorServer.js and started with `--stdio`.

import { createConnection, TextDocumentSyncKind } from 'vscode-languageserver/node';

const connection = createConnection();

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'], resolveProvider: true },
  },
  serverInfo: { name: 'rmrb-bench-floor', version: '0.0.0' },
}));

connection.onDidOpenTextDocument(({ textDocument }) => {
  void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics: [] });
});
connection.onDidChangeTextDocument(({ textDocument }) => {
  void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version ?? undefined, diagnostics: [] });
});
connection.onDidCloseTextDocument(({ textDocument }) => {
  void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
});

connection.onHover(() => null);
connection.onDocumentSymbol(() => []);
connection.onFoldingRanges(() => []);
connection.onCodeAction(() => []);
connection.onCodeActionResolve((action) => action);

connection.listen();
