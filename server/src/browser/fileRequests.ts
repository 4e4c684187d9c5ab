// The requests by which the browser server reads the workspace through its client: a web worker
// has no file system, and the workspace may be a GitHub repository (github.dev) or a folder the
// browser was given, which only VS Code can read. As the Markdown language server asks its
// client (markdown-language-features' `markdown/fs/*`), the client answers with
// `vscode.workspace.fs` (client/src/browser/fileRequests.ts).

/** `{ uri }` → the folder's entries as `[name, type]`, type as vscode.FileType (bits: 1 file, 2 folder, 64 link); null if unreadable. */
export const READ_DIRECTORY_REQUEST = 'rmrb/fs/readDirectory';
/** `{ uri }` → the file's bytes (a Uint8Array, copied as it is by postMessage), or `{ error }`. */
export const READ_FILE_REQUEST = 'rmrb/fs/readFile';
/** `{ uri }` → `{ type }` as vscode.FileType, or null when nothing is there. */
export const STAT_REQUEST = 'rmrb/fs/stat';

export interface UriParams {
  uri: string;
}

export type DirectoryEntries = Array<[string, number]> | null;
export type FileBytes = Uint8Array | { error: string };
export type FileStat = { type: number } | null;

export const FILE_TYPE = { file: 1, folder: 2, link: 64 } as const;
