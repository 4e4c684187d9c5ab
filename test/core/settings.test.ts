// Settings arrive as untrusted JSON: anything unusable falls back to its default, and the
// language service applies what is usable.

import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/languageService';
import { DEFAULT_SETTINGS, DEFAULT_WORKSPACE_SETTINGS, excludedGlobs, normalizeSettings, normalizeWorkspaceSettings } from '../../server/src/settings';
import { diagnose, record, service } from './helpers';

describe('settings', () => {
  describe('normalizeSettings', () => {
    it('nothing, or garbage, gives the defaults', () => {
      for (const raw of [undefined, null, 42, 'x', [], {}, { diagnostics: 5, tags: 'x', dates: [] }]) {
        assert.deepEqual(normalizeSettings(raw), { ...DEFAULT_SETTINGS, severity: {}, extraTags: [], requiredFields: ['RQ', 'BT', 'ZW'] }, JSON.stringify(raw));
      }
    });

    it('the defaults: RQ BT ZW required, the first issue 1946-05-15, no latest date (today), 1000 problems', () => {
      assert.deepEqual(DEFAULT_SETTINGS.requiredFields, ['RQ', 'BT', 'ZW']);
      assert.equal(DEFAULT_SETTINGS.earliestDate, '19460515');
      assert.equal(DEFAULT_SETTINGS.latestDate, '');
      assert.equal(DEFAULT_SETTINGS.maxProblems, 1000);
      assert.ok(Object.isFrozen(DEFAULT_SETTINGS));
    });

    it('severities: known codes and levels only', () => {
      const s = normalizeSettings({
        diagnostics: { severity: { 'stray-text': 'off', 'unknown-tag': 'hint', 'no-such-code': 'error', 'mojibake': 'loud', 'empty-value': 3, 'invalid-date': 'information' } },
      });
      assert.deepEqual(s.severity, { 'stray-text': 'off', 'unknown-tag': 'hint', 'invalid-date': 'information' });
    });

    it('a severity table that is not an object is ignored', () => {
      assert.deepEqual(normalizeSettings({ diagnostics: { severity: ['error'] } }).severity, {});
    });

    it('extra tags: objects with a code and a name; placement checked, inline by default', () => {
      const s = normalizeSettings({
        tags: {
          extra: [
            { code: 'DW', name: '单位', placement: 'header' },
            { code: 'QQ', name: '某某', placement: 'sideways' },
            { code: 'XB', name: '分隔', paired: false },
            { code: 5, name: '数' },
            { name: '无码' },
            'DW',
            null,
          ],
        },
      });
      assert.deepEqual(s.extraTags, [
        { code: 'DW', name: '单位', placement: 'header', paired: true },
        { code: 'QQ', name: '某某', placement: 'inline', paired: true },
        { code: 'XB', name: '分隔', placement: 'inline', paired: false },
      ]);
    });

    it('required fields: two-letter codes, upper-cased; an empty list is allowed', () => {
      assert.deepEqual(normalizeSettings({ requiredFields: ['rq', 'BT', 'ZWX', 7, '', 'zq'] }).requiredFields, ['RQ', 'BT', 'ZQ']);
      assert.deepEqual(normalizeSettings({ requiredFields: [] }).requiredFields, []);
      assert.deepEqual(normalizeSettings({ requiredFields: 'RQ' }).requiredFields, ['RQ', 'BT', 'ZW']);
    });

    it('dates: eight digits or nothing', () => {
      const s = normalizeSettings({ dates: { earliest: '19490101', latest: '20001231' } });
      assert.equal(s.earliestDate, '19490101');
      assert.equal(s.latestDate, '20001231');
      const bad = normalizeSettings({ dates: { earliest: '1949-01-01', latest: 20001231 } });
      assert.equal(bad.earliestDate, '19460515');
      assert.equal(bad.latestDate, '');
      assert.equal(normalizeSettings({ dates: { earliest: '' } }).earliestDate, '19460515');
    });

    it('maxProblems: a non-negative number, floored', () => {
      assert.equal(normalizeSettings({ diagnostics: { maxProblems: 10.7 } }).maxProblems, 10);
      assert.equal(normalizeSettings({ maxProblems: 5 }).maxProblems, 5);
      assert.equal(normalizeSettings({ diagnostics: { maxProblems: 0 } }).maxProblems, 0);
      for (const bad of [-1, NaN, Infinity, '5', null]) assert.equal(normalizeSettings({ diagnostics: { maxProblems: bad } }).maxProblems, 1000, String(bad));
    });

    it('never shares state with the defaults', () => {
      const a = normalizeSettings({});
      a.requiredFields.push('ZQ');
      a.extraTags.push({ code: 'DW', name: '单位' });
      assert.deepEqual(normalizeSettings({}).requiredFields, ['RQ', 'BT', 'ZW']);
      assert.deepEqual(DEFAULT_SETTINGS.requiredFields, ['RQ', 'BT', 'ZW']);
      assert.deepEqual(DEFAULT_SETTINGS.extraTags, []);
    });
  });

  describe('applied by the language service', () => {
    const stray = `${record()}多余\n`;

    it('a severity turned off removes the diagnostic; another level changes its severity', () => {
      assert.deepEqual(diagnose(stray), ['5:0-5:2 stray-text']);
      assert.deepEqual(diagnose(stray, { settings: normalizeSettings({ diagnostics: { severity: { 'stray-text': 'off' } } }) }), []);
      const ls = service(normalizeSettings({ diagnostics: { severity: { 'stray-text': 'error' } } }));
      assert.equal(ls.getDiagnostics(ls.parse(stray), 'en')[0].severity, 1);
    });

    it('configure replaces the settings; a new tag table says documents must be parsed again', () => {
      const ls = service();
      const doc = ls.parse(record({ extra: '〖DW/单位〗本报〖-DW/单位〗' }));
      assert.equal(ls.getDiagnostics(doc, 'en').length, 1);
      assert.equal(ls.configure(normalizeSettings({ tags: { extra: [{ code: 'DW', name: '单位', placement: 'header' }] } })), true);
      assert.equal(ls.settings.extraTags.length, 1);
      const again = ls.parse(doc.text);
      assert.deepEqual(ls.getDiagnostics(again, 'en'), []);
      // The same table again changes nothing that was parsed.
      assert.equal(ls.configure(normalizeSettings({ tags: { extra: [{ code: 'DW', name: '单位', placement: 'header' }] } })), false);
    });

    it('any other setting re-checks a document without parsing it again', () => {
      const ls = service();
      const doc = ls.parse(record({ rq: '19470101' }));
      assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
      assert.equal(ls.configure(normalizeSettings({ dates: { earliest: '19490101' } })), false);
      assert.deepEqual(
        ls.getDiagnostics(doc, 'en').map((d) => d.code),
        ['date-out-of-range'],
      );
      const next = ls.update(doc, [{ start: 0, end: 0, text: '' }]);
      assert.deepEqual(
        ls.getDiagnostics(next, 'en').map((d) => d.code),
        ['date-out-of-range'],
      );
    });

    it('date bounds', () => {
      const text = record({ rq: '20000101' });
      assert.deepEqual(diagnose(text, { settings: { latestDate: '19991231' } }), ['0:7-0:15 date-out-of-range']);
      assert.deepEqual(diagnose(text, { settings: { earliestDate: '20000102' } }), ['0:7-0:15 date-out-of-range']);
      assert.deepEqual(diagnose(text, { settings: { earliestDate: '20000101', latestDate: '20000101' } }), []);
    });

    it('with no latest date, the bound is today and moves with the calendar', () => {
      let today = '20200101';
      const ls = service({}, () => today);
      const text = record({ rq: '20200102' });
      assert.deepEqual(
        ls.getDiagnostics(ls.parse(text), 'en').map((d) => d.code),
        ['date-out-of-range'],
      );
      today = '20200102';
      assert.deepEqual(ls.getDiagnostics(ls.parse(text), 'en'), []);
    });

    it('the real calendar: today is in range, the day after tomorrow is not', () => {
      const ls = createLanguageService();
      const ymd = (d: Date) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
      const now = new Date();
      const today = ymd(now);
      const later = ymd(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2));
      assert.deepEqual(ls.getDiagnostics(ls.parse(record({ rq: today })), 'en'), []);
      assert.deepEqual(
        ls.getDiagnostics(ls.parse(record({ rq: later })), 'en').map((x) => x.code),
        ['date-out-of-range'],
      );
    });

    it('maxProblems caps the diagnostics', () => {
      const text = record({ zw: '〖XX/某〗'.repeat(50) });
      assert.equal(diagnose(text).length, 50);
      assert.equal(diagnose(text, { settings: { maxProblems: 7 } }).length, 7);
      assert.equal(diagnose(text, { settings: { maxProblems: 0 } }).length, 0);
    });

    it('maxProblems counts only diagnostics that are not off', () => {
      const text = `${record({ zw: '〖XX/某〗'.repeat(5) })}多余\n`;
      const got = diagnose(text, { settings: { maxProblems: 1, severity: { 'unknown-tag': 'off' } } });
      assert.deepEqual(got, ['5:0-5:2 stray-text']);
    });
  });

  describe('rmrb.workspace and files.exclude', () => {
    it('reads the workspace settings, falling back to the defaults for anything unusable', () => {
      assert.deepEqual(normalizeWorkspaceSettings(undefined), DEFAULT_WORKSPACE_SETTINGS);
      assert.deepEqual(normalizeWorkspaceSettings({ workspace: { enabled: 'no', include: 'x', exclude: [3, ' drafts/ ', ''], publishClosedFiles: 1 } }), {
        enabled: true,
        include: [],
        exclude: ['drafts/'],
        publishClosedFiles: false,
      });
      assert.equal(normalizeWorkspaceSettings({ workspace: { enabled: false } }).enabled, false);
    });

    it('takes the files.exclude globs set to true, not those with a when clause', () => {
      assert.deepEqual(excludedGlobs({ '**/.git': true, '**/*.js': { when: '$(basename).ts' }, '**/tmp': false }), ['**/.git']);
      assert.deepEqual(excludedGlobs(null), []);
    });
  });
});
