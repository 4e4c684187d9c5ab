// The servers over stdio, as an editor drives them: every measurement is taken on the real
// server (dist/server/serverMain.js) and on the protocol floor (bench/floorServer.ts) in the same
// run, run by run in turn, so the ratio between them holds even when the machine's speed moves.
// Each section starts its own pair of servers, so a failure in one (a missing answer, a crash)
// is reported and the next section starts clean.

import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { BenchServer, jsonLength, sleep } from './lsp';
import { failures, median, pair, type Figure, type PairRow } from './report';

type Servers = [real: BenchServer, floor: BenchServer];

/** Runs `body` with a fresh real server and a fresh floor; a failure is recorded, not thrown. */
export async function withServers(what: string, body: (servers: Servers) => Promise<void>): Promise<void> {
  const started: BenchServer[] = [];
  let failed = false;
  try {
    started.push(await BenchServer.start('real'));
    started.push(await BenchServer.start('floor'));
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
async function sideBySide<K extends string>(
  servers: Servers,
  runs: number,
  measure: (s: BenchServer, run: number) => Promise<Record<K, number>>,
): Promise<Array<Record<K, number[]>>> {
  const out = servers.map(() => ({}) as Record<K, number[]>);
  for (let run = 0; run < runs; run++) {
    for (const k of run % 2 ? [1, 0] : [0, 1]) {
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
  [real, floor]: Array<Record<K, number[]>>,
  key: K,
  opts: { sizeKey?: K; countKey?: K; target?: string } = {},
) {
  const fig = (r: Record<K, number[]>): Figure | undefined => {
    if (!r[key]?.length) return undefined;
    const count = opts.countKey && r[opts.countKey] ? median(r[opts.countKey]) : undefined;
    return {
      value: median(r[key]),
      size: opts.sizeKey && r[opts.sizeKey] ? median(r[opts.sizeKey]) : undefined,
      detail: count === undefined ? undefined : `${count} action${count === 1 ? '' : 's'}`,
    };
  };
  pair({ name, runs, unit: 'ms', real: fig(real), floor: fig(floor), target: opts.target ?? '' });
}

/** RSS growth of each (fresh) server with `text` open, once it has answered and gone idle. */
async function memory(servers: Servers, name: string, text: string, target = '') {
  const uri = `file:///bench/memory-${text.length}.rmrb`;
  const before = servers.map((s) => s.rss());
  await Promise.all(servers.map((s) => s.open(uri, text)));
  await sleep(2000); // let the servers go idle and collect
  const grown = servers.map((s, k) => s.rss() - before[k]);
  await Promise.all(servers.map((s) => s.close(uri)));
  const row: PairRow = { name, runs: 1, unit: 'bytes', real: { value: grown[0] }, floor: { value: grown[1] }, target, fileBytes: Buffer.byteLength(text, 'utf8') };
  pair(row);
}

/** didOpen → publishDiagnostics of `text` under a new name each run, closed again after. */
async function opens(servers: Servers, name: string, text: string, runs: number, target = '') {
  const figures = await sideBySide(servers, runs, async (s, run) => {
    const uri = `file:///bench/open-${text.length}-${run}.rmrb`;
    const open = await s.open(uri, text);
    await s.close(uri);
    return { open };
  });
  pairOf(name, runs, figures, 'open', { target });
}

/** The line of the title tag nearest the middle of `text`. */
function middleTitleLine(text: string): number {
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
  await memory(servers, '10 MB: RSS growth with the file open', text, 'target < 5×');
  await opens(servers, '10 MB: didOpen → publishDiagnostics', text, 7, 'target < 100 ms');

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
    const symbols = await s.request('textDocument/documentSymbol', { textDocument: { uri } });
    const folding = await s.request('textDocument/foldingRange', { textDocument: { uri } });
    return { symbols: symbols.ms, symbolsSize: jsonLength(symbols.result), folding: folding.ms, foldingSize: jsonLength(folding.result) };
  });
  pairOf('10 MB: documentSymbol request', 7, requests, 'symbols', { sizeKey: 'symbolsSize' });
  pairOf('10 MB: foldingRange request (limit 5000)', 7, requests, 'folding', { sizeKey: 'foldingSize' });
}
