// The client's half of the browser server's file requests (server/src/browser/fileRequests.ts):
// a web worker reads no files, so the server asks, and VS Code's file system answers, whatever
// the workspace is (a GitHub repository on github.dev, a folder given to vscode.dev).

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  READ_DIRECTORY_REQUEST,
  READ_FILE_REQUEST,
  STAT_REQUEST,
  type DirectoryEntries,
  type FileBytes,
  type FileStat,
  type UriParams,
} from '../../../server/src/browser/fileRequests';

export function answerFileRequests(client: BaseLanguageClient): void {
  const uri = (params: UriParams) => vscode.Uri.parse(params.uri);
  client.onRequest(READ_DIRECTORY_REQUEST, async (params: UriParams): Promise<DirectoryEntries> => {
    try {
      return await vscode.workspace.fs.readDirectory(uri(params));
    } catch {
      return null;
    }
  });
  client.onRequest(READ_FILE_REQUEST, async (params: UriParams): Promise<FileBytes> => {
    try {
      return await vscode.workspace.fs.readFile(uri(params));
    } catch (e) {
      return { error: e instanceof vscode.FileSystemError ? e.code : String(e) };
    }
  });
  client.onRequest(STAT_REQUEST, async (params: UriParams): Promise<FileStat> => {
    try {
      return { type: (await vscode.workspace.fs.stat(uri(params))).type };
    } catch {
      return null;
    }
  });
}
