// `rmrb fix` loses nothing: a file changed on disk while it was being fixed is left as it is, and
// a fixed file keeps its mode, its owner and its links. Run on the built rmrb.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GOOD, RMRB, run } from './helpers';

const FIXABLE = GOOD.replace('〖BT/', '〖BT；');

const posix = process.platform !== 'win32';

describe('rmrb fix loses nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-safe-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file written to while its fixes are made is left as it was, with the other writer’s bytes', async function () {
    this.timeout(60_000);
    const file = path.join(dir, 'big.rmrb');
    // About 2 MB and 131 072 fixes: seconds of work between reading the file and writing it.
    const head = GOOD.slice(0, GOOD.indexOf('正文\n'));
    const before = head + '〖JZ；加重〗x〖-JZ/加重〗'.repeat(1 << 17) + '\n〖-ZW/正文〗\n';
    writeFileSync(file, before);
    // rmrb's read is seen from here as the file's access time moving past its modification
    // time (relatime and strictatime both do so); a file system that never moves it cannot tell.
    const epoch = new Date(0);
    utimesSync(file, epoch, statSync(file).mtime);
    readFileSync(file);
    if (statSync(file).atimeMs === 0) this.skip(); // noatime: writeAtomically's unit test covers it
    utimesSync(file, epoch, statSync(file).mtime);

    const child = spawn(process.execPath, [RMRB, 'fix', 'big.rmrb'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    while (statSync(file).atimeMs === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    // The read is under way: let it end (milliseconds), well before the fixes do (seconds).
    await new Promise((resolve) => setTimeout(resolve, 100));
    appendFileSync(file, '〖RQ/日期〗20130909〖-RQ/日期〗\n');
    const status = await exited;

    assert.equal(status, 2, stderr);
    assert.match(stderr, /^rmrb: big\.rmrb: changed while being fixed; left as it was$/m);
    assert.equal(readFileSync(file, 'utf8'), before + '〖RQ/日期〗20130909〖-RQ/日期〗\n');
    assert.deepEqual(readdirSync(dir), ['big.rmrb']);
  });

  it('keeps the mode of each file it fixes (640, 600, 444, 755), and as root its owner', () => {
    const modes = [0o640, 0o600, 0o444, 0o755];
    for (const mode of modes) {
      const file = path.join(dir, `m${mode.toString(8)}.rmrb`);
      writeFileSync(file, FIXABLE);
      chmodSync(file, mode);
      if (process.getuid?.() === 0) chownSync(file, 1234, 5678);
    }
    const r = run(['fix', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /4 fixes made in 4 of 4 files\./);
    for (const mode of modes) {
      const file = path.join(dir, `m${mode.toString(8)}.rmrb`);
      assert.equal(readFileSync(file, 'utf8'), GOOD);
      if (posix) assert.equal(statSync(file).mode & 0o7777, mode, mode.toString(8));
      if (process.getuid?.() === 0) assert.deepEqual([statSync(file).uid, statSync(file).gid], [1234, 5678]);
    }
  });

  it('a link named is kept a link: the file it points to is fixed', function () {
    if (!posix) this.skip(); // links need privileges on Windows
    writeFileSync(path.join(dir, 'real.rmrb'), FIXABLE);
    symlinkSync('real.rmrb', path.join(dir, 'link.rmrb'));
    const r = run(['fix', 'link.rmrb'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(lstatSync(path.join(dir, 'link.rmrb')).isSymbolicLink());
    assert.equal(readlinkSync(path.join(dir, 'link.rmrb')), 'real.rmrb');
    assert.equal(readFileSync(path.join(dir, 'real.rmrb'), 'utf8'), GOOD);
  });
});
