// `rmrb check PATH…`: the editor's rules over files and folders.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FORMATS, formatFinding, sarifLog, summary, type Finding, type Format } from '../cli/report';
import { allRules, DIAGNOSTIC_CODES } from '../diagnostics/catalogue';
import { createLanguageService, type LanguageService, type Settings } from '../languageService';
import { SERVER_VERSION } from '../lsp/lspServer';
import { allFiles, encodingOption, selectionOption, splitOption, UsageError } from './cliArguments';
import { SettingsFinder } from './checkSettings';
import { findCorpusFiles, readCorpusFile, reason, type EncodingChoice, type FileSelection } from './corpusFiles';

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
  selection: FileSelection;
}

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

export function parseCheckArguments(args: string[]): CheckOptions {
  const o: CheckOptions = { format: 'text', encoding: 'auto', maxWarnings: Infinity, quiet: false, paths: [], filesFrom: undefined, nul: false, config: undefined, rules: {}, selection: allFiles() };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const [flag, inline] = splitOption(a);
    const value = () => {
      const v = inline ?? args[++k];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
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
    } else if (selectionOption(flag, value, o.selection)) {
      // --include, --exclude
    } else if (flag === '--') {
      o.paths.push(...args.slice(k + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      o.paths.push(a);
    }
  }
  if (o.paths.length === 0 && o.filesFrom === undefined) throw new UsageError('say what to check: files or folders');
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
  const finder = new SettingsFinder(o.config, o.rules);
  const services = new Map<Settings, LanguageService>();
  const serviceFor = (file: string) => {
    const settings = finder.forFolder(path.dirname(file));
    let s = services.get(settings);
    if (!s) services.set(settings, (s = createLanguageService({ settings: { ...settings, maxProblems: Number.MAX_SAFE_INTEGER } })));
    return s;
  };
  const out = process.stdout;
  const colour = o.format === 'text' && out.isTTY === true && !process.env.NO_COLOR;
  const write = (line: string) => out.write(line + '\n');
  const paths = [...o.paths, ...(o.filesFrom !== undefined ? await listedPaths(o.filesFrom, o.nul) : [])];
  const found = await findCorpusFiles(paths, o.selection);
  const ioErrors = [...found.errors];
  const sarif: Finding[] = [];
  let errors = 0;
  let warnings = 0;
  let withProblems = 0;
  let checked = 0;
  for (const file of found.files) {
    const loaded = await readCorpusFile(file, o.encoding);
    if ('error' in loaded) {
      ioErrors.push({ path: file, message: loaded.error });
      continue;
    }
    const { decoded } = loaded;
    checked++;
    const service = serviceFor(file);
    const doc = service.parse(decoded.text);
    let any = false;
    for (const d of service.getDiagnostics(doc, 'en')) {
      if (d.severity === 1) errors++;
      else if (d.severity === 2) warnings++;
      if (o.quiet && d.severity !== 1) continue;
      any = true;
      const finding = { file, encoding: decoded.encoding, diagnostic: d };
      if (o.format === 'sarif') sarif.push(finding);
      else write(formatFinding(finding, o.format, colour));
    }
    if (any) withProblems++;
  }
  for (const e of ioErrors) {
    if (o.format === 'jsonl') write(JSON.stringify({ file: e.path, severity: 'error', code: 'unreadable', message: e.message }));
    else if (o.format === 'github') write(`::error file=${e.path}::${e.message}`);
    process.stderr.write(`rmrb: ${e.path}: ${e.message}\n`);
  }
  if (o.format === 'sarif') write(JSON.stringify(sarifLog(sarif, allRules(), SERVER_VERSION, (f) => relativeUri(f)), null, 2));
  process.stderr.write(summary(errors, o.quiet ? 0 : warnings, withProblems, checked) + '\n');
  if (checked === 0 && ioErrors.length > 0) return 2;
  return errors > 0 || warnings > o.maxWarnings ? 1 : 0;
}

/** A file as SARIF names it: relative to the working folder when under it, else a file URI. */
function relativeUri(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(path.resolve(file)).href;
}
