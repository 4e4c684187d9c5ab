// The VS Code client, on the desktop and in the browser alike: starts the language server and,
// where VS Code's own first-line detection did not apply, gives corpus `.txt` files the rmrb
// language (language.ts); shows the workspace index in the status bar and checks the workspace
// on demand (workspaceStatus.ts); offers to reopen a file read in the wrong encoding as GB18030
// (reopenEncoding.ts); closes a tag as its `〗` is typed (autoClosingTags.ts) and wraps a
// selection in an inline tag (wrapWithTag.ts). The entry points, node/extension.ts (`main`) and
// browser/extension.ts (`browser`), say how the server runs and add what only their platform
// has (on Node, Export to JSON Lines, which runs the command line). A feature for both is
// registered here.

import * as vscode from 'vscode';
import { t } from './say';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerMatchingTag } from './matchingTag';
import { detectLanguage, LANGUAGE_ID } from './language';
import { registerReopenEncoding } from './reopenEncoding';
import { ADD_TAG_COMMAND, registerTagTable } from './tagTable';
import { workspaceHasCorpus, type PrefixReader } from './workspaceCorpus';
import { registerWorkspaceStatus, type WorkspaceStatusApi } from './workspaceStatus';
import { registerAutoClosingTags } from './autoClosingTags';
import { registerWrapWithTag } from './wrapWithTag';

export { FIRST_LINE, LANGUAGE_ID } from './language';

let client: BaseLanguageClient | undefined;

/** What `activate` gives other extensions (and the integration tests). */
export type RmrbApi = WorkspaceStatusApi;

/** What differs between the desktop (node/extension.ts) and the browser (browser/extension.ts). */
export interface ClientPlatform {
  /** A language client whose server runs as this platform runs it. */
  newClient(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient | Promise<BaseLanguageClient>;
  /** How the look for a corpus reads a file's first bytes. */
  readPrefix?: PrefixReader;
  /** What only this platform offers. */
  register?(context: vscode.ExtensionContext, client: BaseLanguageClient): void;
}

export async function activateClient(context: vscode.ExtensionContext, platform: ClientPlatform): Promise<RmrbApi> {
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
  const languageClient = await platform.newClient('rmrb', t('RMRB Corpus Language Server'), clientOptions);
  client = languageClient;
  context.subscriptions.push(languageClient);

  let started: Promise<void> | undefined;
  const start = () => (started ??= languageClient.start());
  registerTagTable(context);
  registerReopenEncoding(context);
  platform.register?.(context, languageClient);
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
    workspaceHasCorpus(source.token, platform.readPrefix).then(
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
    // Stopped and started, as the Node client's restart does: the browser client has no restart.
    vscode.commands.registerCommand('rmrb.restartServer', () => (started ? languageClient.stop().then(() => languageClient.start()) : undefined)),
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
