// Finding and decoding corpus files on disk: one module for the command line and, later, the
// server's workspace index, so both agree on what a corpus file is and how it is read.
//
// A corpus file is a `.rmrb` file, or a `.txt` whose first line opens with a tag (the editor's
// own detection). Files named by the user are always read. Folders are walked recursively,
// skipping `.git`, `node_modules` and hidden folders, and never walking a folder twice (a link
// back up would loop); `--include`/`--exclude` globs narrow what a walk takes. Paths come out
// sorted, and which of two paths to one folder names its files does not depend on the order
// the file system lists them in, so runs are reproducible.

import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch/posix';

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

/**
 * Opens a file for reading only if it is a regular file. O_NONBLOCK lets a FIFO open at once
 * (a plain open waits for a writer that may never come) so that it can be refused; it changes
 * nothing for a regular file.
 */
function openRegularFileSync(file: string): number {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new NotRegularFile();
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

class NotRegularFile extends Error {
  constructor() {
    super('not a regular file');
  }
}

/** Bytes that no text file has: git's test for a binary file (a NUL in its first 8000 bytes). */
function binaryKind(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return 'UTF-16, not UTF-8 or GB18030';
  return bytes.subarray(0, 8000).includes(0) ? 'a binary file, not a corpus file' : undefined;
}

/**
 * A corpus file's bytes and text, or why it could not be read: what every command starts from.
 * `sniff` (a `.txt` a walk found, FoundFiles.unsniffed): skipped unless its first line opens
 * with a tag, tested on the bytes read rather than by opening the file twice. Synchronous: a
 * command-line run reads thousands of small files, and a promise per open, read and close costs
 * it more than reading them (its threads give it the parallelism).
 */
export function readCorpusFileSync(file: string, choice: EncodingChoice, sniff = false): { bytes: Uint8Array; decoded: Decoded } | { error: string } | { skipped: true } {
  let bytes: Uint8Array;
  try {
    const fd = openRegularFileSync(file);
    try {
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { error: reason(e) };
  }
  if (sniff && !opensWithTag(bytes.subarray(0, SNIFFED))) return { skipped: true };
  return fromBytes(bytes, choice);
}

function fromBytes(bytes: Uint8Array, choice: EncodingChoice): { bytes: Uint8Array; decoded: Decoded } | { error: string } {
  const binary = binaryKind(bytes);
  if (binary) return { error: binary };
  const decoded = decode(bytes, choice);
  return decoded ? { bytes, decoded } : { error: choice === 'auto' ? 'neither UTF-8 nor GB18030' : `not ${choice}` };
}

/**
 * Globs that refine which files a folder walk takes, matched against the path relative to the
 * folder walked, with `/` separators. Plain strings, so that options holding them can be sent
 * to a worker thread; findCorpusFiles compiles them.
 */
export interface FileSelection {
  /** A file found in a folder is taken only if one of these matches it or a folder above it. */
  include: string[];
  /** Files and folders these match are left out; a folder left out is not even read. */
  exclude: string[];
}

/** Whether a glob matches an entry, given its path relative to the folder walked. */
type GlobTest = (relative: string, isFolder: boolean) => boolean;

/**
 * One glob as a test. A glob with no `/` matches the base name, at any depth (`*.bak.txt`,
 * `draft`); one ending in `/` matches folders only. Dots are ordinary characters, so that
 * `*.txt` matches `.notes.txt` as it reads. Throws on a glob no path can match.
 */
export function globTest(glob: string): GlobTest {
  const folderOnly = glob.endsWith('/');
  const body = folderOnly ? glob.replace(/\/+$/, '') : glob;
  if (body === '') throw new Error('an empty glob matches nothing');
  if (body.startsWith('/') || /^\.\.(\/|$)/.test(body)) throw new Error(`“${glob}” is not inside the folder walked: globs are relative to it`);
  const baseName = !body.includes('/');
  const match = picomatch(body, { dot: true });
  return (relative, isFolder) => (!folderOnly || isFolder) && match(baseName ? relative.slice(relative.lastIndexOf('/') + 1) : relative);
}

function anyOf(globs: readonly string[]): GlobTest | undefined {
  if (globs.length === 0) return undefined;
  const tests = globs.map(globTest);
  return (relative, isFolder) => tests.some((t) => t(relative, isFolder));
}

/**
 * Whether a walk of a folder would take the file at `relative` (a path below it, `/`-separated):
 * the same test findCorpusFiles makes, for one file a watcher reports.
 */
export function selectsFile(selection: FileSelection): (relative: string) => boolean {
  const included = anyOf(selection.include);
  const excluded = anyOf(selection.exclude);
  return (relative) => {
    const parts = relative.split('/');
    const name = parts[parts.length - 1];
    if (!/\.(rmrb|txt)$/i.test(name)) return false;
    let taken = false;
    for (let k = 1; k < parts.length; k++) {
      const folder = parts.slice(0, k).join('/');
      const base = parts[k - 1];
      if (SKIPPED.has(base) || base.startsWith('.') || excluded?.(folder, true)) return false;
      taken ||= !!included?.(folder, true);
    }
    return !excluded?.(relative, false) && (!included || taken || included(relative, false));
  };
}

export interface FoundFiles {
  /** Corpus files, sorted, each once; those in `unsniffed` may turn out not to be. */
  files: string[];
  /**
   * The `.txt` files a walk took without reading their first line: the reader tests it as it
   * reads them (readCorpusFileSync's `sniff`), so that no file is opened twice.
   */
  unsniffed: Set<string>;
  /** Paths that could not be read, with why. */
  errors: Array<{ path: string; message: string }>;
}

/**
 * The corpus files under `paths`: files named are always taken, whatever the globs say; folders
 * are walked, taking what `selection` lets through.
 */
export async function findCorpusFiles(paths: readonly string[], selection: FileSelection = { include: [], exclude: [] }): Promise<FoundFiles> {
  const unsniffed = new Set<string>();
  const named: string[] = [];
  const isCorpusFile = (file: string): boolean => {
    if (/\.rmrb$/i.test(file)) return true;
    if (!/\.txt$/i.test(file)) return false;
    unsniffed.add(file);
    return true;
  };
  const included = anyOf(selection.include);
  const excluded = anyOf(selection.exclude);
  const files = new Set<string>();
  const errors: FoundFiles['errors'] = [];
  const seenFolders = new Set<string>();
  /** Folders reached through a symbolic link, walked after the real folders of their walk. */
  let links: Array<{ folder: string; relative: string; taken: boolean }> = [];
  /** `taken`: an include glob matched a folder above, so every corpus file below is taken. */
  // Synchronous: a command line walks a tree of a hundred thousand files, where a promise per
  // call idles more than it reads.
  const walk = (folder: string, relative: string, taken: boolean): void => {
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
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        const target = statOrUndefined(full); // a dangling or looping link is neither
        isDir = !!target?.isDirectory();
        isFile = !!target?.isFile();
      }
      if (isDir) {
        if (SKIPPED.has(entry.name) || entry.name.startsWith('.') || excluded?.(rel, true)) continue;
        const below = taken || !!included?.(rel, true);
        // A folder reached both ways keeps its real path's name, whichever is listed first.
        if (isLink) links.push({ folder: full, relative: rel, taken: below });
        else walk(full, rel, below);
      } else if (isFile && !excluded?.(rel, false) && (!included || taken || included(rel, false)) && isCorpusFile(full)) {
        files.add(full);
      }
    }
  };
  for (const p of paths) {
    let stat: Stats;
    try {
      stat = statSync(p);
    } catch (e) {
      errors.push({ path: p, message: reason(e) });
      continue;
    }
    if (stat.isDirectory()) {
      walk(p, '', false);
      while (links.length > 0) {
        const next = links;
        links = [];
        for (const l of next) walk(l.folder, l.relative, l.taken);
      }
    } else if (stat.isFile()) named.push(p);
    else errors.push({ path: p, message: 'not a regular file' }); // a FIFO or a device: reading it might never end
  }
  // A file named is read whatever its first line, even when a walk found it too.
  for (const p of named) {
    files.add(p);
    unsniffed.delete(p);
  }
  return { files: [...files].sort(), errors, unsniffed };
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

const SNIFFED = 256;

/** The first line of these bytes opens with a tag, read as UTF-8 or as GB18030. */
function opensWithTag(first: Uint8Array): boolean {
  // The first bytes may end inside a character: read them leniently both ways.
  const firstLine = (encoding: Encoding) => new TextDecoder(encoding).decode(first).split(/\r\n|\r|\n/, 1)[0];
  return CORPUS_FIRST_LINE.test(firstLine('utf-8')) || CORPUS_FIRST_LINE.test(firstLine('gb18030'));
}

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
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return err?.message ? String(err.message).split('\n')[0] : String(e);
  }
}
