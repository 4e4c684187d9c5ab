// The workspace index's files in a browser: listed and read by the client (fileRequests.ts),
// then taken and decoded by the same code as on Node (files/fileSelection.ts,
// files/corpusBytes.ts), so that a folder on vscode.dev shows what `rmrb check` reports.

import type { Connection } from 'vscode-languageserver/browser';
import { URI, Utils } from 'vscode-uri';
import { corpusFileFromBytes } from '../files/corpusBytes';
import { anyOf, corpusFileName, selectsFile, skippedFolder } from '../files/fileSelection';
import type { LoadedFile, WorkspaceFileSystem } from '../lsp/workspaceIndex';
import { FILE_TYPE, READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, STAT_REQUEST, type DirectoryEntries, type FileBytes, type FileStat } from './fileRequests';

export function clientWorkspaceFiles(connection: Connection): WorkspaceFileSystem {
  const entries = async (uri: string): Promise<DirectoryEntries> => {
    try {
      return await connection.sendRequest<DirectoryEntries>(READ_DIRECTORY_REQUEST, { uri });
    } catch {
      return null;
    }
  };
  return {
    // The Node walk's order and tests, on the client's listing. Links to folders are not
    // followed: with no real path to compare, a link back up would loop.
    async findFiles(folderUri, selection) {
      const included = anyOf(selection.include);
      const excluded = anyOf(selection.exclude);
      const found: Array<{ uri: string; sniff: boolean; rel: string }> = [];
      const walk = async (folder: URI, relative: string, taken: boolean): Promise<void> => {
        const listed = (await entries(folder.toString())) ?? [];
        listed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [name, type] of listed) {
          const rel = relative ? `${relative}/${name}` : name;
          // Escaped as VS Code escapes, so that the file opened in the editor has the same URI.
          const child = Utils.joinPath(folder, name);
          if (type & FILE_TYPE.folder) {
            if (type & FILE_TYPE.link || skippedFolder(name) || excluded?.(rel, true)) continue;
            await walk(child, rel, taken || !!included?.(rel, true));
          } else if (type & FILE_TYPE.file && corpusFileName(name) && !excluded?.(rel, false) && (!included || taken || included(rel, false))) {
            found.push({ uri: child.toString(), sniff: /\.txt$/i.test(name), rel });
          }
        }
      };
      await walk(URI.parse(folderUri), '', false);
      // Sorted by path, as the Node walk sorts, not by the URIs' escapes.
      found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
      return found.map(({ uri, sniff }) => ({ uri, sniff }));
    },
    async readFile(uri, sniff): Promise<LoadedFile> {
      let bytes: FileBytes;
      try {
        bytes = await connection.sendRequest<FileBytes>(READ_FILE_REQUEST, { uri });
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
      if (!(bytes instanceof Uint8Array)) {
        if (Array.isArray(bytes)) bytes = Uint8Array.from(bytes);
        else return { error: bytes.error };
      }
      const read = corpusFileFromBytes(bytes, 'auto', sniff);
      return 'decoded' in read ? { text: read.decoded.text } : read;
    },
    selects: selectsFile,
    async isFolder(uri) {
      try {
        const stat = await connection.sendRequest<FileStat>(STAT_REQUEST, { uri });
        return !!stat && (stat.type & FILE_TYPE.folder) !== 0;
      } catch {
        return false;
      }
    },
  };
}
