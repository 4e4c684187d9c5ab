// Finding corpus files: the globs of --include/--exclude, and which folders a walk reads.

import * as assert from 'node:assert/strict';
// The module object itself, whose readdirSync the test watches (a namespace import is read-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: { readdirSync: typeof import('node:fs').readdirSync } = require('node:fs');
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findCorpusFiles, globTest } from '../../../server/src/node/corpusFiles';

describe('corpusFiles', () => {
  it('globTest: no / matches the base name; a / the whole relative path; a trailing / folders only', () => {
    const t = (glob: string, rel: string, isFolder = false) => globTest(glob)(rel, isFolder);
    assert.ok(t('*.bak.txt', 'txt/1957/b.bak.txt'));
    assert.ok(t('*.bak.txt', '.b.bak.txt'));
    assert.ok(t('draft', 'a/b/draft', true));
    assert.ok(!t('draft', 'a/draft-2', true));
    assert.ok(t('txt/1956/**', 'txt/1956', true));
    assert.ok(t('txt/1956/**', 'txt/1956/x/a.txt'));
    assert.ok(!t('txt/1956/**', 'a/txt/1956', true));
    assert.ok(!t('txt/*.txt', 'txt/a/b.txt'));
    assert.ok(t('./draft', 'draft', true));
    assert.ok(!t('./draft', 'sub/draft', true));
    assert.ok(t('draft/', 'sub/draft', true));
    assert.ok(!t('draft/', 'sub/draft', false));
    assert.ok(t('{1956,1957}/*', '1957/b.txt'));
    assert.ok(t('txt\\*', 'txt*'), 'a backslash escapes, on every platform');
    assert.ok(!t('txt\\*', 'txt/a'));
  });

  it('globTest refuses a glob no relative path can match', () => {
    for (const glob of ['', '/', '/abs/*.txt', '../x', '..']) assert.throws(() => globTest(glob), Error, glob);
  });

  it('an excluded folder is not read at all (seen at fs.readdirSync, so as root too)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rmrb-walk-'));
    const readdir = fs.readdirSync;
    const read: string[] = [];
    try {
      for (const f of ['a/x.rmrb', 'a/skip/y.rmrb', 'a/skip/deep/z.rmrb', 'b/draft/w.rmrb']) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), '');
      }
      // Watched from outside: the code under test reads folders through fs.readdirSync.
      fs.readdirSync = ((p: string, ...rest: unknown[]) => {
        read.push(path.relative(dir, p).split(path.sep).join('/'));
        return (readdir as (...a: unknown[]) => unknown)(p, ...rest);
      }) as typeof readdir;
      const found = await findCorpusFiles([dir], { include: [], exclude: ['a/skip/**', 'draft'] });
      assert.deepEqual(
        found.files.map((f) => path.relative(dir, f).split(path.sep).join('/')),
        ['a/x.rmrb'],
      );
      assert.deepEqual(read.sort(), ['', 'a', 'b']);
    } finally {
      fs.readdirSync = readdir;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
