// Helpers for the command-line tests: running the built rmrb, and writing GB18030 files.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const RMRB = path.resolve(__dirname, '../../dist/cli/rmrb.js');

export function run(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [RMRB, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs rmrb as a user without privileges: as root (as CI runs), as `nobody`, for whom chmod 000
 * means what it means to every user; otherwise as the user running the tests. The folder must
 * be one the user can enter.
 */
export function runUnprivileged(args: string[], cwd: string) {
  const root = process.getuid?.() === 0;
  if (root) chmodSync(cwd, 0o755);
  const r = spawnSync(process.execPath, [RMRB, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' }, ...(root ? { uid: NOBODY, gid: NOBODY } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const NOBODY = 65534;

/** GB18030 bytes of a text (Node has no GB18030 encoder): made by the test from the decoder's table. */
const table = new Map<string, number[]>(); // shared by every test: the search is slow
export function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let bytes = table.get(ch);
    if (!bytes) {
      search: for (let b1 = 0x81; b1 <= 0xfe; b1++) {
        for (let b2 = 0x40; b2 <= 0xfe; b2++) {
          if (decoder.decode(new Uint8Array([b1, b2])) === ch) {
            bytes = [b1, b2];
            break search;
          }
        }
        for (let b2 = 0x30; b2 <= 0x39; b2++)
          for (let b3 = 0x81; b3 <= 0xfe; b3++)
            for (let b4 = 0x30; b4 <= 0x39; b4++)
              if (decoder.decode(new Uint8Array([b1, b2, b3, b4])) === ch) {
                bytes = [b1, b2, b3, b4];
                break search;
              }
      }
      if (!bytes) throw new Error(`no GB18030 bytes for ${ch}`);
      table.set(ch, bytes);
    }
    out.push(...bytes);
  }
  return Buffer.from(out);
}

/** A clean record, and the same with one error (a date that is no day) on line 1, column 8. */
export const GOOD = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
export const BAD = GOOD.replace('20130908', '19930230');

/** The objects of a JSON Lines output. */
export const jsonl = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** A new empty folder for each test of the suite it is called in, given to `use`, and removed after the test. */
export function tempFolder(prefix: string, use: (dir: string) => void): void {
  let dir = '';
  beforeEach(() => use((dir = mkdtempSync(path.join(tmpdir(), prefix)))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
}
