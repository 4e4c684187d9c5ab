// `rmrb check`'s other formats (GitHub annotations, SARIF checked against the SARIF 2.1.0
// schema), path lists, settings files and rule overrides, run on the built rmrb.

import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { BAD, GOOD, run, tempFolder } from './helpers';

/** A warning (stray text) on line 6, and an error on line 1. */
const BOTH = BAD + '多余\n';

describe('rmrb check: formats, lists and settings', () => {
  let dir: string;
  tempFolder('rmrb-cli-', (d) => (dir = d));

  it('--format github: one workflow command per problem, with its place and code', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), BOTH);
    const r = run(['check', '--format', 'github', 'a.rmrb'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      '::error file=a.rmrb,line=1,col=8,endLine=1,endColumn=16,title=invalid-date::RQ (日期) 19930230 is not a real day.',
      '::warning file=a.rmrb,line=6,col=1,endLine=6,endColumn=3,title=stray-text::Text outside every field is not part of the record.',
    ]);
  });

  it('--format sarif: one SARIF 2.1.0 log, valid against its schema, with every rule and each result’s region', () => {
    mkdirSync(path.join(dir, 'sub dir'));
    writeFileSync(path.join(dir, 'sub dir', 'a.rmrb'), BOTH);
    const r = run(['check', '--format', 'sarif', '.'], dir);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // The schema's patterns are written for JavaScript's regular expressions without the `u` flag.
    const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 3)));
    const run0 = log.runs[0];
    assert.ok(run0.tool.driver.rules.some((rule: { id: string }) => rule.id === 'invalid-date'));
    assert.deepEqual(
      run0.results.map((x: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }) => {
        const p = x.locations[0].physicalLocation;
        return `${x.ruleId} ${x.level} ${p.artifactLocation.uri}:${p.region.startLine}:${p.region.startColumn}`;
      }),
      ['invalid-date error sub%20dir/a.rmrb:1:8', 'stray-text warning sub%20dir/a.rmrb:6:1'],
    );
  });

  it('--files-from - reads paths from standard input; --null takes them NUL-separated', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), BAD);
    writeFileSync(path.join(dir, 'b.rmrb'), BAD);
    writeFileSync(path.join(dir, 'c.rmrb'), BAD);
    const lines = run(['check', '--files-from', '-'], dir, 'a.rmrb\nc.rmrb\n');
    assert.deepEqual(lines.stdout.trim().split('\n').map((l) => l.split(':')[0]), ['a.rmrb', 'c.rmrb']);
    const nul = run(['check', '--files-from', '-', '--null'], dir, 'b.rmrb\0c.rmrb\0');
    assert.deepEqual(nul.stdout.trim().split('\n').map((l) => l.split(':')[0]), ['b.rmrb', 'c.rmrb']);
  });

  it('--rule CODE=SEVERITY overrides a rule; an unknown code is a usage error', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), BAD);
    const off = run(['check', '--rule', 'invalid-date=off', 'a.rmrb'], dir);
    assert.equal(off.status, 0);
    assert.equal(off.stdout, '');
    assert.match(run(['check', '--rule', 'invalid-date=warning', 'a.rmrb'], dir).stdout, /warning invalid-date/);
    const bad = run(['check', '--rule', 'no-such-rule=off', 'a.rmrb'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^rmrb: --rule takes CODE=SEVERITY/);
  });

  it('reads the nearest rmrb.json, else .vscode/settings.json’s rmrb.* keys (with comments), as the editor does', () => {
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, 'a/b/x.rmrb'), GOOD.replace('〖BT/标题〗标题〖-BT/标题〗\n', '〖BT/标题〗标题〖-BT/标题〗\n〖DW/单位〗本报〖-DW/单位〗\n'));
    writeFileSync(path.join(dir, 'y.rmrb'), GOOD.replace('20130908', '19470101'));
    // The workspace's settings: an extra tag, and a date range.
    writeFileSync(
      path.join(dir, '.vscode/settings.json'),
      '{\n  // the corpus of this folder\n  "rmrb.tags.extra": [{ "code": "DW", "name": "单位", "placement": "header" }],\n  "rmrb.dates.earliest": "19490101",\n}\n',
    );
    const r = run(['check', '.'], dir);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(': ')[1]), ['warning date-out-of-range']);
    // A folder's own rmrb.json wins for the files under it.
    writeFileSync(path.join(dir, 'a/rmrb.json'), JSON.stringify({ diagnostics: { severity: { 'unknown-tag': 'error' } } }));
    assert.match(run(['check', 'a'], dir).stdout, /x\.rmrb:3:1: error unknown-tag/);
  });

  it('--config FILE is used for every file; a missing or broken one is a usage error', () => {
    writeFileSync(path.join(dir, 'a.rmrb'), GOOD.replace('20130908', '19470101'));
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ dates: { earliest: '19490101' } }));
    assert.match(run(['check', '--config', 'c.json', 'a.rmrb'], dir).stdout, /date-out-of-range/);
    assert.equal(run(['check', '--config', 'none.json', 'a.rmrb'], dir).status, 2);
    writeFileSync(path.join(dir, 'broken.json'), '{ "dates": ');
    const broken = run(['check', '--config', 'broken.json', 'a.rmrb'], dir);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^rmrb: broken\.json is not a JSON object/);
  });
});
