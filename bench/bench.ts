// `npm run bench`: how fast the core and the real server are on a 10 MB corpus.
// Medians of several runs; figures are recorded in docs/benchmarks.md. Not a test.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createLanguageService } from '../server/src/languageService';
import { getDiagnostics } from '../server/src/features/diagnostics';
import { getDocumentSymbols } from '../server/src/features/symbols';
import { getFoldingRanges } from '../server/src/features/folding';
import { measureGrammar } from '../test/grammar/grammarPerformance';
import { generateCorpus, ROOT } from './corpus';

const MB = 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function time(runs: number, fn: () => void): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const rows: Array<[string, string, string]> = [];
const row = (name: string, ms: number, target = '') => {
  rows.push([name, `${ms.toFixed(2)} ms`, target]);
  console.log(`${name.padEnd(48)} ${ms.toFixed(2).padStart(9)} ms  ${target}`);
};

async function main() {
  const text = generateCorpus(10 * MB);
  const bytes = Buffer.byteLength(text, 'utf8');
  const service = createLanguageService();
  const doc0 = service.parse(text);
  console.log(`corpus: ${(bytes / MB).toFixed(1)} MB UTF-8, ${text.length.toLocaleString()} UTF-16 units, ${doc0.records.length} records, ${text.split('\n').length} lines\n`);

  // The floor: one bare pass over the text, reading every character once.
  row('floor: one pass over the text', time(9, () => {
    let n = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x3016) n++;
    if (n < 0) console.log(n);
  }));

  row('core: open → diagnostics', time(15, () => getDiagnostics(service.parse(text), service.settings, 'en')), 'target < 100 ms');
  // Symbols and folding of a freshly parsed document, so nothing is reused from an earlier run.
  const cold = (fn: (d: typeof doc0) => void) => {
    const xs: number[] = [];
    for (let i = 0; i < 9; i++) {
      const d = service.parse(text);
      const t = performance.now();
      fn(d);
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  row('core: document symbols', cold((d) => getDocumentSymbols(d, 'en')));
  row('core: folding ranges (limit 5000)', cold((d) => getFoldingRanges(d, 5000)));

  // One edit in the middle: break a tag, then mend it, alternately.
  const mid = doc0.recordStarts[Math.floor(doc0.records.length / 2)];
  const at = text.indexOf('〖BT/标题〗', mid) + 3;
  let doc = doc0;
  let broken = false;
  const edits: number[] = [];
  for (let i = 0; i < 41; i++) {
    const t = performance.now();
    doc = service.update(doc, [{ start: at, end: at + 1, text: broken ? '/' : '；' }]);
    const diagnostics = getDiagnostics(doc, service.settings, 'en');
    edits.push(performance.now() - t);
    broken = !broken;
    if ((diagnostics.length > 0) !== broken) throw new Error('the edit did not change the diagnostics as expected');
  }
  row('core: edit in the middle → diagnostics', median(edits), 'target < 10 ms');
  const symbolsAfterEdit: number[] = [];
  for (let i = 0; i < 9; i++) {
    doc = service.update(doc, [{ start: at, end: at + 1, text: broken ? '/' : '；' }]);
    broken = !broken;
    const t = performance.now();
    getDocumentSymbols(doc, 'en');
    symbolsAfterEdit.push(performance.now() - t);
  }
  row('core: document symbols after that edit', median(symbolsAfterEdit));

  // Memory held for one parsed document, beyond what the text itself takes.
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = service.parse(text);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  console.log(`${'core: heap held by one parsed document'.padEnd(48)} ${(held / MB).toFixed(1).padStart(9)} MB  (${(held / bytes).toFixed(2)}× the file; target < 5×)`);
  rows.push(['core: heap held by one parsed document', `${(held / MB).toFixed(1)} MB (${(held / bytes).toFixed(2)}× the file)`, 'target < 5×']);
  if (kept.records.length === 0) throw new Error('unreachable');

  await serverBench(text, bytes);

  console.log('');
  for (const r of await measureGrammar()) row(`grammar: ${r.name}`, r.ms, 'target well under 1 s');

  console.log('\nmarkdown:\n');
  console.log('| measurement | median | target |\n|---|---|---|');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
}

/** The same through the real server over stdio, as an editor sees it. */
async function serverBench(text: string, bytes: number) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/serverMain.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  let waiting: ((p: PublishDiagnosticsParams) => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => waiting?.(p));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, foldingRange: { rangeLimit: 5000 } } } });
  connection.sendNotification('initialized', {});
  const next = () => new Promise<PublishDiagnosticsParams>((resolve) => (waiting = resolve));

  // Memory first, on a fresh server: what one open 10 MB file costs it.
  const rssBefore = rss(child.pid!);
  {
    const published = next();
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bench/memory.rmrb', languageId: 'rmrb', version: 1, text } });
    await published;
    await new Promise((r) => setTimeout(r, 2000)); // let the server go idle and collect
    const grown = rss(child.pid!) - rssBefore;
    console.log('');
    console.log(`${'server: RSS growth with the file open'.padEnd(48)} ${(grown / MB).toFixed(1).padStart(9)} MB  (${(grown / bytes).toFixed(2)}× the file)`);
    rows.push(['server: RSS growth with the file open', `${(grown / MB).toFixed(1)} MB (${(grown / bytes).toFixed(2)}× the file)`, 'target < 5×']);
    connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///bench/memory.rmrb' } });
    await next();
  }

  const opens: number[] = [];
  for (let i = 0; i < 7; i++) {
    const uri = `file:///bench/${i}.rmrb`;
    const t = performance.now();
    const published = next();
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rmrb', version: 1, text } });
    await published;
    opens.push(performance.now() - t);
    connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await next();
  }
  row('server: didOpen → publishDiagnostics (stdio)', median(opens), 'target < 100 ms');

  const uri = 'file:///bench/main.rmrb';
  let published = next();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rmrb', version: 1, text } });
  await published;
  const line = text.slice(0, text.indexOf('〖BT/标题〗', Math.floor(text.length / 2))).split('\n').length - 1;
  const edits: number[] = [];
  for (let v = 2; v < 43; v++) {
    const t = performance.now();
    published = next();
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 4 } }, text: v % 2 ? '/' : '；' }],
    });
    await published;
    edits.push(performance.now() - t);
  }
  row('server: didChange → publishDiagnostics (stdio)', median(edits), 'target < 10 ms');

  const symbols: number[] = [];
  const folding: number[] = [];
  for (let v = 0; v < 7; v++) {
    // A new version each time, so nothing is served from the per-version cache.
    published = next();
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 100 + v },
      contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 4 } }, text: v % 2 ? '/' : '；' }],
    });
    await published;
    let t = performance.now();
    await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    symbols.push(performance.now() - t);
    t = performance.now();
    await connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    folding.push(performance.now() - t);
  }
  row('server: documentSymbol request (stdio)', median(symbols));
  row('server: foldingRange request (stdio)', median(folding));

  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await connection.sendNotification('exit');
  await exited;
  connection.dispose();
}

function rss(pid: number): number {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
  } catch {
    return NaN;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
