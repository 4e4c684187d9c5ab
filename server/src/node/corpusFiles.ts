// Finding and decoding corpus files on disk: one module for the command line and, later, the
// server's workspace index, so both agree on what a corpus file is and how it is read.
//
// A corpus file is a `.rmrb` file, or a `.txt` whose first line opens with a tag (the editor's
// own detection). Files named by the user are always read. Folders are walked recursively,
// skipping `.git`, `node_modules` and hidden folders, and never following a symbolic link to a
// folder twice (a link back up would loop). Paths come out sorted, so runs are reproducible.

import { closeSync, openSync, promises as fs, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';

export type Encoding = 'utf-8' | 'gb18030';
export type EncodingChoice = 'auto' | Encoding;

/** The first line of a corpus file: a tag's `〖` and two letters, then a separator. */
export const CORPUS_FIRST_LINE = /^\ufeff?\s*〖[A-Za-z]{2}[/／;；:：]/;

const SKIPPED = new Set(['.git', 'node_modules']);

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** The file began with a UTF-8 byte order mark (kept in `text` as U+FEFF, as editors keep it). */
  bom: boolean;
}

/**
 * Decodes a file's bytes: `auto` reads a UTF-8 BOM as UTF-8, else strict UTF-8, else GB18030
 * (which also reads GB2312 and GBK). Undefined when the chosen encoding cannot read the bytes.
 */
export function decode(bytes: Uint8Array, choice: EncodingChoice = 'auto'): Decoded | undefined {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = (): Decoded | undefined => {
    try {
      return { text: UTF8.decode(bytes), encoding: 'utf-8', bom };
    } catch {
      return undefined;
    }
  };
  const gb = (): Decoded | undefined => {
    try {
      return { text: GB18030.decode(bytes), encoding: 'gb18030', bom: false };
    } catch {
      return undefined;
    }
  };
  if (choice === 'utf-8') return utf8();
  if (choice === 'gb18030') return gb();
  return bom ? utf8() : (utf8() ?? gb());
}

// One decoder each, for every file: a decode that is not streamed leaves nothing behind.
// ignoreBOM keeps a BOM in the text, where positions count it as the editor does.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const GB18030 = new TextDecoder('gb18030', { fatal: true });

/** A corpus file's bytes and text, or why it could not be read: what every command starts from. */
export async function readCorpusFile(file: string, choice: EncodingChoice): Promise<{ bytes: Uint8Array; decoded: Decoded } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { error: reason(e) };
  }
  const decoded = decode(bytes, choice);
  return decoded ? { bytes, decoded } : { error: choice === 'auto' ? 'neither UTF-8 nor GB18030' : `not ${choice}` };
}

/**
 * The same, read synchronously: a command-line run reads thousands of small files, and a
 * promise per open, read and close costs it more than reading them (its threads give it the
 * parallelism). The server, which must keep answering while it reads, uses the async one.
 */
export function readCorpusFileSync(file: string, choice: EncodingChoice): { bytes: Uint8Array; decoded: Decoded } | { error: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { error: reason(e) };
  }
  const decoded = decode(bytes, choice);
  return decoded ? { bytes, decoded } : { error: choice === 'auto' ? 'neither UTF-8 nor GB18030' : `not ${choice}` };
}

export interface FoundFiles {
  /** Corpus files, sorted, each once. */
  files: string[];
  /** Paths that could not be read, with why. */
  errors: Array<{ path: string; message: string }>;
}

/**
 * The corpus files under `paths` (files named are always taken). The walk is synchronous: a
 * command line walks a tree of a hundred thousand files, where a promise per call idles more
 * than it reads.
 */
export async function findCorpusFiles(paths: readonly string[]): Promise<FoundFiles> {
  const files = new Set<string>();
  const errors: FoundFiles['errors'] = [];
  const seenFolders = new Set<string>();
  const walk = (folder: string): void => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (e) {
      errors.push({ path: folder, message: reason(e) });
      return;
    }
    if (seenFolders.has(real)) return; // a link back to a folder already walked
    seenFolders.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: folder, message: reason(e) });
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statSync(full, { throwIfNoEntry: false });
        isDir = !!target?.isDirectory();
        isFile = !!target?.isFile();
      }
      if (isDir) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (isFile && isCorpusFile(full)) {
        files.add(full);
      }
    }
  };
  for (const p of paths) {
    let stat: Stats | undefined;
    try {
      stat = statSync(p);
    } catch (e) {
      errors.push({ path: p, message: reason(e) });
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else files.add(p);
  }
  return { files: [...files].sort(), errors };
}

/** A `.rmrb` file, or a `.txt` whose first line opens with a tag. */
function isCorpusFile(file: string): boolean {
  if (/\.rmrb$/i.test(file)) return true;
  if (!/\.txt$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const bytesRead = readSync(fd, head, 0, head.length, 0);
    const first = head.subarray(0, bytesRead);
    // The first bytes may end inside a character: read them leniently both ways.
    const firstLine = (encoding: Encoding) => new TextDecoder(encoding).decode(first).split(/\r\n|\r|\n/, 1)[0];
    return CORPUS_FIRST_LINE.test(firstLine('utf-8')) || CORPUS_FIRST_LINE.test(firstLine('gb18030'));
  } catch {
    return true; // unreadable: taken, so that the check reports why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
const head = new Uint8Array(256);

/** A one-line reason for an I/O error, without a stack. */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return err?.message ? String(err.message).split('\n')[0] : String(e);
  }
}
