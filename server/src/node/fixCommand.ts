// `rmrb fix PATH…`: the editor's "fix all" (the safe fixes only) over files and folders.
//
// Each changed file is written atomically (a temporary file in its folder, then a rename, with
// the file's mode), in its own encoding: the fixes' bytes are spliced in and every other byte
// is kept, so a BOM, line ends and the article's words stay exactly as they were. A file that
// changed on disk after it was read is left as it is: fixing the old bytes would lose the change.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { structuredPatch } from 'diff';
import * as iconv from 'iconv-lite';
import type { LanguageService } from '../languageService';
import { applyToText, spliceBytes, type OffsetEdit } from './byteSplice';
import { allFiles, encodingOption, readArguments, selectionOption, UsageError } from './cliArguments';
import { FileChecker } from './checkFiles';
import { decode, findCorpusFiles, readCorpusFileSync, reason, type Encoding, type EncodingChoice, type FileSelection } from './corpusFiles';

export interface FixOptions {
  dryRun: boolean;
  encoding: EncodingChoice;
  paths: string[];
  selection: FileSelection;
}

/** Rounds of "fix all" on one file: a fix may let another apply. */
const MAX_ROUNDS = 5;

export function parseFixArguments(args: string[]): FixOptions {
  const o: FixOptions = { dryRun: false, encoding: 'auto', paths: [], selection: allFiles() };
  o.paths = readArguments(args, ({ flag, value, inline }) => {
    if (flag === '--encoding') o.encoding = encodingOption(value());
    else if (flag === '--dry-run' && !inline) o.dryRun = true;
    else return selectionOption(flag, value, o.selection); // --include, --exclude
    return true;
  });
  if (o.paths.length === 0) throw new UsageError('say what to fix: files or folders');
  return o;
}

const ENCODERS: Record<Encoding, (s: string) => Uint8Array> = {
  'utf-8': (s) => new TextEncoder().encode(s),
  gb18030: (s) => iconv.encode(s, 'gb18030'),
};

/**
 * The file's bytes after "fix all", round after round until nothing is left to fix; the
 * spliced bytes are decoded again and must read as the edited text, else the file is refused.
 */
function fixBytes(service: LanguageService, bytes: Uint8Array, text: string, encoding: Encoding): { bytes: Uint8Array; text: string; fixes: number } {
  // A fix's line breaks take the file's first line end, a lone CR too (VS Code counts it as one).
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  let fixes = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const doc = service.parse(text);
    const edits: OffsetEdit[] = service
      .getFixAllEdits(doc)
      .map((e) => ({ start: service.offsetAt(doc, e.range.start), end: service.offsetAt(doc, e.range.end), newText: e.newText.replace(/\r\n|\r|\n/g, eol) }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    if (edits.length === 0) break;
    const next = spliceBytes(bytes, text, encoding, edits, ENCODERS[encoding]);
    const expected = applyToText(text, edits);
    if (decode(next, encoding)?.text !== expected) throw new Error(`the fixes cannot be written in ${encoding}`);
    bytes = next;
    text = expected;
    fixes += edits.length;
  }
  return { bytes, text, fixes };
}

/** A unified diff of one file's text before and after, with `---`/`+++` lines naming it. */
function unifiedDiff(file: string, before: string, after: string): string {
  const { hunks } = structuredPatch(file, file, before, after, undefined, undefined, { context: 3 });
  const range = (start: number, lines: number) => (lines === 1 ? `${start}` : `${lines === 0 ? start - 1 : start},${lines}`);
  let out = `--- ${file}\n+++ ${file}\n`;
  for (const h of hunks) out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n${h.lines.join('\n')}\n`;
  return out;
}

/** The file is no longer the bytes the fixes were made from: writing them would lose its change. */
export class ChangedOnDisk extends Error {
  constructor() {
    super('changed while being fixed; left as it was');
  }
}

/**
 * Writes `bytes` over `file` through a temporary file in the same folder, keeping its mode (and
 * its owner, where the system lets us), unless the file is no longer `original`: someone wrote
 * to it after it was read, and the fixes, made from the old bytes, would undo that write. The
 * file is read again once the temporary file is ready, so that only the rename itself is left
 * between the comparison and the write: a writer can still slip into that instant, but not into
 * the time the fixes took.
 */
export async function writeAtomically(file: string, bytes: Uint8Array, original: Uint8Array): Promise<void> {
  const target = await fs.realpath(file); // a link stays a link; its target is rewritten
  const { mode, uid, gid } = await fs.stat(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx', mode: mode & 0o7777 });
    await fs.chown(temp, uid, gid).catch(() => undefined); // only root may give a file away
    await fs.chmod(temp, mode & 0o7777); // the umask may have taken bits away (and chown set-id bits)
    if (!(await fs.readFile(target)).equals(original)) throw new ChangedOnDisk();
    await fs.rename(temp, target);
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
}

export async function fix(o: FixOptions): Promise<number> {
  // The settings the editor and `rmrb check` use for each folder: extra tags change what a fix may do.
  const checker = new FileChecker({ encoding: o.encoding, config: undefined, rules: {}, locale: 'en' });
  const found = await findCorpusFiles(o.paths, o.selection);
  const ioErrors = [...found.errors];
  let read = 0;
  let changed = 0;
  let fixes = 0;
  let left = false;
  for (const file of found.files) {
    const loaded = readCorpusFileSync(file, o.encoding, found.unsniffed.has(file));
    if ('skipped' in loaded) continue;
    if ('error' in loaded) {
      ioErrors.push({ path: file, message: loaded.error });
      continue;
    }
    const { bytes, decoded } = loaded;
    read++;
    let result: ReturnType<typeof fixBytes>;
    try {
      result = fixBytes(checker.serviceFor(file), bytes, decoded.text, decoded.encoding);
    } catch (e) {
      ioErrors.push({ path: file, message: reason(e) });
      left = true;
      continue;
    }
    if (result.fixes === 0) continue;
    if (o.dryRun) {
      process.stdout.write(unifiedDiff(file, decoded.text, result.text));
      left = true;
    } else {
      try {
        await writeAtomically(file, result.bytes, bytes);
      } catch (e) {
        ioErrors.push({ path: file, message: reason(e) });
        left = true;
        continue;
      }
    }
    changed++;
    fixes += result.fixes;
  }
  for (const e of ioErrors) process.stderr.write(`rmrb: ${e.path}: ${e.message}\n`);
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const count = `${fixes} fix${fixes === 1 ? '' : 'es'}`;
  process.stderr.write(
    changed === 0 ? `Nothing to fix in ${files(read)}.\n` : o.dryRun ? `${count} to make in ${changed} of ${files(read)}.\n` : `${count} made in ${changed} of ${files(read)}.\n`,
  );
  if (ioErrors.length > 0 && changed === 0) return 2; // an I/O error, and nothing done
  return left ? 1 : 0;
}
