// Which files a walk of a folder takes: `.rmrb` and `.txt` files outside `.git`, `node_modules`
// and hidden folders, narrowed by include/exclude globs. Platform-neutral, so that the Node walk
// (node/corpusFiles.ts), the browser walk (browser/workspaceFiles.ts, through the client) and
// the client's look for a corpus (client/src/workspaceCorpus.ts) take the same files.

import picomatch from 'picomatch/posix';

/**
 * Globs that refine which files a folder walk takes, matched against the path relative to the
 * folder walked, with `/` separators. Plain strings, so that options holding them can be sent
 * to a worker thread; the walks compile them.
 */
export interface FileSelection {
  /** A file found in a folder is taken only if one of these matches it or a folder above it. */
  include: string[];
  /** Files and folders these match are left out; a folder left out is not even read. */
  exclude: string[];
}

/** Whether a glob matches an entry, given its path relative to the folder walked. */
export type GlobTest = (relative: string, isFolder: boolean) => boolean;

const SKIPPED = new Set(['.git', 'node_modules']);

/** A folder no walk enters, by its name. */
export const skippedFolder = (name: string): boolean => SKIPPED.has(name) || name.startsWith('.');

/** A file a walk may take, by its name (a `.txt` still has its first line to pass). */
export const corpusFileName = (name: string): boolean => /\.(rmrb|txt)$/i.test(name);

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

export function anyOf(globs: readonly string[]): GlobTest | undefined {
  if (globs.length === 0) return undefined;
  const tests = globs.map(globTest);
  return (relative, isFolder) => tests.some((t) => t(relative, isFolder));
}

/**
 * Whether a walk of a folder would take the file at `relative` (a path below it, `/`-separated):
 * the same test the walks make, for one file a watcher reports.
 */
export function selectsFile(selection: FileSelection): (relative: string) => boolean {
  const included = anyOf(selection.include);
  const excluded = anyOf(selection.exclude);
  return (relative) => {
    const parts = relative.split('/');
    const name = parts[parts.length - 1];
    if (!corpusFileName(name)) return false;
    let taken = false;
    for (let k = 1; k < parts.length; k++) {
      const folder = parts.slice(0, k).join('/');
      const base = parts[k - 1];
      if (skippedFolder(base) || excluded?.(folder, true)) return false;
      taken ||= !!included?.(folder, true);
    }
    return !excluded?.(relative, false) && (!included || taken || included(relative, false));
  };
}
