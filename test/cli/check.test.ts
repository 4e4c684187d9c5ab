// `rmrb check` run as a user runs it: the built dist/cli/rmrb.js, on fixture trees made here.

import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BAD, gb18030, GOOD, RMRB, run, tempFolder } from './helpers';

const SAMPLE = readFileSync(path.join(__dirname, '../fixtures/rmrb-20130908-002-3.txt'), 'utf8');

describe('rmrb check', () => {
  let dir: string;
  tempFolder('rmrb-cli-', (d) => (dir = d));

  it('a clean file: no output, exit 0, a summary on stderr', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), SAMPLE);
    const r = run(['check', 'a.rmrb'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /No problems in 1 file\./);
  });

  it('an error: path:line:col: severity code: message, 1-based, exit 1', () => {
    writeFileSync(path.join(dir, 'bad.rmrb'), BAD);
    const r = run(['check', 'bad.rmrb'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, 'bad.rmrb:1:8: error invalid-date: RQ (日期) 19930230 is not a real day.\n');
    assert.match(r.stderr, /1 error and 0 warnings in 1 of 1 file\./);
  });

  it('columns count UTF-16 units, with a BOM, CRLF and characters outside the BMP', () => {
    const text = '\ufeff〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀𠀀〖JZ;加重〗x〖-JZ/加重〗〖-BT/标题〗\r\n〖ZW/正文〗\r\n正文\r\n〖-ZW/正文〗\r\n';
    writeFileSync(path.join(dir, 'b.rmrb'), text);
    const r = run(['check', '--format', 'jsonl', 'b.rmrb'], dir);
    const found = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      found.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.code} ${f.encoding}`),
      ['2:12-2:19 error malformed-tag utf-8'],
    );
  });

  it('walks folders: corpus .txt by their first line, .rmrb always; skips hidden folders, .git and node_modules; sorted', () => {
    mkdirSync(path.join(dir, 'corpus/2013'), { recursive: true });
    mkdirSync(path.join(dir, 'corpus/.hidden'));
    mkdirSync(path.join(dir, 'corpus/node_modules'));
    writeFileSync(path.join(dir, 'corpus/2013/b.rmrb'), BAD);
    writeFileSync(path.join(dir, 'corpus/2013/a.TXT'), BAD);
    writeFileSync(path.join(dir, 'corpus/notes.txt'), 'not a corpus file\n');
    writeFileSync(path.join(dir, 'corpus/.hidden/c.rmrb'), BAD);
    writeFileSync(path.join(dir, 'corpus/node_modules/d.rmrb'), BAD);
    const r = run(['check', 'corpus'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.stdout.trim().split('\n').map((l) => l.split(':')[0]),
      [path.join('corpus', '2013', 'a.TXT'), path.join('corpus', '2013', 'b.rmrb')],
    );
  });

  it('reads GB18030 (GB2312 and beyond: 镕, 𠀀) and says so', () => {
    writeFileSync(path.join(dir, 'g.TXT'), gb18030(BAD.replace('标题', '朱镕基𠀀').replace(/\n/g, '\r\n')));
    const r = run(['check', '--format=jsonl', 'g.TXT'], dir);
    const [f] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(f.encoding, 'gb18030');
    assert.equal(f.code, 'invalid-date');
    assert.equal(f.line, 1);
    assert.equal(r.status, 1);
  });

  it('a missing path: one line on stderr, no stack, exit 2 when nothing could be checked', () => {
    const r = run(['check', 'nowhere'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^rmrb: nowhere: no such file or folder$/m);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  });

  it('a file that is neither UTF-8 nor GB18030 is reported, and the run goes on', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), GOOD);
    writeFileSync(path.join(dir, 'z.rmrb'), Buffer.from([0x80, 0xff, 0xff, 0x30]));
    const r = run(['check', '.'], dir);
    assert.match(r.stderr, /z\.rmrb: neither UTF-8 nor GB18030/);
    assert.equal(r.status, 0);
  });

  it('an empty file and a symbolic link back up do not stop it', () => {
    writeFileSync(path.join(dir, 'empty.rmrb'), '');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'bad.rmrb'), BAD);
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    const r = run(['check', '.'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  it('--quiet shows errors only; --max-warnings turns too many warnings into exit 1', () => {
    writeFileSync(path.join(dir, 'w.rmrb'), GOOD.replace('标题〖-BT/标题〗', '〖-BT/标题〗'));
    assert.equal(run(['check', 'w.rmrb'], dir).status, 0);
    assert.equal(run(['check', '--quiet', 'w.rmrb'], dir).stdout, '');
    assert.equal(run(['check', '--max-warnings', '0', 'w.rmrb'], dir).status, 1);
  });

  it('usage errors: exit 2, a clear message and the usage', () => {
    for (const args of [[], ['lint', 'x'], ['check'], ['check', '--format', 'xml', 'x'], ['check', '--bogus', 'x']]) {
      const r = run(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^rmrb: .+\n\nUsage: rmrb check/, args.join(' '));
    }
    assert.equal(run(['--help'], dir).status, 0);
    assert.match(run(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('rmrb check in Chinese', () => {
  let dir: string;
  tempFolder('rmrb-zh-', (d) => writeFileSync(path.join((dir = d), 'bad.rmrb'), BAD));

  it('--locale zh: the messages and the summary in Chinese; codes, positions and severities as ever', () => {
    const r = run(['check', '--locale', 'zh', 'bad.rmrb'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^bad\.rmrb:1:8: error invalid-date: .*[\u4e00-\u9fff]/);
    assert.equal(r.stderr, '1 个文件中有 1 个存在问题：1 个错误，0 个警告。\n');
    assert.match(run(['check', '--locale', 'zh', '--format', 'jsonl', 'bad.rmrb'], dir).stdout, /"code":"invalid-date","message":"[^"]*[\u4e00-\u9fff]/);
  });

  it('without --locale, the environment’s locale decides (LC_ALL, LC_MESSAGES, LANG)', () => {
    const env = (vars: Record<string, string>) => spawnSync(process.execPath, [RMRB, 'check', 'bad.rmrb'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: '', LC_ALL: '', LC_MESSAGES: '', ...vars } }).stderr;
    assert.match(env({ LANG: 'zh_CN.UTF-8' }), /个错误/);
    assert.match(env({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' }), /个错误/);
    assert.match(env({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'C' }), /1 error and 0 warnings/);
    assert.match(env({}), /1 error and 0 warnings/);
    assert.match(run(['check', '--locale', 'fr', 'bad.rmrb'], dir).stderr, /--locale takes en or zh, not “fr”/);
  });
});
