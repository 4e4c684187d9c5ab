// Whether a workspace holds a corpus file, so that the language server (which indexes the whole
// workspace) starts for a corpus folder before any file is opened, and never for a folder of
// ordinary text. The manifest's `workspaceContains:**/*.txt` wakes the extension for any folder
// with a text file; this look decides whether there is anything for the server to do.
//
// It takes what the server's walk takes (server/src/node/corpusFiles.ts): `.rmrb` files, and
// `.txt` files whose first line opens with a tag, outside `.git`, `node_modules` and hidden
// folders, narrowed by rmrb.workspace.include/exclude. `findFiles` applies files.exclude.

import * as vscode from 'vscode';
import { selectsFile } from '../../server/src/files/fileSelection';
import { FIRST_LINE } from './language';

/** `.txt` files looked at per folder: enough to find a corpus among a few notes and readmes. */
const TXT_SAMPLE = 50;
/** Bytes read of each: the first line's opening tag is in the first few. */
const PREFIX_BYTES = 1024;

/**
 * A file's first `bytes` bytes, or fewer. On Node, a `file:` URI is read from disk
 * (node/extension.ts), so that a big file is not read whole; elsewhere, `workspacePrefix`.
 */
export type PrefixReader = (uri: vscode.Uri, bytes: number) => Promise<Uint8Array>;

/** The file's first bytes through VS Code's file system: the whole file is read. */
export const workspacePrefix: PrefixReader = async (uri, bytes) => (await vscode.workspace.fs.readFile(uri)).subarray(0, bytes);

/** Whether a workspace folder holds at least one corpus file, the index being on. */
export async function workspaceHasCorpus(token?: vscode.CancellationToken, readPrefix: PrefixReader = workspacePrefix): Promise<boolean> {
  // The server reads rmrb.workspace.* for the whole window (it has no per-folder index
  // settings), so this reads them the same way; detectTxtFiles is the folder's.
  const workspace = vscode.workspace.getConfiguration('rmrb.workspace');
  if (!workspace.get<boolean>('enabled', true)) return false;
  const selected = selection(workspace);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (token?.isCancellationRequested) return false;
    const inFolder = (uri: vscode.Uri) => {
      const relative = relativePath(folder, uri);
      return relative !== undefined && selected(relative);
    };
    const rmrb = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{rmrb,RMRB}'), undefined, 200, token);
    if (rmrb.some(inFolder)) return true;
    if (!vscode.workspace.getConfiguration('rmrb', folder.uri).get<boolean>('detectTxtFiles', true)) continue;
    const txt = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{txt,TXT}'), undefined, 4 * TXT_SAMPLE, token)).filter(inFolder);
    for (const uri of txt.slice(0, TXT_SAMPLE)) {
      if (token?.isCancellationRequested) return false;
      if (await opensWithTag(uri, readPrefix)) return true;
    }
  }
  return false;
}

/**
 * The server walk's own test of a path below a workspace folder (skipped folders, include and
 * exclude); `findFiles` has applied files.exclude already.
 */
function selection(workspace: vscode.WorkspaceConfiguration): (relative: string) => boolean {
  const globs = (value: unknown) => (Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim()) : []);
  const include = globs(workspace.get('include'));
  const exclude = globs(workspace.get('exclude'));
  try {
    return selectsFile({ include, exclude });
  } catch {
    // A glob no path can match: the server says so; here it only must not stop the look.
    return selectsFile({ include: [], exclude: [] });
  }
}

function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const root = folder.uri.path.replace(/\/$/, '');
  return uri.path.startsWith(`${root}/`) ? uri.path.slice(root.length + 1) : undefined;
}

/** Whether a file's first line opens with a tag, in UTF-8 or in GB18030 (GB2312, GBK). */
export async function opensWithTag(uri: vscode.Uri, readPrefix: PrefixReader = workspacePrefix): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await readPrefix(uri, PREFIX_BYTES);
  } catch {
    return false;
  }
  // A prefix may end inside a character: decode without `fatal`, only the start matters.
  return FIRST_LINE.test(new TextDecoder('utf-8').decode(bytes)) || FIRST_LINE.test(new TextDecoder('gb18030').decode(bytes));
}
