// The command-line floor for `npm run bench` (cliBench.ts): a process that finds the files under
// the paths it is given (folders read recursively, the paths sorted as `rmrb` sorts them), reads
// each and decodes it, strict UTF-8 falling back to GB18030 as `rmrb` does, and nothing else.
// Whatever `rmrb check` takes beyond this is its own work: parsing, checking, writing.
//
// Built by the bench script into dist/bench/cliFloor.js and spawned as a whole process, as rmrb
// is, so that both pay Node's start-up. It prints one JSON line of what it read, so the bench
// can check that it read what rmrb reads, and `passMs`: the pass alone, from before the walk to
// after the last decode, which the workspace bench (workspaceBench.ts) sets beside the server's
// index, neither counting a process's start.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const started = performance.now();

const files: string[] = [];
const walk = (folder: string) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) files.push(full);
  }
};
for (const p of process.argv.slice(2)) {
  if (statSync(p).isDirectory()) walk(p);
  else files.push(p);
}
files.sort();

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });
let bytes = 0;
let chars = 0;
let gb = 0;
for (const file of files) {
  const data = readFileSync(file);
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    text = gb18030.decode(data);
    gb++;
  }
  bytes += data.length;
  chars += text.length;
}
process.stdout.write(JSON.stringify({ files: files.length, bytes, chars, gb18030: gb, passMs: performance.now() - started }) + '\n');
