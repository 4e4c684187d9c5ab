// The workspace index's files on Node: found and read by the command line's own code
// (corpusFiles.ts), so the editor and `rmrb check` agree on what a corpus file is and how it
// decodes. URIs are made as VS Code makes them (vscode-uri), so that a file the index read and
// the same file opened in the editor have one URI.

import { statSync } from 'node:fs';
import { URI } from 'vscode-uri';
import type { WorkspaceFileSystem } from '../lsp/workspaceIndex';
import { findCorpusFiles, readCorpusFileSync, selectsFile } from './corpusFiles';

/** Only `file:` URIs are on this disk; a virtual workspace's folders are left to the editor. */
const pathOf = (uri: string): string | undefined => {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
};

export const nodeWorkspaceFiles: WorkspaceFileSystem = {
  async findFiles(folderUri, selection) {
    const folder = pathOf(folderUri);
    if (!folder) return [];
    const found = await findCorpusFiles([folder], selection);
    return found.files.map((file) => ({ uri: URI.file(file).toString(), sniff: found.unsniffed.has(file) }));
  },
  readFile(uri, sniff) {
    const file = pathOf(uri);
    if (!file) return { skipped: true };
    const loaded = readCorpusFileSync(file, 'auto', sniff);
    return 'decoded' in loaded ? { text: loaded.decoded.text } : loaded;
  },
  selects: selectsFile,
  isFolder(uri) {
    const file = pathOf(uri);
    try {
      return !!file && statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
};
