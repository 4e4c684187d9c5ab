// `--include GLOB` / `--exclude GLOB` on the built rmrb: which files a folder walk takes, the same
// for check, fix and export.

import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BAD, GOOD, run, runUnprivileged } from './helpers';

/** A malformed tag that `rmrb fix` makes right. */
const FIXABLE = GOOD.replace('〖BT/', '〖BT；');

const TREE = [
  'txt/1956/a.txt',
  'txt/1957/b.txt',
  'txt/1957/b.bak.txt',
  'txt/1957/.c.bak.txt',
  'draft/d.rmrb',
  'sub/draft/e.rmrb',
  'sub/f.rmrb',
  'top.rmrb',
];

describe('rmrb --include / --exclude', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-select-'));
    for (const f of TREE) {
      mkdirSync(path.dirname(path.join(dir, 'c', f)), { recursive: true });
      writeFileSync(path.join(dir, 'c', f), BAD);
    }
    writeFileSync(path.join(dir, 'c/txt/notes.txt'), 'not a corpus file\n');
  });
  afterEach(() => {
    chmodSync(path.join(dir, 'c/txt'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The files `rmrb check` read, relative to the folder walked, with `/`. */
  const checked = (...args: string[]) => {
    const r = run(['check', '--format', 'jsonl', ...args], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const files = r.stdout.split('\n').filter((l) => l).map((l) => JSON.parse(l).file as string);
    return [...new Set(files)].map((f) => path.relative('c', f).split(path.sep).join('/'));
  };

  it('without globs, every corpus file of the walk', () => {
    assert.deepEqual(checked('c'), ['draft/d.rmrb', 'sub/draft/e.rmrb', 'sub/f.rmrb', 'top.rmrb', 'txt/1956/a.txt', 'txt/1957/.c.bak.txt', 'txt/1957/b.bak.txt', 'txt/1957/b.txt']);
  });

  it('a glob with no / matches the base name at any depth, dot files too', () => {
    assert.deepEqual(checked('--exclude', '*.bak.txt', 'c'), ['draft/d.rmrb', 'sub/draft/e.rmrb', 'sub/f.rmrb', 'top.rmrb', 'txt/1956/a.txt', 'txt/1957/b.txt']);
    assert.deepEqual(checked('--exclude=draft', 'c'), ['sub/f.rmrb', 'top.rmrb', 'txt/1956/a.txt', 'txt/1957/.c.bak.txt', 'txt/1957/b.bak.txt', 'txt/1957/b.txt']);
  });

  it('a glob with a / matches the path relative to the folder walked; ./ anchors a name to it', () => {
    assert.deepEqual(checked('--exclude', 'txt/1957/**', 'c'), ['draft/d.rmrb', 'sub/draft/e.rmrb', 'sub/f.rmrb', 'top.rmrb', 'txt/1956/a.txt']);
    assert.deepEqual(checked('--exclude', './draft', 'c'), ['sub/draft/e.rmrb', 'sub/f.rmrb', 'top.rmrb', 'txt/1956/a.txt', 'txt/1957/.c.bak.txt', 'txt/1957/b.bak.txt', 'txt/1957/b.txt']);
    // Relative to the folder walked, not to the working folder: `c/…` names nothing inside c.
    assert.equal(checked('--exclude', 'c/txt/**', 'c').length, 8);
  });

  it('--exclude is repeatable; a glob ending in / matches folders only', () => {
    writeFileSync(path.join(dir, 'c/draft.rmrb'), BAD);
    assert.deepEqual(checked('--exclude', 'draft/', '--exclude', 'txt', 'c'), ['draft.rmrb', 'sub/f.rmrb', 'top.rmrb']);
  });

  it('--include narrows the walk to files matching one glob, or under a folder one matches; detection still applies', () => {
    assert.deepEqual(checked('--include', '*.rmrb', 'c'), ['draft/d.rmrb', 'sub/draft/e.rmrb', 'sub/f.rmrb', 'top.rmrb']);
    assert.deepEqual(checked('--include', 'txt/1956/*', '--include', 'sub', 'c'), ['sub/draft/e.rmrb', 'sub/f.rmrb', 'txt/1956/a.txt']);
    // notes.txt matches, but its first line opens with no tag: nothing is left to check.
    const none = run(['check', '--include', 'txt/*.txt', 'c'], dir);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^rmrb: no corpus files in c /);
    assert.deepEqual(checked('--include', '*.txt', '--exclude', '*.bak.txt', 'c'), ['txt/1956/a.txt', 'txt/1957/b.txt']);
  });

  it('a file named on the command line is read whatever the globs say', () => {
    const named = path.join('c', 'txt', '1957', 'b.bak.txt');
    const r = run(['check', '--exclude', '*.bak.txt', '--include', '*.rmrb', named], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^c.txt.1957.b\.bak\.txt:1:8: error invalid-date/);
  });

  it('an excluded folder is not even read', function () {
    // An unreadable folder is reported when walked; root reads any folder, so the runs are a
    // user's who cannot.
    if (process.platform === 'win32') this.skip();
    chmodSync(path.join(dir, 'c/txt'), 0);
    const walked = runUnprivileged(['check', 'c'], dir);
    assert.match(walked.stderr, /c.txt: permission denied/);
    const r = runUnprivileged(['check', '--exclude', 'txt/**', 'c'], dir);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stderr, /permission denied/);
  });

  it('a link into the tree names its files by the real path, whatever the order; globs see the path walked', () => {
    symlinkSync(path.join('..', 'txt'), path.join(dir, 'c/sub/0-link'));
    assert.deepEqual(checked('--include', 'txt', 'c'), ['txt/1956/a.txt', 'txt/1957/.c.bak.txt', 'txt/1957/b.bak.txt', 'txt/1957/b.txt']);
    assert.deepEqual(checked('--include', 'sub/0-link', '--exclude', 'txt', 'c'), ['sub/0-link/1956/a.txt', 'sub/0-link/1957/.c.bak.txt', 'sub/0-link/1957/b.bak.txt', 'sub/0-link/1957/b.txt']);
  });

  it('fix and export take the same globs', () => {
    writeFileSync(path.join(dir, 'c/sub/f.rmrb'), FIXABLE);
    writeFileSync(path.join(dir, 'c/top.rmrb'), FIXABLE);
    const fixed = run(['fix', '--exclude', 'sub', 'c'], dir);
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fixed.stderr, /1 fix made in 1 of 6 files\./);
    assert.equal(readFileSync(path.join(dir, 'c/sub/f.rmrb'), 'utf8'), FIXABLE);
    assert.notEqual(readFileSync(path.join(dir, 'c/top.rmrb'), 'utf8'), FIXABLE);
    const exported = run(['export', '--include', 'txt/1956/**', '--include=draft', 'c'], dir);
    assert.equal(exported.status, 0, exported.stderr);
    assert.deepEqual(
      exported.stdout.trim().split('\n').map((l) => JSON.parse(l).file),
      ['c/draft/d.rmrb', 'c/sub/draft/e.rmrb', 'c/txt/1956/a.txt'].map((f) => f.split('/').join(path.sep)),
    );
  });

  it('a glob that can match nothing, or no glob, is a usage error for each command', () => {
    for (const command of ['check', 'fix', 'export']) {
      for (const args of [['--include'], ['--exclude', '', 'c'], ['--exclude', '/abs/path', 'c'], ['--include=../up', 'c']]) {
        const r = run([command, ...args], dir);
        assert.equal(r.status, 2, `${command} ${args.join(' ')}`);
        assert.match(r.stderr, /^rmrb: --(include|exclude)[ :].+\n\nUsage: rmrb check/, `${command} ${args.join(' ')}`);
      }
    }
  });
});
