// The desktop entry point (package.json `main`): the language server is a Node process of its
// own, over IPC; Export to JSON Lines runs the bundled command line.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { registerExportJsonLines } from '../exportJsonLines';
import { activateClient, type RmrbApi } from '../extension';
import { diskPrefix } from './prefix';

export { deactivate, type RmrbApi } from '../extension';
export { FIRST_LINE, LANGUAGE_ID } from '../language';

export function activate(context: vscode.ExtensionContext): Promise<RmrbApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'serverMain.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  return activateClient(context, {
    newClient: (id, name, options) => new LanguageClient(id, name, serverOptions, options),
    readPrefix: diskPrefix,
    register: (context) => {
      registerExportJsonLines(context);
      // The manifest shows the command where this is set: not on the web, where it is not registered.
      void vscode.commands.executeCommand('setContext', 'rmrb.canExport', true);
    },
  });
}
