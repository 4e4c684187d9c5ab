// The floor of the workspace index (workspaceBench.ts): one bare pass over a workspace, in a
// process of its own, as the server's index makes in its own: walk the folder (readdirSync),
// read every file (readFileSync) and decode it (TextDecoder: strict UTF-8, falling back to
// GB18030, as the server reads corpus files). No sniffing, no parsing, no checks.
//
// It times the pass itself, from before the walk to after the last decode, so the figure sits
// beside the index's time from `initialized` to `ready`, neither counting a process's start.
// It prints one JSON line: what it read (so the bench can check it read what the index reads)
// and `passMs`.
//
// Built by workspaceBench.ts into dist/bench/workspaceFloor.js (the bench script bundles its
// other floors the same way) and spawned as a whole process, so its whole time beside `rmrb
// check`'s is a figure too.

import { readdirSync, readFileSync } from 'node:fs';
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
for (const p of process.argv.slice(2)) walk(p);

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
const passMs = performance.now() - started;
process.stdout.write(JSON.stringify({ files: files.length, bytes, chars, gb18030: gb, passMs, uptimeMs: performance.now() }) + '\n');
