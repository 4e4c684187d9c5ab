// `rmrb check PATH…`: the editor's rules over files and folders.

import { availableParallelism } from 'node:os';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FORMATS, formatFinding, formatUnreadable, sarifLog, summary, type Finding, type Format, type Unreadable } from '../cli/report';
import { allRules, DIAGNOSTIC_CODES, relatedMessage } from '../diagnostics/catalogue';
import { diagnosticAt } from '../features/diagnostics';
import { articleFromJson, articleToJson, type Article } from '../features/articleIndex';
import { VERSION } from '../lsp/version';
import { checkFiles, FileChecker, type FileResult } from './checkFiles';
import { allFiles, encodingOption, jobsOption, localeOption, readArguments, selectionOption, UsageError } from './cliArguments';
import { findCorpusFiles, reason, type EncodingChoice, type FileSelection } from './corpusFiles';
import { LineWriter } from './lineWriter';
import { Progress } from './progress';

export interface CheckOptions {
  format: Format;
  encoding: EncodingChoice;
  maxWarnings: number;
  quiet: boolean;
  paths: string[];
  filesFrom: string | undefined;
  nul: boolean;
  config: string | undefined;
  rules: Record<string, string>;
  /** The language of the messages and the summary (--locale, else the environment's). */
  locale: 'en' | 'zh';
  /** Worker threads; 1 checks in this thread. */
  jobs: number;
  /** Where to write the run's article index (--index-out). */
  indexOut: string | undefined;
  /** Other runs' article indexes, added to the checks across files (--index). */
  indexes: string[];
  selection: FileSelection;
}

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export function parseCheckArguments(args: string[]): CheckOptions {
  const o: CheckOptions = { format: 'text', encoding: 'auto', maxWarnings: Infinity, quiet: false, paths: [], filesFrom: undefined, nul: false, config: undefined, rules: {}, jobs: availableParallelism(), indexOut: undefined, indexes: [], selection: allFiles(), locale: localeOption(undefined) };
  o.paths = readArguments(args, ({ flag, value, more }) => {
    if (flag === '--format') {
      const v = value();
      if (!FORMATS.includes(v as Format)) throw new UsageError(`unknown format “${v}” (${FORMATS.join(', ')})`);
      o.format = v as Format;
    } else if (flag === '--encoding') {
      o.encoding = encodingOption(value());
    } else if (flag === '--max-warnings') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not “${v}”`);
      o.maxWarnings = Number(v);
    } else if (flag === '--quiet') {
      o.quiet = true;
    } else if (flag === '--files-from') {
      o.filesFrom = value();
    } else if (flag === '--null' || flag === '-0') {
      o.nul = true;
    } else if (flag === '--config') {
      o.config = value();
    } else if (flag === '--rule') {
      const v = value();
      const m = /^([a-z-]+)=([a-z]+)$/.exec(v);
      if (!m || !DIAGNOSTIC_CODES.includes(m[1] as never) || !LEVELS.includes(m[2])) {
        throw new UsageError(`--rule takes CODE=SEVERITY, a code of \`rmrb check --help\`'s list and one of ${LEVELS.join(', ')}, not “${v}”`);
      }
      o.rules[m[1]] = m[2];
    } else if (flag === '--jobs' || flag === '-j') {
      o.jobs = jobsOption(value());
    } else if (flag === '--locale') {
      o.locale = localeOption(value());
    } else if (flag === '--index-out') {
      o.indexOut = value();
    } else if (flag === '--index') {
      // --index FILE…: every argument up to the next option, so that a shell's glob can name them all.
      o.indexes.push(value());
      for (let f = more(); f !== undefined; f = more()) o.indexes.push(f);
    } else return selectionOption(flag, value, o.selection); // --include, --exclude
    return true;
  });
  if (o.paths.length === 0 && o.filesFrom === undefined && o.indexes.length === 0) throw new UsageError('say what to check: files or folders');
  return o;
}

/** The paths listed in a file (or standard input for `-`): one a line, or NUL-separated. */
async function listedPaths(from: string, nul: boolean): Promise<string[]> {
  let text: string;
  try {
    text = from === '-' ? await readStdin() : await fs.readFile(from, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the list ${from}: ${reason(e)}`);
  }
  return text.split(nul ? '\0' : /\r?\n/).filter((p) => p.length > 0);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function check(o: CheckOptions): Promise<number> {
  const paths = [...o.paths, ...(o.filesFrom !== undefined ? await listedPaths(o.filesFrom, o.nul) : [])];
  const found = await findCorpusFiles(paths, o.selection);
  const files = found.files;
  const setup = { encoding: o.encoding, config: o.config, rules: o.rules, locale: o.locale };
  const main = new FileChecker(setup);
  // The other runs' articles first: a bad index is a usage error, found before the work starts.
  const indexed = await readIndexes(o.indexes);

  const results = new Array<FileResult>(files.length);
  const progress = new Progress(files.length, process.stderr, o.locale);
  await checkFiles(files, found.unsniffed, setup, o.jobs, (i, r) => {
    results[i] = r;
    progress.add(r.bytes, 'diagnostics' in r ? r.diagnostics.length : 0);
  });
  progress.end();
  if (found.errors.length === 0 && indexed.length === 0 && results.every((r) => 'skipped' in r)) {
    // As ESLint does: a check of nothing is a mistake in the command (a wrong folder, a glob too narrow).
    process.stderr.write(`rmrb: no corpus files in ${paths.join(', ') || 'the list given'} (*.rmrb, and *.txt whose first line opens with a tag)\n`);
    return 2;
  }

  // The checks across records, over every article of the run and of the indexes given, in one
  // order whatever the shards were: by file, then by place in the file.
  const articles: Array<{ article: Article; result: number; index: number }> = [];
  results.forEach((r, k) => {
    if ('articles' in r) for (const a of r.articles) articles.push({ article: a, result: k, index: -1 });
  });
  /** Every file whose articles are in: this run's, then each index's not already in. */
  const seen = new Set(files.map((f) => path.resolve(f)));
  indexed.forEach(({ articles: list }, n) => {
    const taken = new Set<string>();
    for (const a of list) {
      const key = path.resolve(a.file);
      if (seen.has(key) && !taken.has(key)) continue; // checked in this run, or in an index read before
      taken.add(key);
      articles.push({ article: a, result: -1, index: n });
    }
    for (const f of taken) seen.add(f);
  });
  articles.sort((x, y) => compareFiles(x.article.file, y.article.file) || x.article.range.start.line - y.article.range.start.line || x.article.range.start.character - y.article.range.start.character);
  const across = main.serviceFor('.').checkArticles(articles.map((x) => x.article));
  // A run reports the problems of its own files. Given only indexes, it reports the problems
  // between them, which no one shard could see: each shard reported its own.
  const extra = new Map<number, Finding[]>();
  const mergeOnly = files.length === 0;
  const unowned: Finding[] = [];
  for (const p of across) {
    const at = articles[p.article];
    const other = p.related && articles[p.related.article];
    if (mergeOnly ? !other || other.index === at.index : at.result < 0) continue;
    const diagnostic = diagnosticAt(p.code, p.args, p.range, main.finder.forFolder(path.dirname(at.article.file)), o.locale);
    if (!diagnostic) continue;
    const note = relatedMessage(p.code, o.locale);
    const related = other && note ? [{ file: other.article.file, range: p.related!.range, message: note }] : undefined;
    const finding: Finding = { file: at.article.file, encoding: at.result >= 0 ? (results[at.result] as { encoding: string }).encoding : undefined, diagnostic, related };
    if (at.result < 0) unowned.push(finding);
    else {
      const list = extra.get(at.result);
      if (list) list.push(finding);
      else extra.set(at.result, [finding]);
    }
  }

  const out = new LineWriter(process.stdout);
  const colour = o.format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const sarif: Finding[] = [];
  const unreadable: Unreadable[] = found.errors.map((e) => ({ file: e.path, message: e.message }));
  let errors = 0;
  let warnings = 0;
  let withProblems = 0;
  let checked = 0;
  const emit = (list: readonly Finding[]) => {
    let any = false;
    for (const f of list) {
      const severity = f.diagnostic.severity;
      if (severity === 1) errors++;
      else if (severity === 2) warnings++;
      if (o.quiet && severity !== 1) continue;
      any = true;
      if (o.format === 'sarif') sarif.push(f);
      else out.write(formatFinding(f, o.format, colour));
    }
    return any;
  };
  const unreadableLine = (u: Unreadable) => {
    if (o.format === 'jsonl' || o.format === 'github') out.write(formatUnreadable(u, o.format));
    process.stderr.write(`rmrb: ${u.file}: ${u.message}\n`);
  };
  for (const u of unreadable) unreadableLine(u);
  for (let k = 0; k < results.length; k++) {
    const r = results[k];
    if ('skipped' in r) continue;
    if ('error' in r) {
      const u = { file: r.file, message: r.error };
      unreadable.push(u);
      unreadableLine(u);
      await out.flushed();
      continue;
    }
    checked++;
    const own = r.diagnostics.map((diagnostic): Finding => ({ file: r.file, encoding: r.encoding, diagnostic }));
    const more = extra.get(k);
    if (emit(more ? [...own, ...more].sort(byPosition) : own)) withProblems++;
    await out.flushed();
  }
  if (mergeOnly) {
    // Given only indexes, the files are the indexes' and their problems those between them.
    checked = seen.size;
    unowned.sort((a, b) => compareFiles(a.file, b.file) || byPosition(a, b));
    for (const f of unowned) emit([f]);
    withProblems = new Set(unowned.filter((f) => !o.quiet || f.diagnostic.severity === 1).map((f) => f.file)).size;
  }
  if (o.format === 'sarif') out.write(JSON.stringify(sarifLog(sarif, allRules(), VERSION, (f) => relativeUri(f), unreadable), null, 2));
  await out.end();

  if (o.indexOut !== undefined) await writeIndex(o.indexOut, results);
  process.stderr.write(summary(errors, o.quiet ? 0 : warnings, withProblems, checked, o.locale) + '\n');
  if (checked === 0 && unreadable.length > 0 && indexed.length === 0) return 2;
  return errors > 0 || warnings > o.maxWarnings ? 1 : 0;
}

const byPosition = (a: Finding, b: Finding) => a.diagnostic.range.start.line - b.diagnostic.range.start.line || a.diagnostic.range.start.character - b.diagnostic.range.start.character;

/** Paths compared as the sorted walk orders them. */
const compareFiles = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reads the article indexes other runs wrote with --index-out. */
async function readIndexes(files: readonly string[]): Promise<Array<{ file: string; articles: Article[] }>> {
  const out: Array<{ file: string; articles: Article[] }> = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the index ${file}: ${reason(e)}`);
    }
    const articles: Article[] = [];
    const lines = text.split(/\r?\n/);
    for (let n = 0; n < lines.length; n++) {
      if (lines[n].trim() === '') continue;
      const a = articleFromJson(lines[n]);
      if (!a) throw new UsageError(`${file}:${n + 1}: not a line of an article index (rmrb check --index-out writes them)`);
      articles.push(a);
    }
    out.push({ file, articles });
  }
  return out;
}

/** The run's articles as JSON Lines, for another run's --index. Written whole, then renamed into place. */
async function writeIndex(file: string, results: readonly FileResult[]): Promise<void> {
  const lines: string[] = [];
  for (const r of results) if ('articles' in r) for (const a of r.articles) lines.push(articleToJson(a));
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, lines.length ? lines.join('\n') + '\n' : '');
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw new Error(`cannot write the index ${file}: ${reason(e)}`);
  }
}

/** A file as SARIF names it: relative to the working folder when under it, else a file URI. */
function relativeUri(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(path.resolve(file)).href;
}
