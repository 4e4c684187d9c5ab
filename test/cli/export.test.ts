// `rmrb export` run as a user runs it: the built dist/cli/rmrb.js, on fixture trees made here.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gb18030, jsonl, run } from './helpers';

const INLINE =
  '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BH/版号〗002〖-BH/版号〗\n〖TH/条号〗3〖-TH/条号〗\n' +
  '〖BT/标题〗上行〖HH/换行〗下行，"引" 〖JZ/加重〗重〖-JZ/加重〗〖-BT/标题〗\n' +
  '〖ZW/正文〗\n    序言\n    一\n    甲段\n\n    二\n    乙段〖HH/换行〗续\n〖-ZW/正文〗\n';
/** A record with one error (a date that is no day) and one warning (an empty title). */
const FLAWED = '〖RQ/日期〗19930230〖-RQ/日期〗\n〖BT/标题〗〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';

/** RFC 4180, as a reader of it would parse it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let k = 0;
  while (k < text.length) {
    const c = text[k];
    if (c === '"' && field === '') {
      k++;
      for (;;) {
        if (text[k] === '"' && text[k + 1] === '"') (field += '"'), (k += 2);
        else if (text[k] === '"') {
          k++;
          break;
        } else field += text[k++];
      }
    } else if (c === ',') (row.push(field), (field = ''), k++);
    else if (c === '\r' && text[k + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), (k += 2));
    else (field += c), k++;
  }
  assert.equal(field, '', 'the last row ends with CRLF');
  return rows;
}

describe('rmrb export', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('jsonl: one record a line, files sorted, records in order, with file and 1-based line', () => {
    mkdirSync(path.join(dir, 'c'));
    writeFileSync(path.join(dir, 'c', 'b.rmrb'), INLINE + FLAWED);
    writeFileSync(path.join(dir, 'c', 'a.rmrb'), '\n' + FLAWED);
    const r = run(['export', 'c'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(
      jsonl(r.stdout).map((x) => `${x.file}:${x.line}`),
      [`${path.join('c', 'a.rmrb')}:2`, `${path.join('c', 'b.rmrb')}:1`, `${path.join('c', 'b.rmrb')}:13`],
    );
    assert.match(r.stderr, /Exported 3 records from 2 files\./);
  });

  it('jsonl: values without inline tags, 〖HH/换行〗 as a line break; body and sections', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), INLINE);
    const [x] = jsonl(run(['export', 'a.rmrb'], dir).stdout);
    assert.deepEqual(x.fields, { RQ: '20130908', BH: '002', TH: '3', BT: '上行\n下行，"引" 重', ZW: '序言\n一\n甲段\n二\n乙段\n续' });
    assert.deepEqual(x.body, ['序言', '甲段', '乙段\n续']);
    assert.deepEqual(x.sections, [
      { title: '一', start: 1, end: 2 },
      { title: '二', start: 2, end: 3 },
    ]);
    assert.deepEqual(x.problems, { error: 0, warning: 0, information: 0, hint: 0 });
  });

  it('problems are counted with the settings check uses: the nearest rmrb.json', () => {
    mkdirSync(path.join(dir, 'strict'));
    writeFileSync(path.join(dir, 'strict', 'a.rmrb'), FLAWED);
    writeFileSync(path.join(dir, 'strict', 'rmrb.json'), JSON.stringify({ diagnostics: { severity: { 'invalid-date': 'off', 'empty-value': 'error' } } }));
    const [r] = jsonl(run(['export', 'strict'], dir).stdout);
    const checked = jsonl(run(['check', '--format', 'jsonl', 'strict'], dir).stdout);
    assert.ok(!checked.some((d) => d.code === 'invalid-date'));
    assert.equal(r.problems.error, checked.filter((d) => d.severity === 'error').length);
    assert.equal(r.problems.warning, checked.filter((d) => d.severity === 'warning').length);
    assert.ok(r.problems.error >= 1, 'empty-value made an error');
  });

  it('jsonl: problems counted by severity, each in its record', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), INLINE + FLAWED);
    const [a, b] = jsonl(run(['export', 'a.rmrb'], dir).stdout);
    assert.equal(a.problems.error + a.problems.warning, 0);
    assert.equal(b.problems.error, 1);
    assert.ok(b.problems.warning >= 1);
    // The same counts as `rmrb check` finds.
    const checked = jsonl(run(['check', '--format', 'jsonl', 'a.rmrb'], dir).stdout);
    assert.equal(checked.filter((d) => d.severity === 'error').length, b.problems.error);
    assert.equal(checked.filter((d) => d.severity === 'warning').length, b.problems.warning);
  });

  it('csv: a BOM, a header, RFC 4180 quoting; parsed back to the same values', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), INLINE + FLAWED);
    const r = run(['export', '--format', 'csv', 'a.rmrb'], dir);
    assert.equal(r.status, 0);
    assert.ok(r.stdout.startsWith('\ufeff'));
    const rows = parseCsv(r.stdout.slice(1));
    assert.deepEqual(rows[0], ['file', 'line', 'RQ', 'BH', 'TH', 'BT', 'ZW']);
    assert.deepEqual(rows[1], ['a.rmrb', '1', '20130908', '002', '3', '上行\n下行，"引" 重', '序言\n一\n甲段\n二\n乙段\n续']);
    assert.deepEqual(rows[2], ['a.rmrb', '13', '19930230', '', '', '', '正文']);
    assert.equal(rows.length, 3);
  });

  it('csv: --fields chooses the columns', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), INLINE);
    const rows = parseCsv(run(['export', '--format=csv', '--fields', 'bt,RQ', 'a.rmrb'], dir).stdout.slice(1));
    assert.deepEqual(rows, [
      ['file', 'line', 'BT', 'RQ'],
      ['a.rmrb', '1', '上行\n下行，"引" 重', '20130908'],
    ]);
  });

  it('reads GB18030 files', () => {
    writeFileSync(path.join(dir, 'g.TXT'), gb18030(INLINE.replace('上行', '朱镕基𠀀').replace(/\n/g, '\r\n')));
    const [x] = jsonl(run(['export', 'g.TXT'], dir).stdout);
    assert.equal(x.fields.BT, '朱镕基𠀀\n下行，"引" 重');
    assert.deepEqual(x.body, ['序言', '甲段', '乙段\n续']);
  });

  it('a missing path: one line on stderr, no stack, exit 2 when nothing could be read', () => {
    const r = run(['export', 'nowhere'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'rmrb: nowhere: no such file or folder\n');
  });

  it('a missing path beside a readable file: reported, the rest exported, exit 0', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), INLINE);
    const r = run(['export', 'a.rmrb', 'nowhere'], dir);
    assert.equal(r.status, 0);
    assert.equal(jsonl(r.stdout).length, 1);
    assert.match(r.stderr, /^rmrb: nowhere: no such file or folder$/m);
  });

  it('usage errors: exit 2, a clear message and the usage', () => {
    for (const args of [['export'], ['export', '--format', 'xml', 'x'], ['export', '--fields', 'R', 'x'], ['export', '--bogus', 'x'], ['export', '--encoding', 'latin1', 'x']]) {
      const r = run(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^rmrb: .+\n\nUsage: rmrb check[\s\S]*rmrb export/, args.join(" "));
    }
    assert.match(run(['--help'], dir).stdout, /Excel/);
  });

  it('--jobs: the same bytes, in the same order, whatever the number of threads', () => {
    for (let d = 1; d <= 60; d++) {
      const sub = path.join(dir, 'txt', `2013${String(Math.ceil(d / 28)).padStart(2, '0')}${String(((d - 1) % 28) + 1).padStart(2, '0')}`);
      mkdirSync(sub, { recursive: true });
      const text = (d % 7 === 0 ? FLAWED : INLINE).replace('20130908', sub.slice(-8));
      writeFileSync(path.join(sub, `${d}.rmrb`), d % 2 ? text : gb18030(text));
    }
    // An unreadable file among them is reported in its place, whatever the threads.
    writeFileSync(path.join(dir, 'txt', 'noise.rmrb'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    for (const format of ['jsonl', 'csv']) {
      const one = run(['export', '--format', format, '--jobs', '1', 'txt'], dir);
      const two = run(['export', '--format', format, '--jobs', '2', 'txt'], dir);
      const four = run(['export', '--format', format, '-j', '4', 'txt'], dir);
      assert.equal(one.status, 0);
      assert.ok(one.stdout.length > 1000);
      assert.equal(two.stdout, one.stdout, format);
      assert.equal(four.stdout, one.stdout, format);
      assert.equal(two.stderr, one.stderr);
      assert.match(one.stderr, /noise\.rmrb: a binary file, not a corpus file\nExported 60 records from 60 files\./);
    }
    assert.match(run(['export', '--jobs', 'x', 'txt'], dir).stderr, /--jobs needs a whole number of threads, 1 or more, not “x”/);
  });
});
