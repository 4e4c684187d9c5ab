// The checks across records span the whole run: the same article in two files, one date with
// two issue numbers, issue numbers not growing with the date, and files misnamed in a
// one-article-per-file archive. Each such problem names the other file. Shards checked apart
// meet through their article indexes (--index-out, --index).

import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { gb18030, jsonl, run, tempFolder } from './helpers';

/** One PLA Daily article as the archive writes it: one field per line, CRLF. */
const article = (zq: string, rq: string, bh: string, th: string) =>
  `〖ZQ/总期〗${zq}〖-ZQ/总期〗\r\n〖RQ/日期〗${rq}〖-RQ/日期〗\r\n〖BH/版号〗${bh}〖-BH/版号〗\r\n〖TH/条号〗${th}〖-TH/条号〗\r\n〖BT/标题〗“工作”小谈〖-BT/标题〗\r\n〖ZW/正文〗\r\n    前不久，听到两个同志在交谈。\r\n〖-ZW/正文〗\r\n`;

/** Writes `txt/YYYY/YYYYMM/YYYYMMDD/YYYYMMDDPPNN.TXT` in GB18030, as the archive does. */
function put(root: string, zq: string, rq: string, bh: string, th: string, name = `${rq}${bh.padStart(2, '0')}${th.padStart(2, '0')}`): string {
  const rel = path.join('txt', rq.slice(0, 4), rq.slice(0, 6), rq, `${name}.TXT`);
  mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
  writeFileSync(path.join(root, rel), gb18030(article(zq, rq, bh, th)));
  return rel.split(path.sep).join('/');
}


describe('rmrb check across files', () => {
  let dir: string;
  tempFolder('rmrb-across-', (d) => (dir = d));

  it('a clean archive of one article per file: nothing to report', () => {
    put(dir, '6569', '19760105', '01', '1');
    put(dir, '6569', '19760105', '01', '2');
    put(dir, '6570', '19760106', '03', '4');
    const r = run(['check', 'txt'], dir);
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
    assert.match(r.stderr, /No problems in 3 files\./);
  });

  it('the same article in two folders: reported on the later file, naming the first, with its place as related information', () => {
    const first = put(dir, '6569', '19760105', '01', '1');
    // The same article again, filed under another day's folder by mistake.
    const again = path.join('txt', '1976', '197601', '19760107', '197601050101.TXT');
    mkdirSync(path.join(dir, path.dirname(again)), { recursive: true });
    writeFileSync(path.join(dir, again), gb18030(article('6569', '19760105', '01', '1')));
    const r = run(['check', '--format', 'jsonl', 'txt'], dir);
    const found = jsonl(r.stdout);
    const dup = found.find((p) => p.code === 'duplicate-article');
    assert.equal(dup.file, again.split(path.sep).join('/'));
    assert.equal(dup.encoding, 'gb18030');
    assert.equal(dup.message, `Another record (${first}, line 1) has the same date, page and item: 1976-01-05 · 第01版 · 第1条.`);
    assert.deepEqual(dup.relatedInformation, [{ file: first, line: 1, column: 1, endLine: 1, endColumn: 8, message: 'The same article, entered first here.' }]);
    // Its folder is another day's: misfiled too.
    assert.ok(found.some((p) => p.code === 'misfiled-article' && p.file === dup.file && /folder \(1976-01-07\)/.test(p.message)));
    assert.equal(r.status, 0, 'warnings only');
  });

  it('one date, two issue numbers, and an issue number that does not grow, across files', () => {
    put(dir, '6569', '19760105', '01', '1');
    const other = put(dir, '6570', '19760105', '01', '2');
    put(dir, '6570', '19760106', '01', '1');
    put(dir, '6571', '19760107', '01', '1');
    const late = put(dir, '6560', '19760108', '01', '1');
    const r = run(['check', 'txt'], dir);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.deepEqual(lines, [
      `${other}:1:8: warning inconsistent-issue-number: ZQ (总期) 6570 differs from 6569, given for the same date 1976-01-05 on txt/1976/197601/19760105/197601050101.TXT, line 1.`,
      `${late}:1:8: warning inconsistent-issue-number: ZQ (总期) 6560 on 1976-01-08 does not grow with the date: 1976-01-07 (txt/1976/197601/19760107/197601070101.TXT, line 1) has 6571.`,
    ]);
  });

  it('a file whose name disagrees with its RQ, BH or TH is a misfiled article', () => {
    const wrong = put(dir, '6569', '19760105', '03', '5', '197601050304');
    put(dir, '6569', '19760105', '03', '4', '197601050305');
    const r = run(['check', '--format', 'jsonl', 'txt'], dir);
    const misfiled = jsonl(r.stdout).filter((p) => p.code === 'misfiled-article');
    assert.equal(misfiled.length, 2);
    assert.equal(misfiled[0].file, wrong);
    assert.equal(misfiled[0].message, "The file name says 1976-01-05, page 3, item 4, but the record's RQ, BH and TH say 1976-01-05, page 3, item 5: the article is misfiled, or its header is wrong.");
    assert.deepEqual([misfiled[0].line, misfiled[0].column, misfiled[0].endColumn], [1, 1, 8]);
    // Named by the user, it is checked alone: its name is still read.
    assert.match(run(['check', wrong], dir).stdout, /misfiled-article/);
    // A rule can be turned off like any other.
    assert.doesNotMatch(run(['check', '--rule', 'misfiled-article=off', 'txt'], dir).stdout, /misfiled-article/);
  });

  it('SARIF carries the other file as a related location, and stays valid', () => {
    put(dir, '6569', '19760105', '01', '1');
    put(dir, '6569', '19760105', '01', '1', '197601050101-copy');
    const r = run(['check', '--format', 'sarif', 'txt'], dir);
    const log = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: any[]; relatedLocations: any[] }> }> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const dup = log.runs[0].results.find((x) => x.ruleId === 'duplicate-article')!;
    assert.equal(dup.locations[0].physicalLocation.artifactLocation.uri, 'txt/1976/197601/19760105/197601050101.TXT');
    assert.equal(dup.relatedLocations[0].physicalLocation.artifactLocation.uri, 'txt/1976/197601/19760105/197601050101-copy.TXT');
  });

  it('--jobs does not change a byte of the output', () => {
    for (let d = 1; d <= 28; d++) {
      const rq = `197602${String(d).padStart(2, '0')}`;
      for (let th = 1; th <= 3; th++) put(dir, String(6600 + d), rq, '01', String(th));
    }
    // Problems in several files, across files and within them.
    put(dir, '6601', '19760201', '01', '1', '197602010109');
    put(dir, '6590', '19760215', '02', '1');
    writeFileSync(path.join(dir, 'txt/1976/197602/19760203/197602030101.TXT'), gb18030(article('6603', '19930230', '01', '1')));
    const one = run(['check', '--format', 'jsonl', '--jobs', '1', 'txt'], dir);
    const two = run(['check', '--format', 'jsonl', '--jobs', '2', 'txt'], dir);
    const four = run(['check', '--format', 'jsonl', '-j', '4', 'txt'], dir);
    assert.ok(jsonl(one.stdout).length >= 4, one.stdout);
    assert.equal(two.stdout, one.stdout);
    assert.equal(four.stdout, one.stdout);
    assert.equal(two.status, one.status);
    assert.equal(two.stderr, one.stderr);
    assert.match(run(['check', '--jobs', '0', 'txt'], dir).stderr, /--jobs needs a whole number of threads, 1 or more, not “0”/);
  });

  describe('shards checked apart', () => {
    it('--index-out writes the articles; --index adds another shard’s to this run’s checks', () => {
      put(dir, '6569', '19760105', '01', '1');
      put(dir, '6571', '19760107', '01', '1');
      const late = put(dir, '6580', '19760106', '01', '1');
      const a = run(['check', '--index-out', 'a.jsonl', 'txt/1976/197601/19760105', 'txt/1976/197601/19760107'], dir);
      assert.equal(a.status, 0);
      const index = readFileSync(path.join(dir, 'a.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(index[0], { file: 'txt/1976/197601/19760105/197601050101.TXT', line: 1, column: 1, endLine: 1, endColumn: 8, RQ: '19760105', BH: '01', TH: '1', ZQ: '6569', zqLine: 1, zqColumn: 8, zqEndLine: 1, zqEndColumn: 12 });
      assert.equal(index.length, 2);
      // Alone, the second shard has one date: nothing to compare.
      assert.equal(run(['check', 'txt/1976/197601/19760106'], dir).stdout, '');
      // With the first shard's index, its ZQ is seen not to grow with the date.
      const b = run(['check', '--format', 'jsonl', '--index', 'a.jsonl', '--', 'txt/1976/197601/19760106'], dir);
      const found = jsonl(b.stdout);
      assert.deepEqual(
        found.map((p) => `${p.file} ${p.code} ${p.relatedInformation[0].file}`),
        [`${late} inconsistent-issue-number txt/1976/197601/19760107/197601070101.TXT`],
      );
      assert.match(found[0].message, /6580 on 1976-01-06 does not grow with the date: 1976-01-07 \(txt\/1976\/197601\/19760107\/197601070101\.TXT, line 1\) has 6571/);
      // The index's own files are not checked again, nor reported.
      assert.match(b.stderr, /in 1 of 1 file\./);
    });

    it('given only indexes, the run reports the problems between shards, each once', () => {
      put(dir, '6569', '19760105', '01', '1');
      put(dir, '6569', '19760105', '01', '1', '197601050101-copy');
      mkdirSync(path.join(dir, 'other/19760105'), { recursive: true });
      writeFileSync(path.join(dir, 'other/19760105/197601050101.TXT'), gb18030(article('6569', '19760105', '01', '1')));
      assert.equal(run(['check', '--index-out', 'idx-1.jsonl', 'txt'], dir).status, 0);
      assert.equal(run(['check', '--index-out', 'idx-2.jsonl', 'other'], dir).status, 0);
      const merged = run(['check', '--format', 'jsonl', '--index', 'idx-1.jsonl', 'idx-2.jsonl'], dir);
      const found = jsonl(merged.stdout);
      // The duplicate within the first shard was its own run's to report; those between the
      // shards are this run's: both of the first shard's files repeat the other shard's, which sorts first.
      assert.deepEqual(
        found.map((p) => `${p.file} ${p.code} ${p.relatedInformation?.[0].file}`),
        [
          'txt/1976/197601/19760105/197601050101-copy.TXT duplicate-article other/19760105/197601050101.TXT',
          'txt/1976/197601/19760105/197601050101.TXT duplicate-article other/19760105/197601050101.TXT',
        ],
      );
      assert.equal(found[0].encoding, undefined);
      assert.match(merged.stderr, /0 errors and 2 warnings in 2 of 3 files\./);
    });

    it('an index that is not one, or cannot be read: a usage error naming it, exit 2', () => {
      put(dir, '6569', '19760105', '01', '1');
      writeFileSync(path.join(dir, 'bad.jsonl'), '{"file":"x"}\n');
      const bad = run(['check', '--index', 'bad.jsonl', '--', 'txt'], dir);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /^rmrb: bad\.jsonl:1: not a line of an article index/);
      assert.doesNotMatch(bad.stderr, /\n\s+at /);
      const missing = run(['check', '--index', 'none.jsonl'], dir);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /^rmrb: cannot read the index none\.jsonl: no such file or folder/);
    });
  });
});
