// A field's value as the outline shows it: the markup the parse found is dropped, the words kept.

import * as assert from 'node:assert/strict';
import { findField, valueText } from '../../../server/src/features/fieldText';
import { normalizeSettings } from '../../../server/src/settings';
import { record, service } from '../helpers';

function title(bt: string, settings = {}): string {
  const ls = service(normalizeSettings(settings));
  const doc = ls.parse(record({ bt }));
  return valueText(doc, 0, findField(doc.records[0].fields, 'BT')!, 80);
}

describe('features/fieldText', () => {
  it('a plain value is itself', () => assert.equal(title('中华人民共和国'), '中华人民共和国'));

  it('inline markup is dropped, the words kept', () => {
    assert.equal(title('〖JZ/加重〗中华〖-JZ/加重〗人民'), '中华 人民');
    assert.equal(title('中华〖HH/换行〗人民'), '中华 人民');
  });

  it('a user’s own standalone tag is markup too', () => {
    assert.equal(title('中华〖FH/分行〗人民', { tags: { extra: [{ code: 'FH', name: '分行', placement: 'inline', paired: false }] } }), '中华 人民');
  });

  it('an unknown or broken tag is markup, not a word', () => {
    assert.equal(title('中华〖XX/某某〗人民'), '中华 人民');
    assert.equal(title('中华〖JZ；人民〖-JZ/加重〗'), '中华 人民');
  });

  it('blanks collapse, and a long value is cut with an ellipsis', () => {
    assert.equal(title('  中华　　人民  '), '中华 人民');
    const long = '字'.repeat(100);
    const shown = title(long);
    assert.equal(shown.length, 80);
    assert.ok(shown.endsWith('…'));
  });
});
