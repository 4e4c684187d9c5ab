// The VS Code client: starts the language server and, where VS Code's own first-line
// detection did not apply, gives corpus `.txt` files the rmrb language (language.ts); shows the
// workspace index in the status bar and checks the workspace on demand (workspaceStatus.ts);
// offers to reopen a file read in the wrong encoding as GB18030 (reopenEncoding.ts); exports to
// JSON Lines (exportJsonLines.ts); closes a tag as its `〗` is typed (autoClosingTags.ts) and
// wraps a selection in an inline tag (wrapWithTag.ts).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { t } from './say';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerExportJsonLines } from './exportJsonLines';
import { registerMatchingTag } from './matchingTag';
import { detectLanguage, LANGUAGE_ID } from './language';
import { registerReopenEncoding } from './reopenEncoding';
import { ADD_TAG_COMMAND, registerTagTable } from './tagTable';
import { workspaceHasCorpus } from './workspaceCorpus';
import { registerWorkspaceStatus, type WorkspaceStatusApi } from './workspaceStatus';
import { registerAutoClosingTags } from './autoClosingTags';
import { registerWrapWithTag } from './wrapWithTag';

export { FIRST_LINE, LANGUAGE_ID } from './language';

let client: LanguageClient | undefined;

/** What `activate` gives other extensions (and the integration tests). */
export type RmrbApi = WorkspaceStatusApi;

export async function activate(context: vscode.ExtensionContext): Promise<RmrbApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'serverMain.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    // The server registers its own file watchers for the workspace index (dynamic
    // didChangeWatchedFiles), so no synchronize.fileEvents here.
    // files.exclude too: the server's index leaves out what it hides.
    synchronize: { configurationSection: ['rmrb', 'files.exclude'] },
    outputChannelName: t('RMRB Corpus Language Server'),
    // The status bar item shows the index's progress: the server need not report it as well.
    initializationOptions: { addTagCommand: ADD_TAG_COMMAND, workspaceStatusShown: true },
  };
  const languageClient = new LanguageClient('rmrb', t('RMRB Corpus Language Server'), serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(languageClient);

  let started: Promise<void> | undefined;
  const start = () => (started ??= languageClient.start());
  registerTagTable(context);
  registerReopenEncoding(context);
  registerExportJsonLines(context);
  registerMatchingTag(context);
  registerAutoClosingTags(context, languageClient);
  registerWrapWithTag(context);
  const api = registerWorkspaceStatus(context, languageClient, start);

  // The extension wakes for plain text (to detect corpus .txt files) and for folders holding
  // .rmrb or .txt files; the server starts once a corpus file is open, or once a workspace
  // folder whose index is on (rmrb.workspace.enabled) turns out to hold a corpus file.
  const startIfCorpus = (document: vscode.TextDocument) => {
    if (document.languageId === LANGUAGE_ID) void start();
  };
  let looking: vscode.CancellationTokenSource | undefined;
  const startIfWorkspaceCorpus = () => {
    if (started) return;
    looking?.cancel();
    const source = (looking = new vscode.CancellationTokenSource());
    workspaceHasCorpus(source.token).then(
      (found) => {
        if (found && !source.token.isCancellationRequested) void start();
      },
      () => undefined, // a folder that cannot be searched: the server starts when a corpus file opens
    );
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(async (document) => startIfCorpus(await detectLanguage(document))),
    vscode.workspace.onDidChangeWorkspaceFolders(startIfWorkspaceCorpus),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rmrb.workspace') || e.affectsConfiguration('rmrb.detectTxtFiles')) startIfWorkspaceCorpus();
    }),
    { dispose: () => looking?.cancel() },
    vscode.commands.registerCommand('rmrb.restartServer', () => (started ? languageClient.restart() : undefined)),
  );
  for (const document of vscode.workspace.textDocuments) startIfCorpus(await detectLanguage(document));
  startIfWorkspaceCorpus();
  await started;
  return api;
}

export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
  client = undefined;
}
