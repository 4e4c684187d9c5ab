// `rmrb check PATH…`: the editor's rules over files and folders.

import { promises as fs } from 'node:fs';
import { formatFinding, summary, type Format } from '../cli/report';
import { createLanguageService, DEFAULT_SETTINGS } from '../languageService';
import { UsageError } from './cliArguments';
import { decode, findCorpusFiles, reason, type EncodingChoice } from './corpusFiles';

export interface CheckOptions {
  format: Format;
  encoding: EncodingChoice;
  maxWarnings: number;
  quiet: boolean;
  paths: string[];
}

export function parseCheckArguments(args: string[]): CheckOptions {
  const o: CheckOptions = { format: 'text', encoding: 'auto', maxWarnings: Infinity, quiet: false, paths: [] };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? args[++k];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'jsonl') throw new UsageError(`unknown format “${v}” (text or jsonl)`);
      o.format = v;
    } else if (flag === '--encoding') {
      const v = value().toLowerCase();
      if (v !== 'auto' && v !== 'utf-8' && v !== 'gb18030') throw new UsageError(`unknown encoding “${v}” (auto, utf-8 or gb18030)`);
      o.encoding = v;
    } else if (flag === '--max-warnings') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not “${v}”`);
      o.maxWarnings = Number(v);
    } else if (flag === '--quiet') {
      o.quiet = true;
    } else if (flag === '--') {
      o.paths.push(...args.slice(k + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      o.paths.push(a);
    }
  }
  if (o.paths.length === 0) throw new UsageError('say what to check: files or folders');
  return o;
}

export async function check(o: CheckOptions): Promise<number> {
  const service = createLanguageService({ settings: { ...DEFAULT_SETTINGS, maxProblems: Number.MAX_SAFE_INTEGER } });
  const out = process.stdout;
  const colour = o.format === 'text' && out.isTTY === true && !process.env.NO_COLOR;
  const write = (line: string) => out.write(line + '\n');
  const found = await findCorpusFiles(o.paths);
  const ioErrors = [...found.errors];
  let errors = 0;
  let warnings = 0;
  let withProblems = 0;
  let checked = 0;
  for (const file of found.files) {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      ioErrors.push({ path: file, message: reason(e) });
      continue;
    }
    const decoded = decode(bytes, o.encoding);
    if (!decoded) {
      ioErrors.push({ path: file, message: o.encoding === 'auto' ? 'neither UTF-8 nor GB18030' : `not ${o.encoding}` });
      continue;
    }
    checked++;
    const doc = service.parse(decoded.text);
    let any = false;
    for (const d of service.getDiagnostics(doc, 'en')) {
      if (d.severity === 1) errors++;
      else if (d.severity === 2) warnings++;
      if (o.quiet && d.severity !== 1) continue;
      any = true;
      write(formatFinding({ file, encoding: decoded.encoding, diagnostic: d }, o.format, colour));
    }
    if (any) withProblems++;
  }
  for (const e of ioErrors) {
    if (o.format === 'jsonl') write(JSON.stringify({ file: e.path, severity: 'error', code: 'unreadable', message: e.message }));
    else process.stderr.write(`rmrb: ${e.path}: ${e.message}\n`);
  }
  process.stderr.write(summary(errors, o.quiet ? 0 : warnings, withProblems, checked) + '\n');
  if (checked === 0 && ioErrors.length > 0) return 2;
  return errors > 0 || warnings > o.maxWarnings ? 1 : 0;
}

