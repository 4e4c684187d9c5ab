// `npm run bench`: how fast the core and the real server are, on a 10 MB corpus, a 50 MB one and
// hostile inputs; each server figure beside the protocol floor's (bench/floorServer.ts), taken in
// the same run, with the ratio. Medians of several runs; figures are recorded in
// docs/benchmarks.md. Not a test. A missing answer fails its section with a message saying so;
// the run then ends with exit code 1.

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/languageService';
import { getDocumentSymbols } from '../server/src/features/symbols';
import { getFoldingRanges } from '../server/src/features/folding';
import { measureGrammar } from '../test/grammar/grammarPerformance';
import { generateCorpus, ROOT, SAMPLE } from './corpus';
import { JZ_UNITS, oneLineRecords, randomBytes, unfinishedTagLine } from './inputs';
import { SERVER_MAIN, serverErrors, TIMEOUT_MS } from './lsp';
import { besideHtmlServer } from './htmlBench';
import { editingHelp } from './editingBench';
import { cliSection } from './cliBench';
import { workspaceSection } from './workspaceBench';
import { charRow, failures, MB, median, printSummary, row, rows } from './report';
import { hoverBehindBigOpen, server10, server50, serverPerCharacter, serverUnfinishedTags, withServers } from './serverBench';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** BENCH_ONLY=core,grammar,10mb,html,editing,50mb,jz,hover,perchar,cli,workspace (any of them) runs those sections alone. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((x) => x.trim().toLowerCase());
const only = (section: string) => !ONLY || ONLY.includes(section);

function time(runs: number, fn: () => void): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function main() {
  const text = generateCorpus(10 * MB);
  const bytes = Buffer.byteLength(text, 'utf8');
  const service = createLanguageService();
  const doc0 = service.parse(text);
  console.log(`corpus: ${(bytes / MB).toFixed(1)} MB UTF-8, ${text.length.toLocaleString()} UTF-16 units, ${doc0.records.length} records, ${text.split('\n').length} lines\n`);

  if (only('core')) {
    // The floor: one bare pass over the text, reading every character once.
    row('floor: one pass over the text', time(9, () => {
      let n = 0;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x3016) n++;
      if (n < 0) console.log(n);
    }));

    row('core: open → diagnostics', time(15, () => service.getDiagnostics(service.parse(text), 'en')), 'target < 100 ms');
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
      const diagnostics = service.getDiagnostics(doc, 'en');
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
  }

  // The grammar before the big inputs below exist, so their heap does not weigh on it.
  if (only('grammar')) {
    console.log('');
    for (const r of await measureGrammar()) row(`grammar: ${r.name}`, r.ms, 'target well under 1 s');
  }


  // Open cost per character: the corpus beside inputs that are no corpus at all, and a corpus of
  // tiny records. Binary bytes are read as latin1 (every byte one character) and as UTF-8 with
  // replacement (what an editor shows for a file that is not UTF-8).
  const binary = randomBytes(10 * MB);
  const perCharInputs = [
    { name: '10 MB corpus', text },
    { name: '10 MB of random bytes, as latin1', text: binary.toString('latin1') },
    { name: '10 MB of random bytes, as UTF-8 (U+FFFD for invalid)', text: binary.toString('utf8') },
    { name: '100,000 one-line records', text: oneLineRecords(100_000) },
  ];
  if (only('perchar')) {
    console.log('');
    for (const { text: t } of perCharInputs) service.getDiagnostics(service.parse(t), 'en'); // warm up on each kind
    const coreRuns = perCharInputs.map(() => [] as number[]);
    for (let run = 0; run < 7; run++) {
      for (const [k, { text: t }] of perCharInputs.entries()) {
        gc();
        const start = performance.now();
        service.getDiagnostics(service.parse(t), 'en');
        coreRuns[k].push(performance.now() - start);
      }
    }
    for (const [k, { name, text: t }] of perCharInputs.entries()) {
      const r = charRow(name, t.length);
      r.core = (median(coreRuns[k]) * 1e6) / t.length;
      console.log(`${`core per character: ${name}`.padEnd(64)} ${r.core.toFixed(1).padStart(7)} ns  (${median(coreRuns[k]).toFixed(1)} ms for ${t.length.toLocaleString('en-US')} chars)`);
    }
  }

  // The servers, each measurement beside the floor's.
  console.log(`\nservers over stdio: the real one (${path.relative(ROOT, SERVER_MAIN.real)}) beside the floor (${path.relative(ROOT, SERVER_MAIN.floor)}); ${TIMEOUT_MS / 1000} s allowed for each answer\n`);
  if (only('10mb')) await withServers('10 MB corpus', (servers) => server10(servers, text), { floorOurReader: true });

  if (only('html')) {
    console.log('\nbeside VS Code’s HTML language server (vscode-langservers-extracted), on the same records as HTML\n');
    await besideHtmlServer(text, '10 MB');
  }

  if (only('editing')) {
    console.log('\nediting help in the middle of the 10 MB corpus, each request right after a keystroke: beside the floor, and beside VS Code’s HTML server on the same records as HTML\n');
    await editingHelp(text, '10 MB');
  }

  gc();
  const big = only('50mb') || only('hover') ? generateCorpus(50 * MB) : '';
  if (only('50mb')) {
    const bigBytes = Buffer.byteLength(big, 'utf8');
    console.log(`\ncorpus: ${(bigBytes / MB).toFixed(1)} MB UTF-8, ${big.length.toLocaleString('en-US')} UTF-16 units, ${big.split('\n').length} lines\n`);
    await withServers('50 MB corpus', (servers) => server50(servers, big), { floorOurReader: true });
  }

  if (only('jz')) {
    const jz = unfinishedTagLine();
    console.log(`\none line of ${JZ_UNITS.toLocaleString('en-US')} × 〖JZ； in a body: ${jz.length.toLocaleString('en-US')} UTF-16 units\n`);
    await withServers('1 MB line of 〖JZ；', (servers) => serverUnfinishedTags(servers, jz, (JZ_UNITS * 4) / 2));
  }

  if (only('hover')) {
    console.log('');
    await withServers('hover behind a 50 MB didOpen', (servers) => hoverBehindBigOpen(servers, SAMPLE, big));
  }

  if (only('perchar')) console.log('');
  if (only('perchar')) await withServers('open cost per character', async (servers) => {
    const figures = await serverPerCharacter(servers, perCharInputs, 5);
    for (const [k, { name, text: t }] of perCharInputs.entries()) {
      const r = charRow(name, t.length);
      r.real = (figures[k].real * 1e6) / t.length;
      r.floor = (figures[k].floor * 1e6) / t.length;
      console.log(`${`server per character: ${name}`.padEnd(64)} real ${r.real.toFixed(1).padStart(7)} ns  floor ${r.floor.toFixed(1).padStart(7)} ns`);
    }
  });

  if (only('cli')) {
    console.log('\nthe command line over a whole corpus: rmrb check and export beside the floor and xmllint, each a whole process\n');
    gc();
    await cliSection();
  }

  if (only('workspace')) {
    console.log('\nthe corpus in the editor: the server on a workspace of 20,000 one-article files, its index beside the floor and rmrb check, typing while it builds and after, and its memory\n');
    gc();
    await workspaceSection();
  }

  printSummary();
  if (serverErrors.length) console.log(`✘ the servers logged ${serverErrors.length} error(s) during the run (above): a figure may time a fallback`);
  if (failures.length || serverErrors.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
