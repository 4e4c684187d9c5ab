// The command line over a whole corpus (issue 9), a section of `npm run bench` (BENCH_ONLY=cli):
// `rmrb check` and `rmrb export` beside the floor (cliFloor.ts: find the files, read and decode
// each, nothing else) and beside xmllint (libxml2's `xmllint --noout`, C) over the same records
// written as XML (cliCorpus.ts), on a tree of 5,000 one-article files and on one 100 MB file.
// Every command is timed as a whole process, start-up included, its output sent to /dev/null;
// the runs are interleaved (each round in a rotated order) so that the machine's noise falls on
// all of them alike, and each figure is the median. The inputs are written to a temporary folder
// first, so every run reads them from the page cache. BENCH_CLI_KEEP=1 keeps that folder.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeCliInputs, type CliInputs } from './cliCorpus';
import { ROOT } from './corpus';
import { failures, fmtMs, MB, median, note, rows } from './report';

const RMRB = path.join(ROOT, 'dist/cli/rmrb.js');
const FLOOR = path.join(ROOT, 'dist/bench/cliFloor.js');
const RUNS = 5;
const XMLLINT_MISSING = 'xmllint not found: apt-get install libxml2-utils';

type Kind = 'check' | 'export' | 'floor' | 'xmllint';
type Input = 'tree' | 'big';

interface Result {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

interface Command {
  name: string;
  kind: Kind;
  input: Input;
  bytes: number;
  files: number;
  /** One whole run; `capture` keeps its standard output instead of sending it to /dev/null. */
  run: (capture: boolean) => Result;
  /** What is wrong with a run's result, if anything; otherwise a line saying what it did. */
  verify: (r: Result) => { error: string } | { info: string };
  times: number[];
  failed?: string;
}

let devNull = -1;

/** Runs `argv` to its end, timed from before the spawn to after the exit. */
function spawnTimed(file: string, args: string[], capture: boolean, cwd?: string): Result {
  const t = performance.now();
  const r: SpawnSyncReturns<string> = spawnSync(file, args, {
    cwd,
    stdio: ['ignore', capture ? 'pipe' : devNull, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 2 ** 30,
  });
  return { ms: performance.now() - t, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Several processes one after the other, timed as one. */
function sequence(runs: Array<() => Result>): Result {
  const t = performance.now();
  const out: Result = { ms: 0, status: 0, stdout: '', stderr: '' };
  for (const run of runs) {
    const r = run();
    out.stdout += r.stdout;
    out.stderr += r.stderr;
    if (r.error) out.error = r.error;
    if (r.status !== 0) out.status = r.status;
  }
  out.ms = performance.now() - t;
  return out;
}

/** `rmrb <command> --jobs 1` is a usage error of its own when this build has no --jobs. */
function hasJobs(command: 'check' | 'export'): boolean {
  const r = spawnSync(process.execPath, [RMRB, command, '--jobs', '1'], { encoding: 'utf8' });
  return !/unknown option --jobs/.test(r.stderr ?? '');
}

/** The paths of `files` in batches whose argument lists stay well below ARG_MAX. */
function batches(files: string[]): string[][] {
  const argMax = Number(spawnSync('getconf', ['ARG_MAX'], { encoding: 'utf8' }).stdout) || 131072;
  const env = Object.entries(process.env).reduce((n, [k, v]) => n + k.length + (v?.length ?? 0) + 2, 0);
  const budget = Math.max(65536, Math.floor(argMax / 2) - env);
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const f of files) {
    const n = Buffer.byteLength(f) + 1 + 8; // the string, its NUL, its pointer
    if (current.length > 0 && size + n > budget) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += n;
  }
  if (current.length) out.push(current);
  return out;
}

const failedRun = (r: Result, what: string): string | undefined => {
  if (r.error) return `${what}: ${r.error.message}`;
  return undefined;
};

/** The counts in rmrb check's summary line: “No problems in N files.” or “E errors and W warnings in K of N files.” */
function checkSummary(stderr: string): { files: number; errors: number; warnings: number } | undefined {
  const none = /No problems in (\d+) files?\./.exec(stderr);
  if (none) return { files: Number(none[1]), errors: 0, warnings: 0 };
  const some = /(\d+) errors? and (\d+) warnings? in \d+ of (\d+) files?\./.exec(stderr);
  return some ? { files: Number(some[3]), errors: Number(some[1]), warnings: Number(some[2]) } : undefined;
}

function commands(inputs: CliInputs, jobs: { check: boolean; export: boolean }, xmllint: boolean): Command[] {
  const { tree, big } = inputs;
  const node = process.execPath;
  const size = { tree: { bytes: tree.bytes, files: tree.files }, big: { bytes: big.bytes, files: 1 } };
  const target = { tree: tree.dir, big: big.file };
  const records = { tree: tree.files, big: big.records };
  const label = { tree: `tree of ${tree.files.toLocaleString('en-US')} files`, big: '100 MB file' };
  const list: Command[] = [];
  const add = (c: Omit<Command, 'times'>) => list.push({ ...c, times: [] });

  for (const kind of ['check', 'export'] as const) {
    for (const input of ['tree', 'big'] as const) {
      for (const n of jobs[kind] ? [1, 2] : [0]) {
        const args = kind === 'check' ? ['check', '--format', 'jsonl'] : ['export'];
        if (n) args.push('--jobs', String(n));
        args.push(target[input]);
        add({
          name: `rmrb ${kind}, ${label[input]}, ${n ? `--jobs ${n}` : 'no --jobs (one thread)'}`,
          kind,
          input,
          ...size[input],
          run: (capture) => spawnTimed(node, [RMRB, ...args], capture),
          verify: (r) => {
            const broken = failedRun(r, kind);
            if (broken) return { error: broken };
            if (kind === 'check') {
              const s = checkSummary(r.stderr);
              if ((r.status !== 0 && r.status !== 1) || !s) return { error: `exit status ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` };
              if (s.files !== size[input].files) return { error: `checked ${s.files} files, not ${size[input].files}` };
              const lines = r.stdout ? r.stdout.split('\n').filter(Boolean).length : 0;
              return { info: `${plural(s.files, 'file')}, ${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')} (${plural(lines, 'line')} of JSON, ${(Buffer.byteLength(r.stdout) / MB).toFixed(1)} MB)` };
            }
            const m = /Exported (\d+) records? from (\d+) files?\./.exec(r.stderr);
            if (r.status !== 0 || !m) return { error: `exit status ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` };
            if (Number(m[2]) !== size[input].files || Number(m[1]) !== records[input]) return { error: `exported ${m[1]} records from ${m[2]} files, not ${records[input]} from ${size[input].files}` };
            return { info: `${plural(Number(m[1]), 'record')} from ${plural(Number(m[2]), 'file')} (${(Buffer.byteLength(r.stdout) / MB).toFixed(1)} MB of JSON Lines)` };
          },
        });
      }
    }
  }
  for (const input of ['tree', 'big'] as const) {
    add({
      name: `floor (find, read, decode), ${label[input]}`,
      kind: 'floor',
      input,
      ...size[input],
      run: (capture) => spawnTimed(node, [FLOOR, target[input]], capture),
      verify: (r) => {
        const broken = failedRun(r, 'floor');
        if (broken) return { error: broken };
        let got: { files: number; bytes: number; chars: number; gb18030: number };
        try {
          got = JSON.parse(r.stdout);
        } catch {
          return { error: `exit status ${r.status}: ${r.stderr.trim()}` };
        }
        const gb = input === 'tree' ? tree.gb18030 : 0;
        if (got.files !== size[input].files || got.bytes !== size[input].bytes || got.gb18030 !== gb) return { error: `read ${r.stdout.trim()}` };
        return { info: `${plural(got.files, 'file')}, ${got.bytes.toLocaleString('en-US')} bytes, ${got.chars.toLocaleString('en-US')} UTF-16 units, ${got.gb18030} of the files GB18030` };
      },
    });
  }
  for (const input of ['tree', 'big'] as const) {
    const xmlBytes = input === 'tree' ? tree.xmlBytes : big.xmlBytes;
    const groups = input === 'tree' ? batches(tree.xmlFiles) : [[path.basename(big.xml)]];
    const cwd = input === 'tree' ? tree.xmlDir : path.dirname(big.xml);
    add({
      name: `xmllint --noout, ${label[input]} as XML`,
      kind: 'xmllint',
      input,
      bytes: xmlBytes,
      files: size[input].files,
      failed: xmllint ? undefined : XMLLINT_MISSING,
      run: (capture) => sequence(groups.map((g) => () => spawnTimed('xmllint', ['--noout', ...g], capture, cwd))),
      verify: (r) => {
        const broken = failedRun(r, 'xmllint');
        if (broken) return { error: broken };
        if (r.status !== 0 || r.stderr.trim()) return { error: `exit status ${r.status}: ${r.stderr.trim().split('\n').slice(0, 3).join(' / ')}` };
        return { info: `${plural(size[input].files, 'well-formed file')}, ${(xmlBytes / MB).toFixed(1)} MB, ${groups.length} xmllint process${groups.length === 1 ? '' : 'es'}` };
      },
    });
  }
  return list;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
const mbps = (c: Command, ms: number) => c.bytes / MB / (ms / 1000);
const filesPerSecond = (c: Command, ms: number) => c.files / (ms / 1000);

export async function cliSection(): Promise<void> {
  for (const [what, file] of [['the command line', RMRB], ['the command-line floor', FLOOR]]) {
    if (!existsSync(file)) {
      const message = `the command line: ${what} is not built (${path.relative(ROOT, file)}): run npm run bench`;
      failures.push(message);
      console.error(`✘ FAILED ${message}`);
      return;
    }
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'rmrb-cli-bench-'));
  devNull = openSync('/dev/null', 'w');
  const t = performance.now();
  try {
    const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`load average ${load()} on ${os.availableParallelism()} cores (other work on the machine weighs on --jobs 2 most)`);
    const inputs = writeCliInputs(root);
    const { tree, big } = inputs;
    console.log(
      `inputs in ${root} (written in ${((performance.now() - t) / 1000).toFixed(1)} s):\n` +
        `  txt/: ${tree.files.toLocaleString('en-US')} one-article files in ${tree.days} day folders, ${(tree.bytes / MB).toFixed(1)} MB: ${tree.utf8} UTF-8 with LF, ${tree.gb18030} GB18030 with CRLF\n` +
        `  xml/: the same records as XML, ${(tree.xmlBytes / MB).toFixed(1)} MB, each file in its twin's encoding and line ends (the GB18030 half declares encoding="GB18030")\n` +
        `  big.txt: ${big.records.toLocaleString('en-US')} records, ${(big.bytes / MB).toFixed(1)} MB UTF-8; big.xml: the same as XML, ${(big.xmlBytes / MB).toFixed(1)} MB UTF-8`,
    );

    const jobs = { check: hasJobs('check'), export: hasJobs('export') };
    for (const kind of ['check', 'export'] as const) {
      if (!jobs[kind]) note(`this build's rmrb ${kind} has no --jobs option: it is timed without it (one thread), once instead of with --jobs 1 and --jobs 2`);
    }
    const xmllint = !spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).error;
    if (!xmllint) note(XMLLINT_MISSING);
    const list = commands(inputs, jobs, xmllint);

    // A first run of each, its output kept: it checks that every command read what it should,
    // and warms the page cache and the disk's metadata for the timed runs.
    console.log('');
    for (const c of list) {
      if (c.failed) continue;
      const v = c.verify(c.run(true));
      if ('error' in v) {
        c.failed = v.error;
        const message = `the command line: ${c.name}: ${v.error}`;
        failures.push(message);
        console.error(`✘ FAILED ${message}`);
      } else console.log(`${c.name}: ${v.info}`);
    }

    const live = list.filter((c) => !c.failed);
    for (let run = 0; run < RUNS; run++) {
      for (let k = 0; k < live.length; k++) {
        const c = live[(k + run) % live.length];
        if (c.failed) continue;
        const r = c.run(false);
        const broken = r.error ? r.error.message : c.kind === 'check' ? (r.status === 0 || r.status === 1 ? '' : `exit status ${r.status}`) : r.status === 0 ? '' : `exit status ${r.status}`;
        if (broken) {
          c.failed = broken;
          failures.push(`the command line: ${c.name}, run ${run + 1}: ${broken}`);
          console.error(`✘ FAILED ${c.name}, run ${run + 1}: ${broken}`);
          continue;
        }
        c.times.push(r.ms);
      }
    }

    // The figures: each beside the floor and xmllint on the same input.
    const medianOf = (kind: Kind, input: Input) => {
      const c = list.find((x) => x.kind === kind && x.input === input && !x.failed && x.times.length);
      return c ? median(c.times) : undefined;
    };
    const head = ['command', 'runs', 'median', 'MB/s', 'files/s', '÷ floor', '÷ xmllint', 'target'];
    const body: string[][] = [];
    console.log('');
    for (const c of list) {
      if (c.failed || !c.times.length) {
        body.push([c.name, '0', c.failed ?? 'no run', '', '', '', '', '']);
        rows.push([`cli: ${c.name}`, '—', c.failed ?? 'no run']);
        console.log(`${c.name}: ${c.failed ?? 'no run'}`);
        continue;
      }
      const ms = median(c.times);
      const floor = medianOf('floor', c.input);
      const xml = medianOf('xmllint', c.input);
      const ours = c.kind === 'check' || c.kind === 'export';
      const vsFloor = floor && c.kind !== 'floor' ? ms / floor : undefined;
      const vsXml = xml && c.kind !== 'xmllint' ? ms / xml : undefined;
      const mark = (ok: boolean | undefined) => (ok === undefined ? '?' : ok ? '✔' : '✘');
      const target = ours ? `≤ 2× floor ${mark(vsFloor === undefined ? undefined : vsFloor <= 2)}, ≤ xmllint ${mark(vsXml === undefined ? undefined : vsXml <= 1)}` : '';
      const cells = [
        c.name,
        String(c.times.length),
        fmtMs(ms),
        mbps(c, ms).toFixed(1),
        filesPerSecond(c, ms).toFixed(c.files > 1 ? 0 : 2),
        vsFloor === undefined ? '' : `${vsFloor.toFixed(2)}×`,
        vsXml === undefined ? '' : `${vsXml.toFixed(2)}×`,
        target,
      ];
      body.push(cells);
      console.log(
        `${c.name}  (median of ${c.times.length}: ${c.times.map((x) => x.toFixed(0)).join(', ')} ms)\n` +
          `    ${fmtMs(ms)}  |  ${cells[3]} MB/s  |  ${cells[4]} files/s${vsFloor ? `  |  ${cells[5]} the floor` : ''}${vsXml ? `  |  ${cells[6]} xmllint` : ''}${target ? `  |  ${target}` : ''}`,
      );
      rows.push([`cli: ${c.name}`, fmtMs(ms), [`${cells[3]} MB/s, ${cells[4]} files/s`, vsFloor ? `${cells[5]} floor` : '', vsXml ? `${cells[6]} xmllint` : '', target].filter(Boolean).join(' · ')]);
    }
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
    console.log(`\n${[head, widths.map((w) => '─'.repeat(w)), ...body].map((r) => r.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd()).join('\n')}`);
    console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${body.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
    console.log(`\nthe section took ${((performance.now() - t) / 1000).toFixed(0)} s; load average ${load()}`);
  } catch (e) {
    const message = `the command line: ${e instanceof Error ? e.message : String(e)}`;
    failures.push(message);
    console.error(`\n✘ FAILED ${message}\n`);
  } finally {
    closeSync(devNull);
    if (process.env.BENCH_CLI_KEEP) console.log(`\nthe inputs are kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
