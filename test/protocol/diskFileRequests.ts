// The web client's answers to the browser server's file requests (client/src/browser/
// fileRequests.ts does it with vscode.workspace.fs), given here from this disk, for the tests
// that run the browser server outside VS Code.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { FILE_TYPE, READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, STAT_REQUEST } from '../../server/src/browser/fileRequests';

export const FILE_REQUESTS = [READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, STAT_REQUEST];

/** The answer to one of FILE_REQUESTS. */
export function answerFromDisk(method: string, params: unknown): unknown {
  const p = URI.parse((params as { uri: string }).uri).fsPath;
  const type = (file: string) => (statSync(file).isDirectory() ? FILE_TYPE.folder : FILE_TYPE.file);
  try {
    if (method === READ_DIRECTORY_REQUEST) return readdirSync(p).map((name) => [name, type(path.join(p, name))]);
    if (method === READ_FILE_REQUEST) return new Uint8Array(readFileSync(p));
    if (method === STAT_REQUEST) return { type: type(p) };
  } catch (e) {
    return method === READ_FILE_REQUEST ? { error: (e as Error).message } : null;
  }
  throw new Error(`not a file request: ${method}`);
}
