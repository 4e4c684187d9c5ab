// The browser entry point (package.json `browser`): vscode.dev, github.dev, and any web
// workbench's extension host. The language server is dist/browser/server.js in a web worker of
// its own, as VS Code's web language servers run (html-language-features'
// htmlClientMain.ts), and it reads the workspace through this client (fileRequests.ts).
// Everything the desktop has is here except Export to JSON Lines, which runs the command line
// in a process of its own: there is no process to run on the web.

import * as vscode from 'vscode';
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import { activateClient, type RmrbApi } from '../extension';
import { answerFileRequests } from './fileRequests';

export { deactivate, type RmrbApi } from '../extension';

/** The parts of the DOM's Worker and Blob used here (the project's types have no DOM). */
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string) => ServerWorker;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * A client that starts a fresh worker each time it starts (a restart must not initialize the
 * same server twice), and ends the worker with it.
 */
class WorkerLanguageClient extends BaseLanguageClient {
  #worker: ServerWorker | undefined;
  constructor(
    id: string,
    name: string,
    options: LanguageClientOptions,
    private readonly newWorker: () => Promise<ServerWorker>,
  ) {
    super(id, name, options);
  }

  protected override async createMessageTransports(): Promise<MessageTransports> {
    this.#worker?.terminate();
    const worker = (this.#worker = await this.newWorker());
    const port = worker as ConstructorParameters<typeof BrowserMessageReader>[0];
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  }

  override async dispose(timeout?: number): Promise<void> {
    await super.dispose(timeout);
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}

/**
 * The server's worker. A web extension host refuses a worker from an extension installed on a
 * remote server (the VS Code server's web workbench: "Creating workers from remote extensions
 * is currently not supported", microsoft/vscode#168942); there the same script is started from
 * its bytes, read through VS Code's file system, as a blob URL of the extension host's origin.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<ServerWorker> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  try {
    return new Worker(script.toString(true));
  } catch {
    const bytes = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));
  }
}

export function activate(context: vscode.ExtensionContext): Promise<RmrbApi> {
  return activateClient(context, {
    newClient: (id, name, options) => {
      const client = new WorkerLanguageClient(id, name, options, () => serverWorker(context));
      answerFileRequests(client);
      return client;
    },
  });
}
