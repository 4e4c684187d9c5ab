// The servers over stdio, as an editor drives them: every measurement is taken on the real
// server (dist/server/serverMain.js) and on the protocol floor (bench/floorServer.ts) in the same
// run, run by run in turn, so the ratio between them holds even when the machine's speed moves.
// Each section starts its own pair of servers, so a failure in one (a missing answer, a crash)
// is reported and the next section starts clean. The didOpen sections start a third server as
// well, the floor reading with our stdio reader, to show what the reader alone is worth.

import type { CodeAction, Command, Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { performance } from 'node:perf_hooks';
import { BenchServer, jsonLength, sleep } from './lsp';
import { failures, median, note, pair, type Figure } from './report';

/** The real server, the floor, and (in the didOpen sections) the floor with our reader, in that order. */
type Servers = BenchServer[];

/** Runs `body` with a fresh real server and a fresh floor (and the floor with our reader); a failure is recorded, not thrown. */
export async function withServers(what: string, body: (servers: Servers) => Promise<void>, opts: { floorOurReader?: boolean } = {}): Promise<void> {
  const started: BenchServer[] = [];
  let failed = false;
  try {
    started.push(await BenchServer.start('real'));
    started.push(await BenchServer.start('floor'));
    if (opts.floorOurReader) started.push(await BenchServer.start('floorOurReader'));
    await body(started as Servers);
  } catch (e) {
    failed = true;
    const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    failures.push(message);
    console.error(`\n✘ FAILED ${message}\n`);
  } finally {
    for (const s of started) await (failed ? s.killed() : s.shutdown());
  }
}

/**
 * `runs` runs of `measure` on each server, the servers taking turns (and the order swapping
 * each run). Each run gives named figures; the answer is, per server, each name's list.
 */
export async function sideBySide<K extends string>(
  servers: readonly BenchServer[],
  runs: number,
  measure: (s: BenchServer, run: number) => Promise<Record<K, number>>,
): Promise<Array<Record<K, number[]>>> {
  const out = servers.map(() => ({}) as Record<K, number[]>);
  const order = servers.map((_, k) => k);
  for (let run = 0; run < runs; run++) {
    for (const k of run % 2 ? [...order].reverse() : order) {
      const figures = await measure(servers[k], run);
      for (const key of Object.keys(figures) as K[]) (out[k][key] ??= []).push(figures[key]);
    }
  }
  return out;
}

/** A pair row of medians: `key` the time, `sizeKey` (optional) the answer's size. */
function pairOf<K extends string>(
  name: string,
  runs: number,
  [real, floor, floorOurReader]: Array<Record<K, number[]>>,
  key: K,
  opts: { sizeKey?: K; countKey?: K; symbolsKey?: K; bytesKey?: K; target?: string } = {},
) {
  const fig = (r: Record<K, number[]> | undefined): Figure | undefined => {
    if (!r?.[key]?.length) return undefined;
    const count = opts.countKey && r[opts.countKey] ? median(r[opts.countKey]) : undefined;
    const symbols = opts.symbolsKey && r[opts.symbolsKey] ? median(r[opts.symbolsKey]) : 0;
    const bytes = opts.bytesKey && r[opts.bytesKey] ? median(r[opts.bytesKey]) : 0;
    const details = [
      count === undefined ? '' : `${count} action${count === 1 ? '' : 's'}`,
      symbols > 0 ? `${symbols.toLocaleString('en-US')} symbols, ${(bytes / symbols).toFixed(0)} B a symbol` : '',
    ].filter(Boolean);
    return {
      value: median(r[key]),
      size: opts.sizeKey && r[opts.sizeKey] ? median(r[opts.sizeKey]) : undefined,
      detail: details.length ? details.join(', ') : undefined,
    };
  };
  pair({ name, runs, unit: 'ms', real: fig(real), floor: fig(floor), floorOurReader: fig(floorOurReader), target: opts.target ?? '' });
}

/** How many symbols an outline answer holds, children included. */
export function countSymbols(list: unknown): number {
  return Array.isArray(list) ? list.reduce((n: number, s: { children?: unknown }) => n + 1 + countSymbols(s.children), 0) : 0;
}

/** The UTF-8 bytes of an answer's JSON, as it goes over the wire. */
export const jsonBytes = (result: unknown) => Buffer.byteLength(JSON.stringify(result) ?? 'undefined', 'utf8');

/**
 * RSS growth of each (fresh) server with `text` open: once it has answered and gone idle (2 s),
 * and once settled (`settleMs`: V8's memory reducer runs some 8 s after a major collection).
 */
async function memory(all: Servers, name: string, text: string, target = '', settleMs = 12_000) {
  const servers = all.slice(0, 2);
  const uri = `file:///bench/memory-${text.length}.rmrb`;
  const before = servers.map((s) => s.rss());
  await Promise.all(servers.map((s) => s.open(uri, text)));
  const opened = performance.now();
  await sleep(2000); // let the servers go idle and collect
  const idle = servers.map((s, k) => s.rss() - before[k]);
  await sleep(settleMs - (performance.now() - opened));
  const settled = servers.map((s, k) => s.rss() - before[k]);
  await Promise.all(servers.map((s) => s.close(uri)));
  const fileBytes = Buffer.byteLength(text, 'utf8');
  pair({ name: `${name} (2 s after)`, runs: 1, unit: 'bytes', real: { value: idle[0] }, floor: { value: idle[1] }, target, fileBytes });
  pair({ name: `${name} (settled, ${settleMs / 1000} s after)`, runs: 1, unit: 'bytes', real: { value: settled[0] }, floor: { value: settled[1] }, target, fileBytes });
}

/** didOpen → publishDiagnostics of `text` under a new name each run, closed again after; BENCH_VERBOSE=1 prints every run, to see the spread behind the median. */
async function opens(servers: readonly BenchServer[], name: string, text: string, runs: number, target = '') {
  const figures = await sideBySide(servers, runs, async (s, run) => {
    const uri = `file:///bench/open-${text.length}-${run}.rmrb`;
    const open = await s.open(uri, text);
    await s.close(uri);
    return { open };
  });
  if (process.env.BENCH_VERBOSE) for (const [k, f] of figures.entries()) console.log(`    runs of ${servers[k].label}: ${f.open.map((x) => x.toFixed(0)).join(' ')}`);
  pairOf(name, runs, figures, 'open', { target });
}

/** The line of the title tag nearest the middle of `text`. */
export function middleTitleLine(text: string): number {
  const at = text.indexOf('〖BT/标题〗', Math.floor(text.length / 2));
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const replace = (line: number, from: number, to: number, text: string): TextDocumentContentChangeEvent[] => [
  { range: { start: { line, character: from }, end: { line, character: to } }, text },
];

// ——— 10 MB: the measurements the bench always had, now beside the floor ———

export async function server10(servers: Servers, text: string) {
  // Memory first, on fresh servers: what one open 10 MB file costs each.
  await memory(servers, '10 MB: RSS growth with the file open', text, 'target ≤ 4×');
  await opens(servers, '10 MB: didOpen → publishDiagnostics', text, 9, 'target ≤ 1.25× the floor');
  servers = servers.slice(0, 2); // the rest on the real server and the floor

  const uri = 'file:///bench/main.rmrb';
  await Promise.all(servers.map((s) => s.open(uri, text)));
  const line = middleTitleLine(text);
  // One edit in the middle: break the title tag, then mend it, alternately.
  const edits = await sideBySide(servers, 41, async (s, run) => {
    const v = 2 + run;
    return { change: await s.change(uri, v, replace(line, 3, 4, v % 2 ? '/' : '；')) };
  });
  pairOf('10 MB: didChange → publishDiagnostics', 41, edits, 'change', { target: 'target < 10 ms' });

  const requests = await sideBySide(servers, 7, async (s, run) => {
    // A new version each time, so nothing is served from the per-version cache.
    await s.change(uri, 100 + run, replace(line, 3, 4, run % 2 ? '/' : '；'));
    return outlineAndFolding(s, uri);
  });
  pairOf('10 MB: documentSymbol request', 7, requests, 'symbols', { sizeKey: 'symbolsSize', symbolsKey: 'symbolsCount', bytesKey: 'symbolsBytes' });
  pairOf('10 MB: foldingRange request (limit 5000)', 7, requests, 'folding', { sizeKey: 'foldingSize' });
}

// ——— code actions, as VS Code asks for them ———

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character)) &&
  !(b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

/**
 * textDocument/codeAction at `position` (an empty range, as the cursor), with the published
 * diagnostics there in its context. Without `only` it is the lightbulb's automatic request; with
 * `only: ["quickfix"]` the quick fix menu's. If the real server's fix-all comes without its edit
 * and it announces resolveProvider, codeAction/resolve on it is timed too; the floor is then sent
 * the same action to resolve (it answers with it unchanged), which times the round trip alone.
 */
async function codeAction(s: BenchServer, uri: string, position: Position, only: string[] | undefined, lazy: { fixAll?: CodeAction }) {
  const range = { start: position, end: position };
  const diagnostics = (s.published.get(uri)?.diagnostics ?? []).filter((d) => overlaps(d.range, range));
  const { ms, result } = await s.request<Array<CodeAction | Command> | null>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}), triggerKind: only ? 1 : 2 },
  });
  const figures: Record<string, number> = { ms, size: jsonLength(result), count: result?.length ?? 0 };
  let toResolve: CodeAction | undefined;
  if (s.kind === 'real') {
    const fixAll = result?.find((a): a is CodeAction => 'kind' in a && typeof a.kind === 'string' && a.kind.startsWith('source.fixAll'));
    if (fixAll && !fixAll.edit) {
      const provider = s.capabilities.codeActionProvider;
      if (typeof provider === 'object' && provider.resolveProvider) toResolve = lazy.fixAll = fixAll;
      else figures.unresolvable = 1;
    }
  } else {
    toResolve = lazy.fixAll;
  }
  if (toResolve) {
    const resolved = await s.request<CodeAction>('codeAction/resolve', toResolve);
    figures.resolve = resolved.ms;
    figures.resolveSize = jsonLength(resolved.result);
    if (s.kind === 'real' && !resolved.result?.edit) figures.resolvedWithoutEdit = 1;
  }
  return figures;
}

async function codeActions(servers: Servers, label: string, uri: string, position: Position, runs: number, sameEdit: (s: BenchServer, version: number) => Promise<unknown>) {
  const version = 1000;
  const lazyAll: { fixAll?: CodeAction } = {};
  const lazyQuick: { fixAll?: CodeAction } = {};
  const figures = await sideBySide(servers, runs, async (s, run) => {
    // Each request on a new version (an edit that puts back the same text), as after a keystroke.
    await sameEdit(s, version + 2 * run);
    const all = await codeAction(s, uri, position, undefined, lazyAll);
    await sameEdit(s, version + 2 * run + 1);
    const quick = await codeAction(s, uri, position, ['quickfix'], lazyQuick);
    const out: Record<string, number> = { all: all.ms, allSize: all.size, allCount: all.count, quick: quick.ms, quickSize: quick.size, quickCount: quick.count };
    for (const [k, v] of Object.entries(all)) if (/^resolve|unresolvable/.test(k)) out[`all_${k}`] = v;
    for (const [k, v] of Object.entries(quick)) if (/^resolve|unresolvable/.test(k)) out[`quick_${k}`] = v;
    return out;
  });
  pairOf(`${label}: codeAction, all kinds (lightbulb)`, runs, figures, 'all', { sizeKey: 'allSize', countKey: 'allCount' });
  pairOf(`${label}: codeAction, only quickfix`, runs, figures, 'quick', { sizeKey: 'quickSize', countKey: 'quickCount' });
  const real = figures[0];
  for (const [which, title] of [['all', 'all kinds'], ['quick', 'only quickfix']] as const) {
    if (real[`${which}_resolve`]) {
      pairOf(`${label}: codeAction/resolve of fix-all (${title})`, real[`${which}_resolve`].length, figures, `${which}_resolve`, { sizeKey: `${which}_resolveSize` });
    }
    if (real[`${which}_unresolvable`]) note(`${label}, ${title}: the real server offered fix-all without an edit but does not announce resolveProvider`);
    if (real[`${which}_resolvedWithoutEdit`]) note(`${label}, ${title}: the real server's codeAction/resolve of fix-all came back without an edit`);
  }
  if (!real.all_resolve && !real.quick_resolve) note(`${label}: no codeAction/resolve timed: the real server's fix-all (if any) came with its edit`);
}

// ——— 50 MB ———

export async function server50(servers: Servers, text: string) {
  await memory(servers, '50 MB: RSS growth with the file open', text, '', 24_000);
  await opens(servers, '50 MB: didOpen → publishDiagnostics', text, 5, 'target ≤ 1.25× the floor');
  servers = servers.slice(0, 2);

  const uri = 'file:///bench/main50.rmrb';
  await Promise.all(servers.map((s) => s.open(uri, text)));
  const line = middleTitleLine(text);
  // An edit that puts back the same character: a new version, the same text.
  const sameEdit = (s: BenchServer, version: number) => s.change(uri, version, replace(line, 3, 4, '/'));
  const requests = await sideBySide(servers, 3, async (s, run) => {
    await sameEdit(s, 10 + run);
    return outlineAndFolding(s, uri);
  });
  pairOf('50 MB: documentSymbol request', 3, requests, 'symbols', { sizeKey: 'symbolsSize', symbolsKey: 'symbolsCount', bytesKey: 'symbolsBytes' });
  pairOf('50 MB: foldingRange request (limit 5000)', 3, requests, 'folding', { sizeKey: 'foldingSize' });

  await codeActions(servers, '50 MB, middle', uri, { line, character: 3 }, 5, sameEdit);
}

// ——— one 1 MB line of 〖JZ；: the worst case for code actions ———

export async function serverUnfinishedTags(servers: Servers, text: string, middle: number) {
  await opens(servers, '1 MB line of 〖JZ；: didOpen → publishDiagnostics', text, 3);
  const uri = 'file:///bench/jz.rmrb';
  await Promise.all(servers.map((s) => s.open(uri, text)));
  const sameEdit = (s: BenchServer, version: number) => s.change(uri, version, replace(1, 0, 4, '〖JZ；'));
  await codeActions(servers, '1 MB line of 〖JZ；, middle', uri, { line: 1, character: middle }, 5, sameEdit);
}

// ——— a small document's hover, queued behind a 50 MB didOpen ———

export async function hoverBehindBigOpen(servers: Servers, small: string, big: string) {
  const uri = 'file:///bench/small.rmrb';
  await Promise.all(servers.map((s) => s.open(uri, small)));
  const position = { line: 4, character: 1 }; // on the title's opening tag
  const hover = (s: BenchServer) => s.request<unknown>('textDocument/hover', { textDocument: { uri }, position });

  const idle = await sideBySide(servers, 9, async (s) => {
    const { ms, result } = await hover(s);
    return { hover: ms, size: jsonLength(result) };
  });
  if (idle[0].size.every((n) => n <= 4)) note('the real server gave no hover on the small document: the hover figures time an empty answer');
  pairOf('small document: hover, nothing in the way', 9, idle, 'hover', { sizeKey: 'size' });

  const behind = await sideBySide(servers, 3, async (s, run) => {
    const bigUri = `file:///bench/behind-${run}.rmrb`;
    const published = s.expectDiagnostics(bigUri, 1);
    s.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'rmrb', version: 1, text: big } });
    const { ms } = await hover(s); // timed from sending the hover, right behind the didOpen
    await published;
    await s.close(bigUri);
    return { hover: ms };
  });
  pairOf('small document: hover sent right behind a 50 MB didOpen', 3, behind, 'hover');
}

// ——— didOpen → publishDiagnostics per character ———

export async function serverPerCharacter(servers: Servers, inputs: Array<{ name: string; text: string }>, runs: number) {
  const figures = await sideBySide(servers, runs, async (s, run) => {
    const out: Record<string, number> = {};
    for (const [k, { text }] of inputs.entries()) {
      const uri = `file:///bench/per-char-${k}-${run}.rmrb`;
      out[k] = await s.open(uri, text);
      await s.close(uri);
    }
    return out;
  });
  return inputs.map((_, k) => ({ real: median(figures[0][k]), floor: median(figures[1][k]) }));
}

/** The outline and folding requests on a document, timed, with the answers' sizes. */
async function outlineAndFolding(s: Parameters<Parameters<typeof sideBySide>[2]>[0], uri: string) {
  const symbols = await s.request('textDocument/documentSymbol', { textDocument: { uri } });
  const folding = await s.request('textDocument/foldingRange', { textDocument: { uri } });
  return {
    symbols: symbols.ms,
    symbolsSize: jsonLength(symbols.result),
    symbolsCount: countSymbols(symbols.result),
    symbolsBytes: jsonBytes(symbols.result),
    folding: folding.ms,
    foldingSize: jsonLength(folding.result),
  };
}
