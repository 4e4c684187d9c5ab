// Walks the catalogue: every code has a summary and a message in English and Chinese, the
// Chinese ones are Chinese and the English ones are not, and no two codes read the same.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules, DIAGNOSTIC_CODES, formatMessage, getRule, localeFrom, type DiagnosticCode } from '../../../server/src/diagnostics/catalogue';

const HAN = /\p{Script=Han}/u;
/** Examples of tags (〖RQ/总期〗) are data, not language: left out when checking the English. */
const withoutTags = (s: string) => s.replace(/〖[^〖〗]*〗/g, '');

/** Every argument any message reads, with placeholder values, and each switch both ways. */
const FULL: Record<string, string> = {
  field: 'XX', name: 'NAME', tag: 'TAG', inner: 'INNER', expected: 'EXPECTED', outer: 'OUTER', written: 'WRITTEN', other: 'OTHER',
  value: 'VALUE', limit: 'LIMIT', kind: 'integer', reason: 'format', faults: 'code-odd separator-wrong', rawCode: 'CODE', separator: ';', where: 'line', next: '',
  character: 'U+200B', characterEn: 'ZERO WIDTH SPACE', characterZh: 'ZWSP', line: '12', id: 'ID', date: 'DATE', otherDate: 'OTHERDATE',
  file: 'FILE', folder: 'FOLDER', fileDate: 'FILEDATE', filePage: '3', fileItem: '4', page: '5', item: '6',
};
const ASCII_ARGS: Array<Record<string, string>> = [
  FULL,
  { ...FULL, name: '', next: 'next', reason: 'day', kind: 'digits', where: '', other: '', characterEn: '', characterZh: '', file: '', folder: '' },
  { ...FULL, closeName: '12' },
  { ...FULL, closeName: '12', other: '' },
  { ...FULL, reason: 'early' },
  { ...FULL, reason: 'late' },
  { ...FULL, reason: 'same-date' },
  { ...FULL, reason: 'order' },
];

describe('catalogue', () => {
  // Codes are what users' settings name: none is ever renamed or dropped. A new rule adds its own.
  it('lists the codes of the format', () => {
    const expected = [
      'unclosed-field', 'unmatched-closing-tag', 'mismatched-closing-tag', 'wrong-field-name', 'crossing-tags', 'malformed-tag',
      'nested-header-field', 'invalid-date', 'date-out-of-range', 'invalid-number', 'zero-number', 'invalid-classification',
      'empty-value', 'duplicate-field', 'missing-field', 'mojibake', 'suspicious-character', 'stray-text', 'unknown-tag',
      // Checks across records.
      'duplicate-article', 'inconsistent-issue-number',
    ];
    for (const code of expected) assert.ok(DIAGNOSTIC_CODES.includes(code as DiagnosticCode), code);
    assert.equal(new Set(DIAGNOSTIC_CODES).size, DIAGNOSTIC_CODES.length);
  });

  it('default severities: invalid dates are errors, dates out of range warnings', () => {
    assert.equal(getRule('invalid-date').severity, 'error');
    assert.equal(getRule('date-out-of-range').severity, 'warning');
    for (const code of ['unclosed-field', 'unmatched-closing-tag', 'mismatched-closing-tag', 'crossing-tags', 'malformed-tag'] as DiagnosticCode[]) {
      assert.equal(getRule(code).severity, 'error', code);
    }
    for (const rule of allRules()) assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.severity), rule.code);
  });

  it('allRules and getRule agree, and each rule carries its code', () => {
    const rules = allRules();
    assert.deepEqual(
      rules.map((r) => r.code),
      DIAGNOSTIC_CODES,
    );
    for (const r of rules) assert.equal(getRule(r.code as DiagnosticCode).code, r.code);
  });

  for (const code of DIAGNOSTIC_CODES) {
    describe(code, () => {
      const rule = getRule(code);

      it('has a non-empty summary in both languages; the Chinese one is Chinese, the English one is not', () => {
        assert.ok(rule.summary.en.trim().length > 10);
        assert.ok(rule.summary.zh.trim().length > 3);
        assert.ok(HAN.test(rule.summary.zh), rule.summary.zh);
        assert.ok(!HAN.test(withoutTags(rule.summary.en)), rule.summary.en);
        assert.notEqual(rule.summary.en, rule.summary.zh);
      });

      it('has a non-empty message in both languages for every argument set; Chinese in Chinese, English without CJK', () => {
        for (const args of ASCII_ARGS) {
          const en = formatMessage(code, args, 'en');
          const zh = formatMessage(code, args, 'zh');
          assert.ok(en.trim().length > 5, `${code} en ${JSON.stringify(args)}`);
          assert.ok(zh.trim().length > 3, `${code} zh ${JSON.stringify(args)}`);
          assert.ok(HAN.test(zh), `${code} zh: ${zh}`);
          assert.ok(!HAN.test(en), `${code} en: ${en}`);
          assert.ok(!/undefined|null|NaN|\[object/.test(en + zh), `${code}: ${en} / ${zh}`);
        }
      });

      it('messages and summaries end as sentences', () => {
        assert.match(rule.summary.en, /[.)]$/);
        assert.match(rule.summary.zh, /[。）]$/);
        assert.match(formatMessage(code, FULL, 'en'), /[.)]$/);
        assert.match(formatMessage(code, FULL, 'zh'), /[。）]$/);
      });
    });
  }

  it('no two codes share a message or a summary', () => {
    for (const locale of ['en', 'zh'] as const) {
      for (const args of ASCII_ARGS) {
        const seen = new Map<string, string>();
        for (const code of DIAGNOSTIC_CODES) {
          const m = formatMessage(code, args, locale);
          assert.ok(!seen.has(m), `${code} and ${seen.get(m)} share the message "${m}"`);
          seen.set(m, code);
        }
      }
      const summaries = allRules().map((r) => r.summary[locale]);
      assert.equal(new Set(summaries).size, summaries.length, `${locale} summaries`);
    }
  });

  it('messages use the arguments they are given', () => {
    const en = formatMessage('invalid-date', { field: 'RQ', name: '日期', value: '19930230', reason: 'day' }, 'en');
    assert.match(en, /RQ \(日期\)/);
    assert.match(en, /19930230/);
    const zh = formatMessage('invalid-date', { field: 'RQ', name: '日期', value: '1993-07-13', reason: 'format' }, 'zh');
    assert.match(zh, /RQ（日期）/);
    assert.match(zh, /1993-07-13/);
  });

  it('localeFrom reads BCP 47 tags', () => {
    for (const tag of ['zh', 'zh-cn', 'zh-CN', 'zh-Hans', 'zh-tw', 'ZH']) assert.equal(localeFrom(tag), 'zh', tag);
    for (const tag of ['en', 'en-US', 'de', 'ja', '', undefined]) assert.equal(localeFrom(tag), 'en', String(tag));
  });

  // What users read about the rules outside the code: the severity setting's schema (which
  // VS Code completes and checks in settings.json) and the README's table. Adding a rule
  // without them, or changing a default severity, fails here.
  describe('the manifest and the README agree with the catalogue', () => {
    const ROOT = path.join(__dirname, '..', '..', '..');

    it('package.json offers a severity setting for every code, and no other', () => {
      const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const schema = manifest.contributes.configuration.properties['rmrb.diagnostics.severity'];
      assert.deepEqual(Object.keys(schema.properties), DIAGNOSTIC_CODES);
      for (const code of DIAGNOSTIC_CODES) assert.deepEqual(schema.properties[code].enum, ['error', 'warning', 'information', 'hint', 'off'], code);
      assert.equal(schema.additionalProperties, false);
    });

    it('the README lists every code with its default severity, in the catalogue’s order', () => {
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (Error|Warning|Information|Hint) \|/gm)].map((m) => `${m[1]} ${m[2].toLowerCase()}`);
      assert.deepEqual(rows, allRules().map((r) => `${r.code} ${r.severity}`));
    });
  });
});
