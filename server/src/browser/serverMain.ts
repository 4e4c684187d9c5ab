// The browser entry point: the language server in a web worker (vscode.dev, github.dev), built
// by esbuild as dist/browser/server.js, a classic worker script, as VS Code's own web language
// servers are (html-language-features' htmlServerWorkerMain.ts). It talks to the client over the
// worker's own messages, and reads the workspace's files through the client (workspaceFiles.ts).

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/lspServer';
import { clientWorkspaceFiles } from './workspaceFiles';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, { workspaceFiles: clientWorkspaceFiles(connection) });
