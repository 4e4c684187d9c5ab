// Bad input on the built rmrb: each case ends with a clear one-line message, the right exit
// status and no stack trace, and a bad file among good ones does not stop the run.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BAD, GOOD, RMRB, runUnprivileged } from './helpers';

/** One safe fix: the title's tag has a full-width ； for its /. */
const FIXABLE = GOOD.replace('〖BT/', '〖BT；');

const isRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

/**
 * Runs the built rmrb with a deadline, so that a hang fails the test instead of stopping the
 * suite (spawnSync blocks mocha's own timeout).
 */
function run(args: string[], cwd: string, deadline = 15_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [RMRB, ...args], { cwd, encoding: 'utf8', timeout: deadline, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
  assert.equal(r.signal, null, `rmrb ${args.join(' ')} did not finish within ${deadline} ms`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** No stack trace and no JavaScript error name: what a user sees is rmrb's own words. */
function noStack(stderr: string) {
  assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+|TypeError|RangeError|ReferenceError|Error:/, stderr);
}

/** The files a run reported problems in, relative to `dir`, with `/`. */
const filesOf = (stdout: string) => stdout.split('\n').filter((l) => l).map((l) => l.slice(0, l.indexOf(':')).split(path.sep).join('/'));

describe('rmrb on bad input', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-bad-'));
  });
  afterEach(() => {
    if (existsSync(path.join(dir, 'locked'))) chmodSync(path.join(dir, 'locked'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('exit status: 0 no errors, 1 errors, 2 a usage error or nothing could be read', () => {
    it('check', () => {
      writeFileSync(path.join(dir, 'good.rmrb'), GOOD);
      writeFileSync(path.join(dir, 'bad.rmrb'), BAD);
      assert.equal(run(['check', 'good.rmrb'], dir).status, 0);
      assert.equal(run(['check', 'good.rmrb', 'bad.rmrb'], dir).status, 1);
      assert.equal(run(['check', '--bogus', 'good.rmrb'], dir).status, 2);
      // A folder with no corpus file in it, or globs that leave none: a mistake in the command.
      mkdirSync(path.join(dir, 'empty'));
      const none = run(['check', 'empty'], dir);
      assert.equal(none.status, 2);
      assert.equal(none.stderr, 'rmrb: no corpus files in empty (*.rmrb, and *.txt whose first line opens with a tag)\n');
      assert.equal(run(['check', '--exclude', '*.rmrb', '.'], dir).status, 2);
      // A missing path beside readable ones is reported; the status is the readable ones'.
      for (const [files, status] of [[['good.rmrb'], 0], [['bad.rmrb'], 1], [[], 2]] as const) {
        const r = run(['check', 'nowhere.rmrb', ...files], dir);
        assert.equal(r.status, status, files.join(' '));
        assert.match(r.stderr, /^rmrb: nowhere\.rmrb: no such file or folder$/m);
        noStack(r.stderr);
      }
    });

    it('fix: 0 nothing left to fix, 1 fixes left (--dry-run), 2 nothing could be read', () => {
      writeFileSync(path.join(dir, 'good.rmrb'), GOOD);
      writeFileSync(path.join(dir, 'fixable.rmrb'), FIXABLE);
      assert.equal(run(['fix', '--dry-run', 'nowhere.rmrb', 'fixable.rmrb'], dir).status, 1);
      assert.equal(run(['fix', 'nowhere.rmrb', 'good.rmrb'], dir).status, 2); // an I/O error and nothing done
      const r = run(['fix', 'nowhere.rmrb', 'fixable.rmrb'], dir);
      assert.equal(r.status, 0);
      assert.match(r.stderr, /^rmrb: nowhere\.rmrb: no such file or folder$/m);
      assert.equal(readFileSync(path.join(dir, 'fixable.rmrb'), 'utf8'), GOOD);
      assert.equal(run(['fix', 'nowhere.rmrb'], dir).status, 2);
    });

    it('export: 0 records exported, 2 nothing could be read', () => {
      writeFileSync(path.join(dir, 'good.rmrb'), GOOD);
      const r = run(['export', 'nowhere.rmrb', 'good.rmrb'], dir);
      assert.equal(r.status, 0);
      assert.equal(r.stdout.trim().split('\n').length, 1);
      assert.match(r.stderr, /^rmrb: nowhere\.rmrb: no such file or folder$/m);
      assert.equal(run(['export', 'nowhere.rmrb'], dir).status, 2);
    });
  });

  it('a path through a file: one line saying so', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), GOOD);
    for (const command of ['check', 'fix', 'export']) {
      const r = run([command, 'a.rmrb/b.rmrb'], dir);
      assert.equal(r.status, 2, command);
      assert.match(r.stderr, /^rmrb: a\.rmrb\/b\.rmrb: a part of the path is not a folder$/m, command);
      noStack(r.stderr);
    }
  });

  it('a folder where a file is expected (--files-from, --config): a usage error saying so', () => {
    mkdirSync(path.join(dir, 'folder'));
    writeFileSync(path.join(dir, 'good.rmrb'), GOOD);
    for (const [args, message] of [
      [['--files-from', 'folder'], 'cannot read the list folder: is a folder'],
      [['--config', 'folder', 'good.rmrb'], 'cannot read the settings folder: is a folder'],
      [['--config', 'nowhere.json', 'good.rmrb'], 'cannot read the settings nowhere.json: no such file or folder'],
    ] as const) {
      const r = run(['check', ...args], dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.split('\n')[0], `rmrb: ${message}`);
      noStack(r.stderr);
    }
  });

  it(`an unreadable file among readable ones is reported and the run goes on (${isRoot ? 'as root, who reads any file: a FIFO' : 'chmod 000'})`, function () {
    if (!posix) this.skip(); // neither chmod 000 nor a FIFO exists there
    writeFileSync(path.join(dir, 'bad.rmrb'), BAD);
    writeFileSync(path.join(dir, 'good.rmrb'), GOOD);
    let expected: RegExp;
    if (isRoot) {
      spawnSync('mkfifo', [path.join(dir, 'locked.rmrb')]);
      expected = /^rmrb: locked\.rmrb: not a regular file$/m;
    } else {
      writeFileSync(path.join(dir, 'locked.rmrb'), GOOD);
      chmodSync(path.join(dir, 'locked.rmrb'), 0);
      expected = /^rmrb: locked\.rmrb: permission denied$/m;
    }
    for (const [others, status] of [[['good.rmrb'], 0], [['bad.rmrb', 'good.rmrb'], 1], [[], 2]] as const) {
      const r = run(['check', 'locked.rmrb', ...others], dir);
      assert.equal(r.status, status, others.join(' '));
      assert.match(r.stderr, expected);
      noStack(r.stderr);
    }
    const fixed = run(['fix', 'locked.rmrb'], dir);
    assert.equal(fixed.status, 2);
    assert.match(fixed.stderr, expected);
    const exported = run(['export', 'locked.rmrb', 'good.rmrb'], dir);
    assert.equal(exported.status, 0);
    assert.match(exported.stderr, expected);
  });

  it('chmod 000, as a user without privileges (root reads any file): reported in every format, the run goes on', function () {
    if (!posix) this.skip(); // no chmod 000 there
    writeFileSync(path.join(dir, 'bad.rmrb'), BAD);
    writeFileSync(path.join(dir, 'locked.rmrb'), GOOD);
    chmodSync(path.join(dir, 'locked.rmrb'), 0);
    const text = runUnprivileged(['check', 'locked.rmrb', 'bad.rmrb'], dir);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /^rmrb: locked\.rmrb: permission denied$/m);
    noStack(text.stderr);
    const lines = runUnprivileged(['check', '--format', 'jsonl', 'locked.rmrb', 'bad.rmrb'], dir).stdout.trim().split('\n').map((l) => JSON.parse(l));
    // An unreadable file is a line with a problem's keys, so a reader of the stream needs no special case.
    assert.deepEqual(lines.find((l) => l.file === 'locked.rmrb'), { file: 'locked.rmrb', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'unreadable', message: 'permission denied', encoding: null });
    assert.ok(lines.some((l) => l.file === 'bad.rmrb' && l.code === 'invalid-date'));
    const github = runUnprivileged(['check', '--format', 'github', 'locked.rmrb', 'bad.rmrb'], dir).stdout;
    assert.match(github, /^::error file=locked\.rmrb,title=unreadable::permission denied$/m);
    const sarif = JSON.parse(runUnprivileged(['check', '--format', 'sarif', 'locked.rmrb', 'bad.rmrb'], dir).stdout);
    assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text), ['permission denied']);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  });

  it('an unreadable folder in a walk is reported and the walk goes on (chmod 000)', function () {
    if (!posix) this.skip(); // no chmod 000 there
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked', 'a.rmrb'), BAD);
    writeFileSync(path.join(dir, 'b.rmrb'), BAD);
    chmodSync(path.join(dir, 'locked'), 0);
    // Root reads any folder: run as a user who cannot.
    const r = runUnprivileged(['check', '.'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(filesOf(r.stdout), ['b.rmrb']);
    assert.match(r.stderr, /^rmrb: locked: permission denied$/m);
  });

  it('a FIFO or a device named is not read (it might never end); one in a folder is passed over', function () {
    if (!posix) this.skip();
    spawnSync('mkfifo', [path.join(dir, 'pipe.rmrb')]);
    writeFileSync(path.join(dir, 'bad.rmrb'), BAD);
    const named = run(['check', 'pipe.rmrb', '/dev/zero', 'bad.rmrb'], dir, 10_000);
    assert.equal(named.status, 1);
    assert.match(named.stderr, /^rmrb: pipe\.rmrb: not a regular file$/m);
    assert.match(named.stderr, /^rmrb: \/dev\/zero: not a regular file$/m);
    const walked = run(['check', '.'], dir, 10_000);
    assert.equal(walked.status, 1);
    assert.doesNotMatch(walked.stderr, /pipe/);
    assert.equal(run(['check', 'pipe.rmrb'], dir, 10_000).status, 2);
  });

  it('folder loops made by symbolic links end, and each file is read once', function () {
    if (!posix) this.skip(); // folder links need privileges on Windows
    for (const f of ['a/x.rmrb', 'a/b/y.rmrb', 'c/z.rmrb']) {
      mkdirSync(path.dirname(path.join(dir, 'root', f)), { recursive: true });
      writeFileSync(path.join(dir, 'root', f), BAD);
    }
    symlinkSync('..', path.join(dir, 'root/a/up')); // back to root
    symlinkSync('../..', path.join(dir, 'root/a/b/up2')); // back to root, from deeper
    symlinkSync('../c', path.join(dir, 'root/a/toC')); // two links between a and c
    symlinkSync('../a', path.join(dir, 'root/c/toA'));
    symlinkSync('self', path.join(dir, 'root/self')); // a link to itself
    const r = run(['check', 'root'], dir, 10_000);
    assert.equal(r.status, 1);
    assert.deepEqual(filesOf(r.stdout), ['root/a/b/y.rmrb', 'root/a/x.rmrb', 'root/c/z.rmrb']);
    noStack(r.stderr);
    // Entered through a link, the tree is still walked once.
    const through = run(['check', 'root/a/up'], dir, 10_000);
    assert.deepEqual(filesOf(through.stdout), ['root/a/up/a/b/y.rmrb', 'root/a/up/a/x.rmrb', 'root/a/up/c/z.rmrb']);
    const self = run(['check', 'root/self'], dir);
    assert.equal(self.status, 2);
    assert.match(self.stderr, /^rmrb: root\/self: too many symbolic links$/m);
  });

  it('a binary file named (random bytes, a PNG, UTF-16) is reported as not a corpus file, and the run goes on', () => {
    const noise = randomBytes(4096);
    noise[100] = 0; // random bytes all but surely hold a NUL: this one surely does
    writeFileSync(path.join(dir, 'noise.rmrb'), noise);
    // A PNG's first bytes happen to read as GB18030: the NUL after them gives it away.
    writeFileSync(path.join(dir, 'image.png'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
    writeFileSync(path.join(dir, 'utf16.rmrb'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]));
    writeFileSync(path.join(dir, 'bad.rmrb'), BAD);
    const r = run(['check', 'noise.rmrb', 'image.png', 'utf16.rmrb', 'bad.rmrb'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(filesOf(r.stdout), ['bad.rmrb']);
    assert.match(r.stderr, /^rmrb: noise\.rmrb: a binary file, not a corpus file$/m);
    assert.match(r.stderr, /^rmrb: image\.png: a binary file, not a corpus file$/m);
    assert.match(r.stderr, /^rmrb: utf16\.rmrb: UTF-16, not UTF-8 or GB18030$/m);
    noStack(r.stderr);
    assert.equal(run(['check', 'image.png'], dir).status, 2);
    // fix leaves it alone; export passes it over.
    const before = readFileSync(path.join(dir, 'noise.rmrb'));
    assert.equal(run(['fix', 'noise.rmrb'], dir).status, 2);
    assert.deepEqual(readFileSync(path.join(dir, 'noise.rmrb')), before);
    assert.equal(run(['export', 'noise.rmrb', 'bad.rmrb'], dir).status, 0);
  });

  it('an empty file: no problems, nothing to fix, no records; no crash', () => {
    writeFileSync(path.join(dir, 'empty.rmrb'), '');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'bom.rmrb'), '\ufeff');
    const checked = run(['check', 'empty.rmrb', 'empty.txt', 'bom.rmrb'], dir);
    assert.equal(checked.status, 0, checked.stderr);
    assert.equal(checked.stdout, '');
    assert.match(checked.stderr, /^No problems in 3 files\.$/m);
    const fixed = run(['fix', 'empty.rmrb'], dir);
    assert.equal(fixed.status, 0);
    assert.match(fixed.stderr, /^Nothing to fix in 1 file\.$/m);
    const exported = run(['export', 'empty.rmrb', 'empty.txt'], dir);
    assert.equal(exported.status, 0);
    assert.equal(exported.stdout, '');
    assert.match(exported.stderr, /^Exported 0 records from 2 files\.$/m);
  });

  it('a line of 1 MB: check, fix and export finish in seconds', () => {
    const head = GOOD.slice(0, GOOD.indexOf('正文\n'));
    const tail = '\n〖-ZW/正文〗\n';
    // 1 MB of words, and 1 MB of malformed tags (65 536 problems, each with its fix).
    writeFileSync(path.join(dir, 'words.rmrb'), head + '字'.repeat(1 << 20) + tail);
    const unit = '〖JZ；加重〗x〖-JZ/加重〗';
    writeFileSync(path.join(dir, 'tags.rmrb'), head + unit.repeat(1 << 16) + tail);
    const checked = run(['check', '--format', 'jsonl', 'words.rmrb', 'tags.rmrb'], dir, 30_000);
    assert.equal(checked.status, 1);
    const found = checked.stdout.trim().split('\n');
    assert.equal(found.length, 1 << 16);
    const last = JSON.parse(found[found.length - 1]);
    assert.equal(last.line, 4);
    assert.equal(last.column, 1 + unit.length * ((1 << 16) - 1));
    const exported = run(['export', 'words.rmrb', 'tags.rmrb'], dir, 30_000);
    assert.equal(exported.status, 0);
    const records = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(records.map((x) => [x.file, x.fields.ZW.length]), [['tags.rmrb', 1 << 16], ['words.rmrb', 1 << 20]]);
    const fixed = run(['fix', 'tags.rmrb'], dir, 30_000);
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fixed.stderr, /65536 fixes made in 1 of 1 file\./);
    assert.equal(run(['check', 'tags.rmrb'], dir, 30_000).status, 0);
    for (const r of [checked, exported, fixed]) assert.ok(r.ms < 20_000, `${r.ms} ms`);
  });

  it('a file that changes while it is read: no crash, a sane status, nothing left behind', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'live.rmrb');
    writeFileSync(file, FIXABLE);
    writeFileSync(path.join(dir, 'good.rmrb'), GOOD);
    // Another process grows the file a record at a time and now and then starts it over, in
    // bytes cut anywhere (even inside a character), as fast as it can.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const r = Buffer.from(${JSON.stringify(FIXABLE + BAD)}); let n = 0;
         for (;;) { if (++n % 50 === 0) fs.writeFileSync(${JSON.stringify(file)}, r.subarray(0, n % r.length));
                    else fs.appendFileSync(${JSON.stringify(file)}, r.subarray(0, 1 + (n * 7) % r.length)); }`,
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let round = 0; round < 5; round++) {
        for (const command of ['check', 'export', 'fix']) {
          const r = run([command, 'live.rmrb', 'good.rmrb'], dir);
          // fix: 2 when the file it would fix changed under it, and good.rmrb needed nothing.
          const sane = command === 'fix' ? [0, 1, 2] : [0, 1];
          assert.ok(sane.includes(r.status!), `${command}: status ${r.status}\n${r.stderr}`);
          noStack(r.stderr);
        }
      }
    } finally {
      writer.kill('SIGKILL');
      await new Promise((resolve) => writer.once('exit', resolve));
    }
    assert.deepEqual(readdirSync(dir).sort(), ['good.rmrb', 'live.rmrb']); // no temporary file left
  });

  it('lone CR line ends count as line ends, as VS Code counts them (with CRLF and LF in the same file)', () => {
    const cr = (s: string) => s.replace(/\n/g, '\r');
    // Problems on line 1 and on line 7: the second record's title, after CR, CRLF and LF ends.
    const text = cr(BAD) + GOOD.replace('\n', '\r\n').replace('〖BT/', '〖BT；');
    writeFileSync(path.join(dir, 'cr.rmrb'), text);
    const r = run(['check', 'cr.rmrb'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(': ')[0] + ' ' + l.split(': ')[1]), [
      'cr.rmrb:1:8 error invalid-date',
      'cr.rmrb:7:1 error malformed-tag',
    ]);
    const exported = run(['export', 'cr.rmrb'], dir);
    assert.deepEqual(exported.stdout.trim().split('\n').map((l) => JSON.parse(l).line), [1, 6]);
    // The fix changes the tag and no line end.
    assert.equal(run(['fix', 'cr.rmrb'], dir).status, 0);
    assert.equal(readFileSync(path.join(dir, 'cr.rmrb'), 'utf8'), text.replace('〖BT；', '〖BT/'));
  });
});
