// Typing the `〗` of an opening tag inserts its closing tag after the cursor, as the HTML
// extension's autoInsertion.ts closes `<div>`: the client watches the active editor's edits,
// and a moment after a `〗` typed (not an undo or redo), asks the server what belongs there
// (rmrb/autoInsert); the answer, a snippet, goes in only if the document is still the version
// asked about, so an answer that comes late never lands in text typed since.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LANGUAGE_ID } from './language';

/** The server's request (AUTO_INSERT_REQUEST in server/src/lsp/lspServer.ts). */
const AUTO_INSERT_REQUEST = 'rmrb/autoInsert';
/** As the HTML extension waits: typing on at once (another letter) cancels the ask. */
const DELAY_MS = 100;

export function registerAutoClosingTags(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const enabled = (document: vscode.TextDocument) => vscode.workspace.getConfiguration('rmrb', document.uri).get<boolean>('autoClosingTags', true);

  const onChange = ({ document, contentChanges, reason }: vscode.TextDocumentChangeEvent) => {
    if (contentChanges.length === 0 || reason === vscode.TextDocumentChangeReason.Undo || reason === vscode.TextDocumentChangeReason.Redo) return;
    const editor = vscode.window.activeTextEditor;
    if (document.languageId !== LANGUAGE_ID || editor?.document !== document) return;
    clearTimeout(timer);
    timer = undefined;
    // The `〗` alone: a paste or a completion (which brings its own closing tag) is more. Typed
    // over the `〗` VS Code put after `〖` (the pair closing itself), it replaces that one. With
    // several cursors (one change each) every one may stand after another tag: none is closed.
    const last = contentChanges[0];
    if (contentChanges.length !== 1 || last.text !== '〗' || !enabled(document)) return;
    const position = last.range.start.translate(0, 1);
    const version = document.version;
    timer = setTimeout(() => {
      timer = undefined;
      void insertClosingTag(client, document, position, version);
    }, DELAY_MS);
  };

  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument(onChange), { dispose: () => clearTimeout(timer) });
}

async function insertClosingTag(client: BaseLanguageClient, document: vscode.TextDocument, position: vscode.Position, version: number): Promise<void> {
  if (!client.isRunning() || document.version !== version) return;
  let snippet: string | null;
  try {
    snippet = await client.sendRequest<string | null>(AUTO_INSERT_REQUEST, {
      textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
      position: client.code2ProtocolConverter.asPosition(position),
    });
  } catch {
    return; // the server restarting, say: the closing tag can be typed
  }
  const editor = vscode.window.activeTextEditor;
  if (!snippet || editor?.document !== document || document.version !== version) return;
  // At the place asked about, as the HTML extension inserts (the document unchanged since, the
  // `〗` is still there), not at editor.selection: the extension host may not know yet that the
  // cursor moved past the `〗`.
  await editor.insertSnippet(new vscode.SnippetString(snippet), position);
}
