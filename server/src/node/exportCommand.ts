// `rmrb export PATH…`: the records of corpus files as data, one record a line (JSON Lines or CSV).

import { csvHeader, csvRecord, DEFAULT_CSV_FIELDS, exportRecords } from '../features/export';
import { availableParallelism } from 'node:os';
import { allFiles, encodingOption, jobsOption, readArguments, selectionOption, UsageError } from './cliArguments';
import { FileChecker } from './checkFiles';
import { findCorpusFiles, readCorpusFileSync, type EncodingChoice, type FileSelection } from './corpusFiles';
import { overFiles, type FileWork } from './fileThreads';
import { LineWriter } from './lineWriter';

export interface ExportOptions {
  format: 'jsonl' | 'csv';
  fields: string[];
  encoding: EncodingChoice;
  paths: string[];
  selection: FileSelection;
  /** Threads; 1 exports in this thread. */
  jobs: number;
}

export function parseExportArguments(args: string[]): ExportOptions {
  const o: ExportOptions = { format: 'jsonl', fields: DEFAULT_CSV_FIELDS, encoding: 'auto', paths: [], selection: allFiles(), jobs: availableParallelism() };
  o.paths = readArguments(args, ({ flag, value }) => {
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
    } else if (flag === '--jobs' || flag === '-j') {
      o.jobs = jobsOption(value());
    } else return selectionOption(flag, value, o.selection); // --include, --exclude
    return true;
  });
  if (o.paths.length === 0) throw new UsageError('say what to export: files or folders');
  return o;
}

/** What one file gives: its records as lines of output, or why it gives none. */
type ExportResult = { file: string; text: string; records: number } | { file: string; error: string } | { file: string; skipped: true };

export interface ExportSetup {
  format: 'jsonl' | 'csv';
  fields: string[];
  encoding: EncodingChoice;
}

/** What a thread does for `rmrb export`: one file's records as JSON Lines or CSV rows. */
export const exportWork = (setup: ExportSetup): FileWork<ExportResult> => {
  // The problems counted are those `rmrb check` reports, with the same settings per folder.
  const checker = new FileChecker({ encoding: setup.encoding, config: undefined, rules: {}, locale: 'en' });
  return async (file, sniff) => {
    try {
      const loaded = readCorpusFileSync(file, setup.encoding, sniff);
      if ('skipped' in loaded) return { file, skipped: true };
      if ('error' in loaded) return { file, error: loaded.error };
      const service = checker.serviceFor(file);
      const doc = service.parse(loaded.decoded.text);
      let text = '';
      let records = 0;
      for (const r of exportRecords(doc, service.getDiagnostics(doc, 'en'), file)) {
        records++;
        text += setup.format === 'csv' ? csvRecord(r, setup.fields) : JSON.stringify(r) + '\n';
      }
      return { file, text, records };
    } catch (e) {
      return { file, error: `could not be exported (${e instanceof Error ? e.message : String(e)}): please report this` };
    }
  };
};

export async function exportFiles(o: ExportOptions): Promise<number> {
  const setup: ExportSetup = { format: o.format, fields: o.fields, encoding: o.encoding };
  const out = new LineWriter(process.stdout);
  const found = await findCorpusFiles(o.paths, o.selection);
  const ioErrors = [...found.errors];
  let read = 0;
  let records = 0;
  // Written in input order: each file's rows as soon as every file before it is done.
  const results = new Array<ExportResult | undefined>(found.files.length);
  let written = 0;
  let writing = Promise.resolve();
  const writeReady = async () => {
    for (; written < results.length && results[written]; written++) {
      const r = results[written]!;
      results[written] = undefined;
      if ('skipped' in r) continue;
      if ('error' in r) {
        ioErrors.push({ path: r.file, message: r.error });
        continue;
      }
      // Excel reads a CSV file as UTF-8 only when it opens with a BOM.
      if (read++ === 0 && o.format === 'csv') out.text('\ufeff' + csvHeader(o.fields));
      records += r.records;
      out.text(r.text);
      await out.flushed();
    }
  };
  await overFiles(found.files, found.unsniffed, o.jobs, { kind: 'export', setup }, exportWork(setup), (i, r) => {
    results[i] = r;
    writing = writing.then(writeReady);
  });
  await writing;
  await out.end();
  for (const e of ioErrors) process.stderr.write(`rmrb: ${e.path}: ${e.message}\n`);
  if (read === 0) {
    if (ioErrors.length === 0) process.stderr.write('rmrb: no corpus files to export\n');
    return 2;
  }
  process.stderr.write(`Exported ${records} record${records === 1 ? '' : 's'} from ${read} file${read === 1 ? '' : 's'}.\n`);
  return 0;
}
