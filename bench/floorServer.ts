// The protocol floor for `npm run bench`: a language server that does no work. It reads every
// message as any server built on vscode-languageserver does (the same message reader and JSON
// parse), then answers at once with nothing: an empty publishDiagnostics for each didOpen,
// didChange and didClose (the real server publishes on all three, so the bench waits the same way
// on both), empty results for hover, documentSymbol, foldingRange, codeAction, completion,
// selectionRange and rmrb/autoInsert, and
// codeAction/resolve answered with the action it was sent, unchanged.
// Whatever the real server takes beyond this is its own work, not the protocol's.
//
// Built by the bench script into dist/bench/floorServer.js and started with `--stdio`; with
// `--our-reader` it reads with the real server's stdio reader instead (server/src/node/
// messageReader.ts), so the bench can show what that reader alone saves.

import { createConnection, StreamMessageWriter, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { StdioMessageReader } from '../server/src/node/messageReader';

const connection = process.argv.includes('--our-reader')
  ? createConnection(new StdioMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
  : createConnection();
if (process.argv.includes('--our-reader')) process.stdin.on('close', () => process.exit(0));

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    completionProvider: {},
    selectionRangeProvider: true,
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
connection.onCompletion(() => []);
connection.onSelectionRanges(() => []);
connection.onRequest('rmrb/autoInsert', () => null);
connection.onCodeActionResolve((action) => action);

connection.listen();
