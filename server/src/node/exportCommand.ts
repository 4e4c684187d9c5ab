// `rmrb export PATH…`: the records of corpus files as data, one record a line (JSON Lines or CSV).

import { csvHeader, csvRecord, DEFAULT_CSV_FIELDS, exportRecords } from '../features/export';
import { allFiles, encodingOption, selectionOption, splitOption, UsageError } from './cliArguments';
import { FileChecker } from './checkFiles';
import { findCorpusFiles, readCorpusFileSync, type EncodingChoice, type FileSelection } from './corpusFiles';

export interface ExportOptions {
  format: 'jsonl' | 'csv';
  fields: string[];
  encoding: EncodingChoice;
  paths: string[];
  selection: FileSelection;
}

export function parseExportArguments(args: string[]): ExportOptions {
  const o: ExportOptions = { format: 'jsonl', fields: DEFAULT_CSV_FIELDS, encoding: 'auto', paths: [], selection: allFiles() };
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
      if (v !== 'jsonl' && v !== 'csv') throw new UsageError(`unknown format “${v}” (jsonl or csv)`);
      o.format = v;
    } else if (flag === '--fields') {
      const v = value()
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c);
      if (v.length === 0 || v.some((c) => !/^[A-Z]{2}$/.test(c))) throw new UsageError(`--fields needs tag codes separated by commas, such as RQ,BT,ZW`);
      o.fields = v;
    } else if (flag === '--encoding') {
      o.encoding = encodingOption(value());
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
  if (o.paths.length === 0) throw new UsageError('say what to export: files or folders');
  return o;
}

/** Writes to stdout in chunks, waiting when the pipe is full, so a large corpus streams. */
function output() {
  let pending = '';
  const flush = async () => {
    if (!pending) return;
    const chunk = pending;
    pending = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  };
  return {
    async write(s: string) {
      pending += s;
      if (pending.length >= 1 << 16) await flush();
    },
    flush,
  };
}

export async function exportFiles(o: ExportOptions): Promise<number> {
  // The problems counted are those `rmrb check` reports, with the same settings per folder.
  const checker = new FileChecker({ encoding: o.encoding, config: undefined, rules: {} });
  const out = output();
  const found = await findCorpusFiles(o.paths, o.selection, { sniff: false });
  const ioErrors = [...found.errors];
  let read = 0;
  let records = 0;
  for (const file of found.files) {
    const loaded = readCorpusFileSync(file, o.encoding, found.unsniffed.has(file));
    if ('skipped' in loaded) continue;
    if ('error' in loaded) {
      ioErrors.push({ path: file, message: loaded.error });
      continue;
    }
    const service = checker.serviceFor(file);
    const { decoded } = loaded;
    // Excel reads a CSV file as UTF-8 only when it opens with a BOM.
    if (read++ === 0 && o.format === 'csv') await out.write('\ufeff' + csvHeader(o.fields));
    const doc = service.parse(decoded.text);
    for (const r of exportRecords(doc, service.getDiagnostics(doc, 'en'), file)) {
      records++;
      await out.write(o.format === 'csv' ? csvRecord(r, o.fields) : JSON.stringify(r) + '\n');
    }
  }
  await out.flush();
  for (const e of ioErrors) process.stderr.write(`rmrb: ${e.path}: ${e.message}\n`);
  if (read === 0) {
    if (ioErrors.length === 0) process.stderr.write('rmrb: no corpus files to export\n');
    return 2;
  }
  process.stderr.write(`Exported ${records} record${records === 1 ? '' : 's'} from ${read} file${read === 1 ? '' : 's'}.\n`);
  return 0;
}
