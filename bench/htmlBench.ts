// Ours beside VS Code's own HTML language server (vscode-langservers-extracted's
// `vscode-html-language-server --stdio`), on the same records written as HTML (htmlCorpus.ts):
// the outline and the folding of a document opened just before (cold: a new document each
// run, timed from its didOpen to the answer; and the first request on a new document a second
// after its didOpen, timed alone), and again after a one-character edit (timed from the
// didChange to the answer). Both servers are told what VS Code tells them, pull
// diagnostics included, so neither validates on its own while it is timed.

import type { ClientCapabilities } from 'vscode-languageserver-protocol/node';
import { toHtml, middleHtmlTitleLine } from './htmlCorpus';
import { BenchServer, CLIENT_CAPABILITIES, jsonLength, sleep } from './lsp';
import { failures, median, versusRow, type Figure } from './report';
import { countSymbols, jsonBytes, middleTitleLine, sideBySide } from './serverBench';

const VSCODE_LIKE: ClientCapabilities = {
  ...CLIENT_CAPABILITIES,
  textDocument: { ...CLIENT_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } },
};

interface Subject {
  server: BenchServer;
  text: string;
  languageId: string;
  ext: string;
  /** Where a one-character edit goes: the first character of the middle title. */
  edit: { line: number; character: number };
}

export async function besideHtmlServer(corpus: string, label: string): Promise<void> {
  const html = toHtml(corpus);
  // The same articles, fields and sections on both sides, or the comparison means nothing.
  const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
  const same: Array<[string, number, number]> = [
    ['articles', count(corpus, /^〖ZW\//gm), count(html, /^<article>$/gm)],
    ['title fields', count(corpus, /^〖BT\//gm), count(html, /^<bt>/gm)],
    ['sections', count(corpus, /^\s*[一二三四五六七八九十]+\s*$/gm), count(html, /^<section>/gm)],
  ];
  for (const [what, ours, theirs] of same) if (ours !== theirs || ours === 0) throw new Error(`the HTML corpus has ${theirs} ${what}, the corpus ${ours}`);
  console.log(
    `${label} as HTML: ${(Buffer.byteLength(html, 'utf8') / 1048576).toFixed(1)} MB UTF-8, ${html.length.toLocaleString('en-US')} UTF-16 units, ${html.split('\n').length.toLocaleString('en-US')} lines\n`,
  );
  const started: BenchServer[] = [];
  let failed = false;
  try {
    const ours = await BenchServer.start('real', VSCODE_LIKE);
    started.push(ours);
    const htmlServer = await BenchServer.start('html', VSCODE_LIKE);
    started.push(htmlServer);
    const subjects: Subject[] = [
      { server: ours, text: corpus, languageId: 'rmrb', ext: 'rmrb', edit: { line: middleTitleLine(corpus), character: '〖BT/标题〗'.length } },
      { server: htmlServer, text: html, languageId: 'html', ext: 'html', edit: { line: middleHtmlTitleLine(html), character: '<bt>'.length } },
    ];
    const of = (s: BenchServer) => subjects.find((x) => x.server === s)!;
    const servers = subjects.map((x) => x.server);

    // Cold: a new document each run, its request sent right behind its didOpen.
    const coldRuns = 5;
    const cold = await sideBySide(servers, coldRuns, async (s, run) => {
      const x = of(s);
      const out: Record<string, number> = {};
      for (const [key, method] of [['symbols', 'textDocument/documentSymbol'], ['folding', 'textDocument/foldingRange']] as const) {
        const uri = `file:///bench/versus-${key}-${run}.${x.ext}`;
        const t = performance.now();
        s.notify('textDocument/didOpen', { textDocument: { uri, languageId: x.languageId, version: 1, text: x.text } });
        const { result } = await s.request<unknown>(method, { textDocument: { uri } });
        out[key] = performance.now() - t;
        out[`${key}Size`] = jsonLength(result);
        if (key === 'symbols') {
          out.symbolsCount = countSymbols(result);
          out.symbolsBytes = jsonBytes(result);
        }
        s.notify('textDocument/didClose', { textDocument: { uri } });
      }
      return out;
    });

    // The first request on a new document, sent a second after its didOpen, as an editor asks
    // for the outline a moment after it shows a file: whatever either server does on didOpen
    // (ours parses, the HTML server keeps the text and parses on the first request) is done.
    const firstRuns = 5;
    const first = await sideBySide(servers, firstRuns, async (s, run) => {
      const x = of(s);
      const out: Record<string, number> = {};
      for (const [key, method] of [['symbols', 'textDocument/documentSymbol'], ['folding', 'textDocument/foldingRange']] as const) {
        const uri = `file:///bench/versus-first-${key}-${run}.${x.ext}`;
        s.notify('textDocument/didOpen', { textDocument: { uri, languageId: x.languageId, version: 1, text: x.text } });
        await sleep(1000);
        const { ms, result } = await s.request<unknown>(method, { textDocument: { uri } });
        out[key] = ms;
        out[`${key}Size`] = jsonLength(result);
        s.notify('textDocument/didClose', { textDocument: { uri } });
      }
      return out;
    });

    // After a one-character edit of an open document: didChange, then the request.
    const editRuns = 7;
    for (const x of subjects) {
      const uri = `file:///bench/versus-edit.${x.ext}`;
      x.server.notify('textDocument/didOpen', { textDocument: { uri, languageId: x.languageId, version: 1, text: x.text } });
      await x.server.request('textDocument/documentSymbol', { textDocument: { uri } });
      await x.server.request('textDocument/foldingRange', { textDocument: { uri } });
    }
    let version = 1;
    const edited = await sideBySide(servers, editRuns, async (s, run) => {
      const x = of(s);
      const uri = `file:///bench/versus-edit.${x.ext}`;
      const out: Record<string, number> = {};
      for (const [key, method] of [['symbols', 'textDocument/documentSymbol'], ['folding', 'textDocument/foldingRange']] as const) {
        const { line, character } = x.edit;
        const t = performance.now();
        s.notify('textDocument/didChange', {
          textDocument: { uri, version: ++version },
          contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: run % 2 ? '甲' : '乙' }],
        });
        const { result } = await s.request<unknown>(method, { textDocument: { uri } });
        out[key] = performance.now() - t;
        out[`${key}Size`] = jsonLength(result);
      }
      return out;
    });

    const fig = (r: Record<string, number[]>, key: string, symbols = false): Figure => {
      const count = symbols && r.symbolsCount ? median(r.symbolsCount) : 0;
      return {
        value: median(r[key]),
        size: median(r[`${key}Size`]),
        detail: count ? `${count.toLocaleString('en-US')} symbols, ${(median(r.symbolsBytes) / count).toFixed(0)} B a symbol` : undefined,
      };
    };
    versusRow({ name: `${label}: documentSymbol, cold (didOpen → answer)`, runs: coldRuns, ours: fig(cold[0], 'symbols', true), html: fig(cold[1], 'symbols', true), target: 'HTML ÷ ours ≥ 2×' });
    versusRow({ name: `${label}: foldingRange, cold (didOpen → answer)`, runs: coldRuns, ours: fig(cold[0], 'folding'), html: fig(cold[1], 'folding'), target: 'HTML ÷ ours ≥ 2×' });
    versusRow({ name: `${label}: documentSymbol, first request 1 s after didOpen`, runs: firstRuns, ours: fig(first[0], 'symbols'), html: fig(first[1], 'symbols'), target: '' });
    versusRow({ name: `${label}: foldingRange, first request 1 s after didOpen`, runs: firstRuns, ours: fig(first[0], 'folding'), html: fig(first[1], 'folding'), target: '' });
    versusRow({ name: `${label}: documentSymbol after a one-character edit`, runs: editRuns, ours: fig(edited[0], 'symbols'), html: fig(edited[1], 'symbols'), target: 'HTML ÷ ours ≥ 1.5×' });
    versusRow({ name: `${label}: foldingRange after a one-character edit`, runs: editRuns, ours: fig(edited[0], 'folding'), html: fig(edited[1], 'folding'), target: 'HTML ÷ ours ≥ 1.5×' });
  } catch (e) {
    const message = `${label} beside the HTML server: ${e instanceof Error ? e.message : String(e)}`;
    failures.push(message);
    console.error(`\n✘ FAILED ${message}\n`);
    failed = true;
  } finally {
    for (const s of started) await (failed ? s.killed() : s.shutdown());
  }
}
