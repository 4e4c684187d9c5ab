// Times the TextMate grammar on hostile input: three lines of 1 MB (UTF-8) each, and the sample
// record. Not a test: run it with `node --import tsx test/grammar/grammarPerformance.ts`, or call
// measureGrammar() from a benchmark. Each figure is the median of five runs, in milliseconds.
//
// The lines are tokenized the way VS Code does it (tokenizeLine2, binary tokens), and once more
// with tokenizeLine, which builds a scope array per token the way the grammar tests do.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR = path.join(ROOT, 'syntaxes', 'rmrb.tmLanguage.json');
const SAMPLE = path.join(ROOT, 'test', 'fixtures', 'rmrb-20130908-002-3.txt');
const WASM = path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

const LINE_BYTES = 1024 * 1024;
const RUNS = 5;

export interface GrammarTiming {
  name: string;
  ms: number;
}

let onigReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  if (!onigReady) {
    const wasm = fs.readFileSync(WASM);
    onigReady = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return onigReady;
}

async function loadGrammar(): Promise<vsctm.IGrammar> {
  await loadOniguruma();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'text.rmrb' ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
  });
  const grammar = await registry.loadGrammar('text.rmrb');
  if (!grammar) throw new Error('text.rmrb did not load');
  return grammar;
}

/** `unit` repeated until the line holds LINE_BYTES bytes of UTF-8 (never cutting a character). */
function lineOf(unit: string): string {
  const unitBytes = Buffer.byteLength(unit, 'utf8');
  let line = unit.repeat(Math.floor(LINE_BYTES / unitBytes));
  for (const ch of unit) {
    if (Buffer.byteLength(line + ch, 'utf8') > LINE_BYTES) break;
    line += ch;
  }
  return line;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return Math.round(median(times) * 10) / 10;
}

export async function measureGrammar(): Promise<GrammarTiming[]> {
  const grammar = await loadGrammar();
  const inBody = grammar.tokenizeLine2('〖ZW/正文〗', vsctm.INITIAL).ruleStack;
  const topLevel = vsctm.INITIAL;

  const chinese = lineOf('中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言。');
  const brackets = lineOf('〖');
  const brokenTags = lineOf('〖JZ；');
  const cases: Array<[string, string, vsctm.StateStack]> = [
    ['1 MB of Chinese text in the body', chinese, inBody],
    ['1 MB of 〖 in the body', brackets, inBody],
    ['1 MB of 〖 outside any field', brackets, topLevel],
    ['1 MB of 〖JZ； in the body', brokenTags, inBody],
    ['1 MB of 〖JZ； outside any field', brokenTags, topLevel],
  ];

  const results: GrammarTiming[] = [];
  for (const [name, line, state] of cases) {
    results.push({ name: `${name} (tokenizeLine2)`, ms: time(() => grammar.tokenizeLine2(line, state)) });
  }
  for (const [name, line, state] of cases) {
    results.push({ name: `${name} (tokenizeLine)`, ms: time(() => grammar.tokenizeLine(line, state)) });
  }

  const sampleLines = fs.readFileSync(SAMPLE, 'utf8').split(/\r?\n/);
  results.push({
    name: `sample ${path.basename(SAMPLE)}, ${sampleLines.length} lines (tokenizeLine2)`,
    ms: time(() => {
      let state = vsctm.INITIAL;
      for (const line of sampleLines) state = grammar.tokenizeLine2(line, state).ruleStack;
    }),
  });
  return results;
}

// Run directly (not when the benchmark imports it, bundled or not).
if (/grammarPerformance\.[jt]s$/.test(process.argv[1] ?? '')) {
  measureGrammar().then(
    (results) => {
      const width = Math.max(...results.map((r) => r.name.length));
      console.log(`median of ${RUNS} runs, lines of ${LINE_BYTES} bytes of UTF-8`);
      for (const { name, ms } of results) console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
