// The command line: `rmrb check PATH…` checks corpus files and folders with the editor's rules.
//
// Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 a usage
// or I/O error that left nothing to check. A file that cannot be read or decoded is reported
// and the run goes on.

import { promises as fs } from 'node:fs';
import { formatFinding, summary, type Format } from '../cli/report';
import { createLanguageService, DEFAULT_SETTINGS } from '../languageService';
import { SERVER_VERSION } from '../lsp/lspServer';
import { decode, findCorpusFiles, reason, type EncodingChoice } from './corpusFiles';

const USAGE = `Usage: rmrb check [options] PATH…

Checks 〖〗-tagged corpus files: *.rmrb, and *.txt files whose first line opens with a tag.
Folders are checked recursively (.git, node_modules and hidden folders are skipped).

Options:
  --format text|jsonl          one line per problem (default), or one JSON object per problem
  --encoding auto|utf-8|gb18030  how files are read (default auto: BOM, else UTF-8, else GB18030)
  --max-warnings N             exit 1 when there are more than N warnings
  --quiet                      report errors only
  -h, --help                   show this help
  -v, --version                show the version
`;

class UsageError extends Error {}

interface Options {
  format: Format;
  encoding: EncodingChoice;
  maxWarnings: number;
  quiet: boolean;
  paths: string[];
}

function parseArguments(args: string[]): Options {
  const o: Options = { format: 'text', encoding: 'auto', maxWarnings: Infinity, quiet: false, paths: [] };
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

async function check(o: Options): Promise<number> {
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

async function main(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.includes('-v') || args.includes('--version')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = args;
  try {
    if (command !== 'check') throw new UsageError(command ? `unknown command “${command}” (try: rmrb check PATH…)` : 'say what to do: rmrb check PATH…');
    return await check(parseArguments(rest));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rmrb: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`rmrb: ${reason(e)}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
