// rmrb fix's last step: the fixed bytes written over the file, unless it changed since it was read.

import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ChangedOnDisk, writeAtomically } from '../../../server/src/node/fixCommand';

describe('fix: writeAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = Buffer.from('〖BT；标题〗\n');
  const fixed = Buffer.from('〖BT/标题〗\n');

  it('writes over the file that is still as it was read, keeping its mode', async () => {
    const file = path.join(dir, 'a.rmrb');
    writeFileSync(file, read);
    chmodSync(file, 0o640);
    await writeAtomically(file, fixed, new Uint8Array(read));
    assert.deepEqual(readFileSync(file), fixed);
    assert.equal(statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(readdirSync(dir), ['a.rmrb']);
  });

  it('leaves a file that changed since it was read as it is, and no temporary file', async () => {
    const file = path.join(dir, 'a.rmrb');
    const changed = Buffer.concat([read, Buffer.from('另一个人写的\n')]);
    writeFileSync(file, changed);
    await assert.rejects(writeAtomically(file, fixed, read), (e) => e instanceof ChangedOnDisk && e.message === 'changed while being fixed; left as it was');
    assert.deepEqual(readFileSync(file), changed);
    assert.deepEqual(readdirSync(dir), ['a.rmrb']);
  });

  it('a change that keeps the size is a change too', async () => {
    const file = path.join(dir, 'a.rmrb');
    const changed = Buffer.from(read);
    changed[changed.length - 2] ^= 1;
    writeFileSync(file, changed);
    await assert.rejects(writeAtomically(file, fixed, read), ChangedOnDisk);
    assert.deepEqual(readFileSync(file), changed);
  });
});
