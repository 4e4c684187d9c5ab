// Finding corpus files: the globs of --include/--exclude, and which folders a walk reads.

import * as assert from 'node:assert/strict';
// The module object itself, whose readdirSync the test watches (a namespace import is read-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs: { readdirSync: typeof import('node:fs').readdirSync } = require('node:fs');
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findCorpusFiles, globTest, selectsFile } from '../../../server/src/node/corpusFiles';

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

  describe('selectsFile: one file a watcher reports, judged as a walk would judge it', () => {
    it('takes corpus names only, and never what lies in a hidden folder or node_modules', () => {
      const take = selectsFile({ include: [], exclude: [] });
      assert.equal(take('2013/09/08/201309080203.TXT'), true);
      assert.equal(take('a.rmrb'), true);
      assert.equal(take('a.md'), false);
      assert.equal(take('.git/a.rmrb'), false);
      assert.equal(take('x/node_modules/a.rmrb'), false);
    });

    it('honours exclude globs on the file and on any folder above it, and include globs likewise', () => {
      const take = selectsFile({ include: ['2013/', '*.rmrb'], exclude: ['drafts/', '**/*.bak.txt'] });
      assert.equal(take('2013/09/a.txt'), true, 'an included folder takes every corpus file below');
      assert.equal(take('other/a.rmrb'), true, 'a base-name glob at any depth');
      assert.equal(take('other/a.txt'), false);
      assert.equal(take('2013/drafts/a.txt'), false, 'an excluded folder, however deep');
      assert.equal(take('2013/a.bak.txt'), false);
    });
  });
});
