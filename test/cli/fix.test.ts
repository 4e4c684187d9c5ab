// `rmrb fix` run as a user runs it: the built dist/cli/rmrb.js, on fixture trees made here.

import * as assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gb18030, run, tempFolder } from './helpers';

/** A record whose title tag is malformed (a full-width ； for its /): the one safe fix makes it 〖BT/标题〗. */
const HEAD = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT';
const TAIL = '标题〗朱镕基𠀀〖-BT/标题〗\n〖ZW/正文〗\n正文，“引号”……\n〖-ZW/正文〗\n';
const MALFORMED = HEAD + '；' + TAIL;
const FIXED = HEAD + '/' + TAIL;

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

describe('rmrb fix', () => {
  let dir: string;
  tempFolder('rmrb-fix-', (d) => (dir = d));

  it('GB18030 with CRLF: the malformed tag is fixed, every other byte is as it was, the mode is kept', () => {
    const file = path.join(dir, 'g.TXT');
    const head = gb18030(crlf(HEAD));
    const tail = gb18030(crlf(TAIL));
    writeFileSync(file, Buffer.concat([head, gb18030('；'), tail]));
    chmodSync(file, 0o640);
    const r = run(['fix', 'g.TXT'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(file), Buffer.concat([head, Buffer.from('/'), tail]));
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.match(r.stderr, /1 fix made in 1 of 1 file\./);
    assert.deepEqual(readdirSync(dir), ['g.TXT']); // no temporary file left
  });

  it('UTF-8 with a BOM: the BOM and the line ends stay, only the tag changes', () => {
    const file = path.join(dir, 'u.rmrb');
    const head = Buffer.from('\ufeff' + HEAD, 'utf8');
    const tail = Buffer.from(crlf(TAIL).replace('正文，', '正文\n，'), 'utf8'); // mixed line ends, kept as they are
    writeFileSync(file, Buffer.concat([head, Buffer.from('；'), tail]));
    const r = run(['fix', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(file), Buffer.concat([head, Buffer.from('/'), tail]));
    assert.equal(run(['check', 'u.rmrb'], dir).status, 0);
  });

  it('--dry-run prints a unified diff, changes no byte and exits 1', () => {
    const file = path.join(dir, 'a.rmrb');
    const before = gb18030(crlf(MALFORMED));
    writeFileSync(file, before);
    const r = run(['fix', '--dry-run', 'a.rmrb'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(readFileSync(file), before);
    const lines = r.stdout.split('\n').map((l) => l.replace(/\r$/, ''));
    assert.equal(lines[0], '--- a.rmrb');
    assert.equal(lines[1], '+++ a.rmrb');
    assert.match(lines[2], /^@@ -1,\d+ \+1,\d+ @@$/);
    assert.ok(lines.includes('-〖BT；标题〗朱镕基𠀀〖-BT/标题〗'), r.stdout);
    assert.ok(lines.includes('+〖BT/标题〗朱镕基𠀀〖-BT/标题〗'), r.stdout);
    assert.match(r.stderr, /1 fix to make in 1 of 1 file\./);
  });

  it('a file with nothing to fix is not rewritten: same bytes, same mtime, exit 0', () => {
    const file = path.join(dir, 'ok.rmrb');
    writeFileSync(file, FIXED);
    const past = new Date('2001-02-03T04:05:06Z');
    utimesSync(file, past, past);
    for (const args of [['fix', 'ok.rmrb'], ['fix', '--dry-run', 'ok.rmrb']]) {
      const r = run(args, dir);
      assert.equal(r.status, 0, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /Nothing to fix in 1 file\./);
    }
    assert.equal(statSync(file).mtimeMs, past.getTime());
    assert.equal(readFileSync(file, 'utf8'), FIXED);
  });

  it('exit 2 on usage errors and when nothing could be read; one line, no stack', () => {
    for (const args of [['fix'], ['fix', '--bogus', 'x'], ['fix', '--encoding', 'latin1', 'x'], ['fix', '--dry-run=yes', 'x']]) {
      const r = run(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^rmrb: .+\n\nUsage: rmrb check/, args.join(' '));
    }
    const missing = run(['fix', 'nowhere'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^rmrb: nowhere: no such file or folder$/m);
    assert.doesNotMatch(missing.stderr, /at .*\.js:\d+/);
    writeFileSync(path.join(dir, 'z.rmrb'), Buffer.from([0x80, 0xff, 0xff, 0x30]));
    const z = run(['fix', 'z.rmrb'], dir);
    assert.equal(z.status, 2);
    assert.match(z.stderr, /z\.rmrb: neither UTF-8 nor GB18030/);
  });

  it('--encoding utf-8 refuses a GB18030 file, and leaves it alone', () => {
    const file = path.join(dir, 'g.rmrb');
    const before = gb18030(MALFORMED);
    writeFileSync(file, before);
    const r = run(['fix', '--encoding', 'utf-8', 'g.rmrb'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /g\.rmrb: not utf-8/);
    assert.deepEqual(readFileSync(file), before);
  });

  it('takes the folder’s settings as the editor does: a rule turned off in rmrb.json is not fixed', () => {
    const text = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT；标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
    writeFileSync(path.join(dir, 'a.rmrb'), text);
    assert.match(run(['fix', '--dry-run', 'a.rmrb'], dir).stdout, /^\+〖BT\/标题〗/m);
    writeFileSync(path.join(dir, 'rmrb.json'), JSON.stringify({ diagnostics: { severity: { 'malformed-tag': 'off' } } }));
    const r = run(['fix', 'a.rmrb'], dir);
    assert.equal(r.status, 0);
    assert.equal(readFileSync(path.join(dir, 'a.rmrb'), 'utf8'), text);
  });
});
