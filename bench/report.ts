// What `npm run bench` found, printed as it goes and again at the end as readable tables and
// as markdown: the core and the grammar (one figure each), the servers side by side (the real
// server beside the protocol floor, with the difference and the ratio), and the open cost per
// character of each kind of input.

export const MB = 1024 * 1024;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const fmtMs = (ms: number) => `${Math.abs(ms) < 10 ? ms.toFixed(2) : Math.abs(ms) < 1000 ? ms.toFixed(1) : ms.toFixed(0)} ms`;

export function fmtSize(n: number): string {
  if (n < 10_000) return `${n} B`;
  if (n < 10 * MB) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / MB).toFixed(1)} MB`;
}

// ——— one figure: the core, the grammar ———

export const rows: Array<[string, string, string]> = [];

export function row(name: string, ms: number, target = '') {
  rows.push([name, `${ms.toFixed(2)} ms`, target]);
  console.log(`${name.padEnd(48)} ${ms.toFixed(2).padStart(9)} ms  ${target}`);
}

// ——— the real server beside the floor ———

/** One server's figure: a median time in ms, or memory in bytes. */
export interface Figure {
  value: number;
  /** The answer's size: the length of its JSON. */
  size?: number;
  /** Anything else worth showing beside the figure, e.g. how many actions came back. */
  detail?: string;
}

export interface PairRow {
  name: string;
  runs: number;
  unit: 'ms' | 'bytes';
  real?: Figure;
  floor?: Figure;
  /** The same floor reading with our stdio reader, where it was measured too. */
  floorOurReader?: Figure;
  target: string;
  /** For memory: the file's size, to say how many times the file the growth is. */
  fileBytes?: number;
}

export const pairs: PairRow[] = [];

function fmtFigure(r: PairRow, f: Figure | undefined): string {
  if (!f) return '—';
  const main =
    r.unit === 'ms'
      ? fmtMs(f.value)
      : `${(f.value / MB).toFixed(1)} MB${r.fileBytes ? ` (${(f.value / r.fileBytes).toFixed(2)}× the file)` : ''}`;
  const extra = [f.size !== undefined ? `answer ${fmtSize(f.size)}` : '', f.detail ?? ''].filter(Boolean).join(', ');
  return extra ? `${main} · ${extra}` : main;
}

function pairCells(r: PairRow): string[] {
  const diff =
    r.real && r.floor ? (r.unit === 'ms' ? fmtMs(r.real.value - r.floor.value) : `${((r.real.value - r.floor.value) / MB).toFixed(1)} MB`) : '—';
  const ratio = r.real && r.floor && r.floor.value > 0 ? `${(r.real.value / r.floor.value).toFixed(r.real.value / r.floor.value < 10 ? 2 : 0)}×` : '—';
  const ours = r.floorOurReader ? `${fmtFigure(r, r.floorOurReader)}${r.floor ? ` (${(r.floorOurReader.value / r.floor.value).toFixed(2)}× the floor)` : ''}` : '—';
  return [r.name, String(r.runs), fmtFigure(r, r.real), fmtFigure(r, r.floor), ours, diff, ratio, r.target];
}

export function pair(r: PairRow) {
  pairs.push(r);
  const [name, runs, real, floor, ours, diff, ratio, target] = pairCells(r);
  console.log(
    `${name}  (median of ${runs})\n    real ${real}  |  floor ${floor}${r.floorOurReader ? `  |  floor with our reader ${ours}` : ''}  |  real − floor ${diff}  |  real ÷ floor ${ratio}${target ? `  |  ${target}` : ''}`,
  );
}

// ——— ours beside VS Code's HTML language server ———

export interface VersusRow {
  name: string;
  runs: number;
  ours: Figure;
  html: Figure;
  target: string;
}

export const versus: VersusRow[] = [];

function versusCells(r: VersusRow): string[] {
  const fig = (f: Figure) => [fmtMs(f.value), f.size !== undefined ? `answer ${fmtSize(f.size)}` : '', f.detail ?? ''].filter(Boolean).join(' · ');
  return [r.name, String(r.runs), fig(r.ours), fig(r.html), `${(r.html.value / r.ours.value).toFixed(2)}×`, r.target];
}

export function versusRow(r: VersusRow) {
  versus.push(r);
  const [name, runs, ours, html, ratio, target] = versusCells(r);
  console.log(`${name}  (median of ${runs})\n    ours ${ours}  |  HTML server ${html}  |  HTML ÷ ours ${ratio}${target ? `  |  ${target}` : ''}`);
}

// ——— open cost per character ———

export interface CharRow {
  input: string;
  chars: number;
  /** ns per UTF-16 character: the core's open → diagnostics, the real server's and the floor's didOpen → publishDiagnostics. */
  core?: number;
  real?: number;
  floor?: number;
}

export const perChar: CharRow[] = [];

export function charRow(input: string, chars: number): CharRow {
  let r = perChar.find((x) => x.input === input);
  if (!r) perChar.push((r = { input, chars }));
  return r;
}

function charCells(r: CharRow): string[] {
  const base = perChar[0];
  const ns = (v?: number) => (v === undefined ? '—' : `${v.toFixed(1)} ns`);
  const times = (v?: number, b?: number) => (v === undefined || !b ? '—' : `${(v / b).toFixed(2)}×`);
  return [
    r.input,
    r.chars.toLocaleString('en-US'),
    ns(r.core),
    times(r.core, base.core),
    ns(r.real),
    times(r.real, base.real),
    ns(r.floor),
    r.real !== undefined && r.floor !== undefined ? ns(r.real - r.floor) : '—',
  ];
}

// ——— failures and remarks ———

export const failures: string[] = [];
export const notes: string[] = [];

export function note(text: string) {
  notes.push(text);
  console.log(`note: ${text}`);
}

// ——— the end ———

const HEAD1 = ['measurement', 'median', 'target'];
const HEAD2 = ['server measurement', 'runs', 'real server', 'floor server', 'floor, our reader', 'real − floor', 'real ÷ floor', 'target'];
const HEAD4 = ['beside VS Code’s HTML server, same records', 'runs', 'ours', 'HTML server', 'HTML ÷ ours', 'target'];
const HEAD3 = ['open cost per character', 'UTF-16 chars', 'core', 'core ÷ corpus', 'real server', 'server ÷ corpus', 'floor server', 'real − floor'];

/** Columns as a terminal shows them: CJK and fullwidth characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function textTable(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(head: string[], body: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

export function printSummary() {
  const tables: Array<[string[], string[][]]> = [
    [HEAD1, rows],
    [HEAD2, pairs.map(pairCells)],
    [HEAD4, versus.map(versusCells)],
    [HEAD3, perChar.map(charCells)],
  ];
  const trailer = [
    ...notes.map((n) => `note: ${n}`),
    ...failures.map((f) => `✘ FAILED: ${f}`),
  ];
  console.log('\nsummary:\n');
  for (const [head, body] of tables) if (body.length) console.log(textTable(head, body) + '\n');
  if (trailer.length) console.log(trailer.join('\n') + '\n');
  console.log('markdown:\n');
  for (const [head, body] of tables) if (body.length) console.log(markdownTable(head, body) + '\n');
  if (trailer.length) console.log(trailer.map((t) => `- ${t}`).join('\n') + '\n');
}
