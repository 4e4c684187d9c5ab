// The values a file uses for BM, TC and LM: what completion offers and the workspace index keeps.

import * as assert from 'node:assert/strict';
import { distinctFieldValues, fieldValueCounts, splitFieldValue } from '../../../server/src/features/fieldValues';
import { service } from '../helpers';

const ls = service();

describe('features/fieldValues', () => {
  const text = [
    '〖RQ/日期〗20130908〖-RQ/日期〗',
    '〖BM/版名〗 要闻 〖-BM/版名〗',
    '〖TC/体裁〗消息〖-TC/体裁〗',
    '〖ZW/正文〗',
    '〖TM/中图〗',
    '〖BH/版号〗01〖-BH/版号〗',
    '〖-TM/中图〗',
    '〖-ZW/正文〗',
    '〖RQ/日期〗20130908〖-RQ/日期〗',
    '〖BM/版名〗要闻〖-BM/版名〗',
    '〖LM/栏目〗〖-LM/栏目〗',
    '〖TC/体裁〗通讯〖HH/换行〗〖-TC/体裁〗',
    '〖ZW/正文〗',
    '〖-ZW/正文〗',
  ].join('\r\n');

  it('counts each record’s own values, trimmed; empty values and values holding markup are none', () => {
    const counts = fieldValueCounts(ls.parse(text));
    assert.deepEqual([...counts.get('BM')!], [['要闻', 2]]);
    assert.deepEqual([...counts.get('TC')!], [['消息', 1]]);
    assert.deepEqual([...counts.get('LM')!], []);
  });

  it('counts a range of records into counts already made, as the workspace index does a big file a slice at a time', () => {
    const doc = ls.parse(text);
    const counts = fieldValueCounts(doc, 0, 1);
    assert.deepEqual([...counts.get('BM')!], [['要闻', 1]]);
    fieldValueCounts(doc, 1, 2, counts);
    assert.deepEqual([...counts.get('BM')!], [['要闻', 2]]);
  });

  it('after an edit, the records it touched are read again, the others as they were', () => {
    const doc = ls.parse(text);
    fieldValueCounts(doc);
    const at = text.lastIndexOf('要闻');
    const edited = ls.update(doc, [{ start: at, end: at + 2, text: '国际' }]);
    assert.deepEqual([...fieldValueCounts(edited).get('BM')!], [['要闻', 1], ['国际', 1]]);
    assert.deepEqual([...fieldValueCounts(doc).get('BM')!], [['要闻', 2]]);
  });

  it('a file’s distinct values, one string each (shared by the files that have it), read back as code and value', () => {
    const values = distinctFieldValues(ls.parse(text));
    assert.deepEqual(values, ['BM要闻', 'TC消息']);
    assert.deepEqual(values.map(splitFieldValue), [
      { code: 'BM', value: '要闻' },
      { code: 'TC', value: '消息' },
    ]);
  });
});
