// Editing help on a big file (issue 11), a section of `npm run bench` (BENCH_ONLY=editing): what a
// proofreader asks for between keystrokes, in the middle of a 10 MB corpus open in the editor:
// completion after `〖` in a header (the fields the record lacks) and in a BM value (the values
// the file uses, counted over all its records), hovers on ZQ (the records around it), TH (its
// place on the page) and FL (its 中图法 classes), Expand Selection in 正文, and what typing `〗`
// inserts (`rmrb/autoInsert`). Each request follows a one-character edit of the middle title,
// as after a keystroke, and is timed from the didChange to the answer, so the re-parse of the
// edited record is in it. Beside the protocol floor (a server that answers at once with
// nothing), and, where HTML has the same request, beside VS Code's HTML server on the same
// records as HTML: completion after `<`, a hover on a tag, Expand Selection in a paragraph.

import { performance } from 'node:perf_hooks';
import { toHtml, middleHtmlTitleLine } from './htmlCorpus';
import { BenchServer, jsonLength } from './lsp';
import { failures, median, pair, versusRow, type Figure } from './report';
import { middleTitleLine, sideBySide } from './serverBench';

interface Request {
  key: string;
  name: string;
  method: string;
  /** Where in the rmrb document, by the middle record's title line. */
  at: (title: number) => { line: number; character: number };
  /** The same request on the HTML document, by its middle title line, if HTML has one. */
  html?: (title: number) => { line: number; character: number };
  /** The HTML server's name for it, when not the same. */
  htmlMethod?: string;
  /** What the HTML request is, for its row. */
  htmlName?: string;
}

/**
 * Two lines typed after the middle record's TC (title line + 3): a field's opening tag whose `〗`
 * was just typed (what rmrb/autoInsert answers for), then a `〖` alone, as typing a new header
 * field leaves it. The HTML document gets the same two: `<yt>` and `<`.
 */
const TYPED = ['〖YT/引题〗', '〖'];
const HTML_TYPED = ['<yt>', '<'];
const REQUESTS: Request[] = [
  { key: 'fields', name: 'completion after 〖 in a header (the fields the record lacks)', method: 'textDocument/completion', at: (t) => ({ line: t + 5, character: 1 }), html: (t) => ({ line: t + 5, character: 1 }) },
  { key: 'values', name: 'completion in a BM value (the values the file uses)', method: 'textDocument/completion', at: (t) => ({ line: t + 2, character: '〖BM/版名〗'.length + 1 }) },
  {
    key: 'hoverZQ',
    name: 'hover on ZQ (the records around it)',
    method: 'textDocument/hover',
    at: (t) => ({ line: t - 4, character: '〖ZQ/总期〗'.length + 1 }),
    html: (t) => ({ line: t - 4, character: 2 }),
    htmlName: 'hover on ZQ; HTML: on the tag <zq> (no such element: null, once parsed)',
  },
  { key: 'hoverTH', name: 'hover on TH (its place on the page)', method: 'textDocument/hover', at: (t) => ({ line: t - 1, character: '〖TH/条号〗'.length }) },
  { key: 'hoverFL', name: 'hover on FL (its 中图法 classes)', method: 'textDocument/hover', at: (t) => ({ line: t + 1, character: '〖FL/分类〗'.length + 1 }) },
  { key: 'selection', name: 'selectionRange in 正文 (Expand Selection)', method: 'textDocument/selectionRange', at: (t) => ({ line: t + 6, character: 12 }), html: (t) => ({ line: t + 6, character: 12 }) },
  {
    key: 'autoInsert',
    name: 'auto-closing: what typing the `〗` of 〖YT/引题〗 inserts (rmrb/autoInsert; html/autoInsert after <yt>)',
    method: 'rmrb/autoInsert',
    at: (t) => ({ line: t + 4, character: TYPED[0].length }),
    html: (t) => ({ line: t + 4, character: HTML_TYPED[0].length }),
    htmlMethod: 'html/autoInsert',
  },
];

function params(method: string, uri: string, position: { line: number; character: number }): unknown {
  if (method === 'textDocument/selectionRange') return { textDocument: { uri }, positions: [position] };
  if (method === 'html/autoInsert') return { kind: 'autoClose', textDocument: { uri }, position };
  return { textDocument: { uri }, position };
}

/** `text` with `lines` after line `after`. */
function withLinesAfter(text: string, after: number, lines: string[]): string {
  let at = -1;
  for (let line = 0; line <= after; line++) at = text.indexOf('\n', at + 1);
  return `${text.slice(0, at + 1)}${lines.join('\n')}\n${text.slice(at + 1)}`;
}

export async function editingHelp(corpus: string, label: string): Promise<void> {
  const title = middleTitleLine(corpus);
  const rmrb = withLinesAfter(corpus, title + 3, TYPED);
  const html0 = toHtml(corpus);
  const htmlTitle = middleHtmlTitleLine(html0);
  const html = withLinesAfter(html0, htmlTitle + 3, HTML_TYPED);
  const started: BenchServer[] = [];
  let failed = false;
  try {
    for (const kind of ['real', 'floor', 'html'] as const) started.push(await BenchServer.start(kind));
    const subjects = new Map(
      started.map((s) => [s, s.kind === 'html' ? { uri: 'file:///bench/editing.html', languageId: 'html', text: html, title: htmlTitle, edit: '<bt>'.length } : { uri: 'file:///bench/editing.rmrb', languageId: 'rmrb', text: rmrb, title, edit: '〖BT/标题〗'.length }]),
    );
    for (const [s, x] of subjects) {
      s.notify('textDocument/didOpen', { textDocument: { uri: x.uri, languageId: x.languageId, version: 1, text: x.text } });
      await s.request('textDocument/documentSymbol', { textDocument: { uri: x.uri } }); // opened and parsed before the timing starts
    }
    const runs = 9;
    let version = 1;
    const figures = await sideBySide(started, runs, async (s, run) => {
      const x = subjects.get(s)!;
      const out: Record<string, number> = {};
      for (const r of REQUESTS) {
        const where = s.kind === 'html' ? r.html : r.at;
        if (!where) continue;
        const method = s.kind === 'html' ? (r.htmlMethod ?? r.method) : r.method;
        const t = performance.now();
        s.notify('textDocument/didChange', {
          textDocument: { uri: x.uri, version: ++version },
          contentChanges: [{ range: { start: { line: x.title, character: x.edit }, end: { line: x.title, character: x.edit + 1 } }, text: run % 2 ? '甲' : '乙' }],
        });
        const { result } = await s.request<unknown>(method, params(method, x.uri, where(x.title)));
        out[r.key] = performance.now() - t;
        out[`${r.key}Size`] = jsonLength(result);
      }
      return out;
    });
    const [real, floor, htmlServer] = figures;
    const fig = (f: Record<string, number[]>, key: string): Figure | undefined => (f[key]?.length ? { value: median(f[key]), size: median(f[`${key}Size`]) } : undefined);
    for (const r of REQUESTS) {
      const ours = fig(real, r.key);
      if (!ours || ours.size === undefined || ours.size <= 4) failures.push(`${label}, ${r.name}: the real server answered nothing`);
      pair({ name: `${label}: ${r.name}, after a keystroke`, runs, unit: 'ms', real: ours, floor: fig(floor, r.key), target: 'target < 50 ms (instant)' });
    }
    for (const r of REQUESTS) {
      const ours = fig(real, r.key);
      const theirs = fig(htmlServer, r.key);
      if (r.html && ours && theirs) versusRow({ name: `${label}: ${r.htmlName ?? r.name}, after a keystroke`, runs, ours, html: theirs, target: '' });
    }
  } catch (e) {
    failed = true;
    const message = `${label} editing help: ${e instanceof Error ? e.message : String(e)}`;
    failures.push(message);
    console.error(`\n✘ FAILED ${message}\n`);
  } finally {
    for (const s of started) await (failed ? s.killed() : s.shutdown());
  }
}
