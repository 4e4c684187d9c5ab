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
import { corpusFileFromBytes, type CorpusFileRead, type EncodingChoice } from '../files/corpusBytes';
import { anyOf, skippedFolder, type FileSelection } from '../files/fileSelection';

export { CORPUS_FIRST_LINE, decode, type Decoded, type Encoding, type EncodingChoice } from '../files/corpusBytes';
export { globTest, selectsFile, type FileSelection } from '../files/fileSelection';

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

/**
 * A corpus file's bytes and text, or why it could not be read: what every command starts from.
 * `sniff` (a `.txt` a walk found, FoundFiles.unsniffed): skipped unless its first line opens
 * with a tag, tested on the bytes read rather than by opening the file twice. Synchronous: a
 * command-line run reads thousands of small files, and a promise per open, read and close costs
 * it more than reading them (its threads give it the parallelism).
 */
export function readCorpusFileSync(file: string, choice: EncodingChoice, sniff = false): CorpusFileRead {
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
  return corpusFileFromBytes(bytes, choice, sniff);
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
        if (skippedFolder(entry.name) || excluded?.(rel, true)) continue;
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
