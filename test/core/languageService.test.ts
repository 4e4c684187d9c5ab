// The public door: what a server or a command-line tool sees of the core.

import * as assert from 'node:assert/strict';
import * as api from '../../server/src/languageService';
import { createLanguageService, DEFAULT_SETTINGS, DIAGNOSTIC_CODES, FIX_ALL_KIND, allRules, localeFrom, normalizeSettings } from '../../server/src/languageService';
import { readFixture, record, SAMPLE, service } from './helpers';

describe('languageService', () => {
  it('exports the service and what the server needs', () => {
    assert.equal(typeof createLanguageService, 'function');
    assert.equal(typeof normalizeSettings, 'function');
    assert.equal(typeof localeFrom, 'function');
    assert.ok(DIAGNOSTIC_CODES.length >= 19);
    assert.equal(allRules().length, DIAGNOSTIC_CODES.length);
    assert.equal(FIX_ALL_KIND, 'source.fixAll.rmrb');
    assert.equal(DEFAULT_SETTINGS.maxProblems, 1000);
    assert.deepEqual(Object.keys(api).sort(), ['DEFAULT_SETTINGS', 'DIAGNOSTIC_CODES', 'FIX_ALL_KIND', 'allRules', 'createLanguageService', 'localeFrom', 'normalizeSettings', 'validTagPart'].sort());
  });

  it('works with no options at all', () => {
    const ls = createLanguageService();
    assert.deepEqual(ls.settings.requiredFields, ['RQ', 'BT', 'ZW']);
    const doc = ls.parse(SAMPLE);
    assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
    assert.equal(ls.getDocumentSymbols(doc, 'zh').length, 1);
    assert.ok(ls.getFoldingRanges(doc).length > 0);
  });

  it('does not modify the settings object it is given', () => {
    const settings = normalizeSettings({ requiredFields: ['RQ'] });
    const copy = JSON.parse(JSON.stringify(settings));
    const ls = createLanguageService({ settings });
    ls.getDiagnostics(ls.parse(record() + '多余'), 'en');
    assert.deepEqual(settings, copy);
  });

  it('a document is the parse of one version: updates make new documents, old ones stay as they were', () => {
    const ls = service();
    const v1 = ls.parse(record());
    const v1Text = v1.text;
    const v1Diags = ls.getDiagnostics(v1, 'en');
    const v2 = ls.update(v1, [{ start: 0, end: 0, text: '多余\n' }]);
    assert.notEqual(v2, v1);
    assert.equal(v1.text, v1Text);
    assert.deepEqual(ls.getDiagnostics(v1, 'en'), v1Diags);
    assert.equal(ls.getDiagnostics(v2, 'en').length, 1);
    assert.equal(v2.text, '多余\n' + record());
    assert.equal(v2.length, v2.text.length);
  });

  it('an update with no changes gives the same parse', () => {
    const ls = service();
    const doc = ls.parse(readFixture('multi-record.rmrb'));
    const same = ls.update(doc, []);
    assert.equal(same.text, doc.text);
    assert.deepEqual(same.records, doc.records);
  });

  it('computes each result once per document and locale', () => {
    const ls = service();
    const doc = ls.parse(SAMPLE);
    assert.equal(ls.getDiagnostics(doc, 'en'), ls.getDiagnostics(doc, 'en'));
    assert.equal(ls.getDocumentSymbols(doc, 'zh'), ls.getDocumentSymbols(doc, 'zh'));
    assert.equal(ls.getFoldingRanges(doc, 5), ls.getFoldingRanges(doc, 5));
    assert.notEqual(ls.getFoldingRanges(doc, 5), ls.getFoldingRanges(doc, 6));
    assert.equal(ls.getSymbolEntries(doc, 'file:///a'), ls.getSymbolEntries(doc, 'file:///a'));
    assert.notEqual(ls.getSymbolEntries(doc, 'file:///a'), ls.getSymbolEntries(doc, 'file:///b'));
  });

  it('searches the articles of many documents by the entries it keeps of each', () => {
    const ls = service();
    const entries = [...ls.getSymbolEntries(ls.parse(SAMPLE), 'file:///a'), ...ls.getSymbolEntries(ls.parse(record({ bt: '另一篇' })), 'file:///b')];
    assert.deepEqual(
      ls.searchArticles(entries, '20130908', 'zh').map((s) => s.location.uri),
      ['file:///a', 'file:///b'],
    );
    assert.equal(ls.searchArticles(entries, '', 'en', 1).length, 1);
  });

  it('after configure, features of a document parsed again use the new settings', () => {
    const ls = service();
    const text = `${record()}多余\n`;
    assert.equal(ls.getDiagnostics(ls.parse(text), 'en').length, 1);
    ls.configure(normalizeSettings({ diagnostics: { severity: { 'stray-text': 'off' } } }));
    assert.equal(ls.getDiagnostics(ls.parse(text), 'en').length, 0);
    assert.equal(ls.settings.severity['stray-text'], 'off');
  });

  it('every feature answers on an empty document', () => {
    const ls = service();
    const doc = ls.parse('');
    const origin = { line: 0, character: 0 };
    assert.deepEqual(ls.getDiagnostics(doc, 'en'), []);
    assert.deepEqual(ls.getFoldingRanges(doc), []);
    assert.deepEqual(ls.getDocumentSymbols(doc, 'en'), []);
    assert.deepEqual(ls.getSymbolEntries(doc, 'file:///x'), []);
    assert.deepEqual(ls.searchArticles([], '', 'en'), []);
    assert.equal(ls.getHover(doc, origin, 'en'), null);
    assert.deepEqual(ls.getCompletions(doc, origin, 'en'), []);
    assert.deepEqual(ls.getCodeActions(doc, 'file:///x', { start: origin, end: origin }, 'en'), []);
    assert.deepEqual(ls.getFixAllEdits(doc), []);
    assert.deepEqual(ls.positionAt(doc, 0), origin);
    assert.equal(ls.offsetAt(doc, origin), 0);
    const typed = ls.update(doc, [{ start: 0, end: 0, text: '〖' }]);
    assert.equal(typed.text, '〖');
    assert.ok(ls.getCompletions(typed, { line: 0, character: 1 }, 'en').length > 0);
  });

  it('two services do not share settings', () => {
    const a = service({ requiredFields: [] });
    const b = service();
    const text = '〖BT/标题〗标题〖-BT/标题〗\n';
    assert.equal(a.getDiagnostics(a.parse(text), 'en').length, 0);
    assert.equal(b.getDiagnostics(b.parse(text), 'en').length, 2);
  });
});
