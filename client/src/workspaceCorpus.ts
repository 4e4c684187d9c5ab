// Whether a workspace holds a corpus file, so that the language server (which indexes the whole
// workspace) starts for a corpus folder before any file is opened, and never for a folder of
// ordinary text. The manifest's `workspaceContains:**/*.txt` wakes the extension for any folder
// with a text file; this look decides whether there is anything for the server to do.
//
// It takes what the server's walk takes (server/src/node/corpusFiles.ts): `.rmrb` files, and
// `.txt` files whose first line opens with a tag, outside `.git`, `node_modules` and hidden
// folders, narrowed by rmrb.workspace.include/exclude. `findFiles` applies files.exclude.

import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { globTest } from '../../server/src/node/corpusFiles';
import { FIRST_LINE } from './language';

/** `.txt` files looked at per folder: enough to find a corpus among a few notes and readmes. */
const TXT_SAMPLE = 50;
/** Bytes read of each: the first line's opening tag is in the first few. */
const PREFIX_BYTES = 1024;

/** Whether a workspace folder with the index turned on holds at least one corpus file. */
export async function workspaceHasCorpus(token?: vscode.CancellationToken): Promise<boolean> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (token?.isCancellationRequested) return false;
    const config = vscode.workspace.getConfiguration('rmrb', folder.uri);
    if (!config.get<boolean>('workspace.enabled', true)) continue;
    const selected = selection(folder, config);
    const rmrb = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{rmrb,RMRB}'), undefined, 200, token);
    if (rmrb.some(selected)) return true;
    if (!config.get<boolean>('detectTxtFiles', true)) continue;
    const txt = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{txt,TXT}'), undefined, 4 * TXT_SAMPLE, token)).filter(selected);
    for (const uri of txt.slice(0, TXT_SAMPLE)) {
      if (token?.isCancellationRequested) return false;
      if (await opensWithTag(uri)) return true;
    }
  }
  return false;
}

/** A test of a file found in `folder`: not in a skipped folder, and let through by the globs. */
function selection(folder: vscode.WorkspaceFolder, config: vscode.WorkspaceConfiguration): (uri: vscode.Uri) => boolean {
  const compile = (globs: unknown) =>
    (Array.isArray(globs) ? globs : []).flatMap((glob) => {
      try {
        return typeof glob === 'string' ? [globTest(glob)] : [];
      } catch {
        return []; // the server says what is wrong with a glob; here it just matches nothing
      }
    });
  const include = compile(config.get('workspace.include'));
  const exclude = compile(config.get('workspace.exclude'));
  const root = folder.uri.path.replace(/\/$/, '');
  return (uri) => {
    if (!uri.path.startsWith(`${root}/`)) return false;
    const parts = uri.path.slice(root.length + 1).split('/');
    if (parts.slice(0, -1).some((p) => p.startsWith('.') || p === 'node_modules')) return false;
    // The file and each folder above it, as the walk meets them.
    const paths = parts.map((_, k) => ({ relative: parts.slice(0, k + 1).join('/'), isFolder: k < parts.length - 1 }));
    if (exclude.length > 0 && paths.some((p) => exclude.some((t) => t(p.relative, p.isFolder)))) return false;
    return include.length === 0 || paths.some((p) => include.some((t) => t(p.relative, p.isFolder)));
  };
}

/** Whether a file's first line opens with a tag, in UTF-8 or in GB18030 (GB2312, GBK). */
export async function opensWithTag(uri: vscode.Uri): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await readPrefix(uri);
  } catch {
    return false;
  }
  // A prefix may end inside a character: decode without `fatal`, only the start matters.
  return FIRST_LINE.test(new TextDecoder('utf-8').decode(bytes)) || FIRST_LINE.test(new TextDecoder('gb18030').decode(bytes));
}

/** The file's first bytes: read from disk where it is on this computer, else the whole file. */
async function readPrefix(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme !== 'file') return (await vscode.workspace.fs.readFile(uri)).subarray(0, PREFIX_BYTES);
  const handle = await fs.open(uri.fsPath, 'r');
  try {
    const buffer = new Uint8Array(PREFIX_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PREFIX_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
