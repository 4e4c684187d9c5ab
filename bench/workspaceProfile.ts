// Where a workspace server's time went: reads the CPU profiles that `BENCH_WS_PROFILE=DIR`
// makes the workspace bench's index-on servers write, and prints, for each, the index's build
// (from its first sample in WorkspaceIndex's #run to its last in #run or #settle) split by what
// each sample was doing (its nearest function of interest), and, with --after MS --for MS, the
// busiest functions of a window that many ms after the build (the typing after `ready`).
//
//   node --import tsx bench/workspaceProfile.ts DIR/*.cpuprofile
//   node --import tsx bench/workspaceProfile.ts --after 1000 --for 4500 DIR/CPU….cpuprofile
//
// The profiled runs are slower than the recorded ones (the profiler's own cost): read the shares.

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The categories, first match wins: a sample's stack (innermost first) is tested against each. */
const CATEGORIES: Array<[string, (stack: string[]) => boolean]> = [
  ['idle (the event loop waiting)', (s) => s[0] === '(idle)'],
  ['garbage collection', (s) => s[0] === '(garbage collector)'],
  ['reading and decoding (readCorpusFileSync)', (s) => s.includes('readCorpusFileSync')],
  ['walking the folders (findFiles)', (s) => s.includes('findFiles')],
  ['parsing', (s) => s.includes('parse') && s.includes('#run')],
  ["the file's own diagnostics", (s) => s.includes('getDiagnostics') && s.includes('#run')],
  ['symbol entries', (s) => s.includes('getSymbolEntries')],
  ['articles', (s) => s.includes('getArticles') && s.includes('#run')],
  ['checks across files and announcing (#settle)', (s) => s.includes('#settle')],
  ['progress and status', (s) => s.includes('sendStatus') || s.includes('indexingProgress')],
  ['messages (reading, writing)', (s) => s.includes('handleMessage') || s.includes('onStreamRead') || s.includes('write')],
  ['the rest of #keep (what the index keeps of a file)', (s) => s.includes('#keep')],
  ['the rest of #read', (s) => s.includes('#read')],
  ['the rest of #run', (s) => s.includes('#run')],
  ['the rest', () => true],
];

function analyse(file: string, after: number | undefined, span: number): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, string[]>();
  const stackOf = (id: number) => {
    let s = stacks.get(id);
    if (!s) {
      s = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) s.push(byId.get(cur)!.callFrame.functionName || '(anonymous)');
      stacks.set(id, s);
    }
    return s;
  };
  // Each sample's time (µs from the start) and the time it stands for (until the next sample).
  const samples: Array<{ t: number; id: number; d: number }> = [];
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    samples.push({ t, id: p.samples[i], d: p.timeDeltas[i + 1] ?? 0 });
  }
  let first = Infinity;
  let last = 0;
  for (const s of samples) {
    const st = stackOf(s.id);
    if (st.includes('#run') || st.includes('#settle')) {
      first = Math.min(first, s.t);
      last = s.t;
    }
  }
  if (first === Infinity) {
    console.log(`${file}: no sample in the workspace index's build`);
    return;
  }
  if (after === undefined) {
    const totals = new Map<string, number>();
    let all = 0;
    for (const s of samples) {
      if (s.t < first || s.t > last) continue;
      all += s.d;
      const st = stackOf(s.id);
      const cat = CATEGORIES.find(([, test]) => test(st))![0];
      totals.set(cat, (totals.get(cat) ?? 0) + s.d);
    }
    console.log(`${file}: the build, ${(all / 1000).toFixed(0)} ms`);
    for (const [cat] of CATEGORIES) {
      const v = totals.get(cat) ?? 0;
      if (v) console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / all).toFixed(1).padStart(5)} %  ${cat}`);
    }
    return;
  }
  const from = last + after * 1000;
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const s of samples) {
    if (s.t < from || s.t > from + span * 1000) continue;
    const st = stackOf(s.id);
    if (st[0] === '(idle)') continue;
    busy += s.d;
    for (const f of new Set(st)) inclusive.set(f, (inclusive.get(f) ?? 0) + s.d);
  }
  console.log(`${file}: ${span} ms from ${after} ms after the build; busy ${(busy / 1000).toFixed(0)} ms`);
  for (const [f, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${f}`);
  }
}

const args = process.argv.slice(2);
let after: number | undefined;
let span = 1e9;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--after') after = Number(args[++i]);
  else if (args[i] === '--for') span = Number(args[++i]);
  else files.push(args[i]);
}
if (!files.length) {
  console.error('usage: node --import tsx bench/workspaceProfile.ts [--after MS --for MS] FILE.cpuprofile…');
  process.exit(2);
}
for (const f of files) analyse(f, after, span);
