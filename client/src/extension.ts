// The VS Code client: starts the language server and, where VS Code's own first-line
// detection did not apply, gives corpus `.txt` files the rmrb language; offers to reopen a file
// read in the wrong encoding as GB18030 (reopenEncoding.ts); exports to JSON Lines
// (exportJsonLines.ts).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerExportJsonLines } from './exportJsonLines';
import { registerReopenEncoding } from './reopenEncoding';
import { ADD_TAG_COMMAND, registerTagTable } from './tagTable';

export const LANGUAGE_ID = 'rmrb';
/** The first line of a corpus file opens with a tag such as 〖ZQ/总期〗 (a broken separator too). */
export const FIRST_LINE = /^\uFEFF?\s*〖[A-Za-z]{2}[/／;；:：]/;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'serverMain.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    synchronize: { configurationSection: 'rmrb' },
    outputChannelName: vscode.l10n.t('RMRB Corpus Language Server'),
    initializationOptions: { addTagCommand: ADD_TAG_COMMAND },
  };
  client = new LanguageClient('rmrb', vscode.l10n.t('RMRB Corpus Language Server'), serverOptions, clientOptions);
  context.subscriptions.push(client);
  registerTagTable(context);
  registerReopenEncoding(context);
  registerExportJsonLines(context);

  // The extension also wakes for plain text (to detect corpus .txt files); the server starts
  // only once a corpus file is open.
  let started: Promise<void> | undefined;
  const startIfNeeded = (document: vscode.TextDocument) => {
    if (document.languageId === LANGUAGE_ID) started ??= client!.start();
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => {
      detectLanguage(document);
      startIfNeeded(document);
    }),
    vscode.commands.registerCommand('rmrb.restartServer', () => (started ? client?.restart() : undefined)),
  );
  for (const document of vscode.workspace.textDocuments) {
    detectLanguage(document);
    startIfNeeded(document);
  }
  await started;
}

export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
  client = undefined;
}

/**
 * Gives `.txt` corpus files the rmrb language. VS Code's own `firstLine` detection cannot: it
 * is consulted only when no extension matched, and `.txt` always matches plain text (claiming
 * `.txt` in the manifest would instead make every text file rmrb, since the language registered
 * last wins a tie). So the client looks at the first line of each plain-text `.txt` it sees.
 */
function detectLanguage(document: vscode.TextDocument): void {
  if (!/\.txt$/i.test(document.uri.path) || document.lineCount === 0) return;
  const detect = vscode.workspace.getConfiguration('rmrb', document.uri).get<boolean>('detectTxtFiles', true);
  const looksLikeCorpus = FIRST_LINE.test(document.lineAt(0).text);
  if (detect && looksLikeCorpus && document.languageId === 'plaintext') {
    void vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  } else if (!detect && document.languageId === LANGUAGE_ID) {
    void vscode.languages.setTextDocumentLanguage(document, 'plaintext');
  }
}
