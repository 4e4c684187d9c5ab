import * as assert from 'node:assert/strict';
import { createTagTable } from '../../../server/src/tags/tagTable';
import type { Problem } from '../../../server/src/types';
import {
  checkCharacters,
  checkValue,
  detach,
  formatDate,
  isClassification,
  isRealDay,
  isSpace,
  normalizeDate,
  todayYYYYMMDD,
} from '../../../server/src/validation/values';
import { TODAY } from '../helpers';

const table = createTagTable();
const limits = { earliestDate: '19460515', latestDate: TODAY };

/** Checks `value` as the value of field `code`; returns `code start-end` strings relative to the value. */
function checkOne(code: string, value: string): string[] {
  const out: Problem[] = [];
  const prefix = '〖X〗';
  const text = prefix + value + '〖-X〗';
  checkValue(table.get(code)!, text, prefix.length, prefix.length + value.length, limits, out, 0, text.length);
  return out.map((p) => `${p.code} ${p.start - prefix.length}-${p.end - prefix.length}`);
}

describe('values', () => {
  describe('isRealDay', () => {
    it('knows month lengths and leap years', () => {
      for (const d of ['20130908', '20000229', '20240229', '19960229', '20131231', '20130131', '20130430']) assert.equal(isRealDay(d), true, d);
      for (const d of ['19930230', '19000229', '21000229', '20230229', '20130431', '20131301', '20130001', '20130100', '20130932']) assert.equal(isRealDay(d), false, d);
    });
  });

  describe('checkValue: dates', () => {
    it('a good date gives nothing', () => assert.deepEqual(checkOne('RQ', '20130908'), []));
    it('spaces around it are not part of it', () => assert.deepEqual(checkOne('RQ', ' 19930230 '), ['invalid-date 1-9']));
    it('not a real day', () => assert.deepEqual(checkOne('RQ', '19930230'), ['invalid-date 0-8']));
    it('not YYYYMMDD', () => assert.deepEqual(checkOne('RQ', '1993-07-13'), ['invalid-date 0-10']));
    it('before the first issue', () => assert.deepEqual(checkOne('RQ', '19460514'), ['date-out-of-range 0-8']));
    it('the first issue and today are in range', () => {
      assert.deepEqual(checkOne('RQ', '19460515'), []);
      assert.deepEqual(checkOne('RQ', TODAY), []);
    });
    it('after today', () => assert.deepEqual(checkOne('RQ', '20250102'), ['date-out-of-range 0-8']));
    it('an invalid day is not also out of range', () => assert.deepEqual(checkOne('RQ', '19450230'), ['invalid-date 0-8']));
    it('empty', () => assert.deepEqual(checkOne('RQ', ''), ['empty-value -3-4']));
  });

  describe('checkValue: numbers', () => {
    it('positive integers', () => {
      assert.deepEqual(checkOne('ZQ', '20330'), []);
      assert.deepEqual(checkOne('TH', '3'), []);
    });
    it('not integers', () => {
      assert.deepEqual(checkOne('ZQ', '2a'), ['invalid-number 0-2']);
      assert.deepEqual(checkOne('TH', '-1'), ['invalid-number 0-2']);
      assert.deepEqual(checkOne('TH', '1.0'), ['invalid-number 0-3']);
    });
    it('zero', () => {
      assert.deepEqual(checkOne('ZQ', '0'), ['zero-number 0-1']);
      assert.deepEqual(checkOne('BH', '000'), ['zero-number 0-3']);
    });
    it('BH digits with leading zeros', () => assert.deepEqual(checkOne('BH', '002'), []));
    it('BH not digits', () => assert.deepEqual(checkOne('BH', '2B'), ['invalid-number 0-2']));
  });

  describe('checkValue: text', () => {
    it('an empty title or body is reported; other text fields are not', () => {
      // An empty value is shown on the whole field, tags included.
      assert.deepEqual(checkOne('BT', ''), ['empty-value -3-4']);
      assert.deepEqual(checkOne('BT', ' 　'), ['empty-value -3-6']);
      assert.deepEqual(checkOne('ZW', '\n\n'), ['empty-value -3-6']);
      assert.deepEqual(checkOne('BT', '〖HH/换行〗'), ['empty-value -3-11']);
      assert.deepEqual(checkOne('YT', ''), []);
      assert.deepEqual(checkOne('FT', ''), []);
      assert.deepEqual(checkOne('ZZ', ''), []);
    });
    it('any non-empty text is fine', () => {
      assert.deepEqual(checkOne('BT', '标题'), []);
      assert.deepEqual(checkOne('BT', '〖JZ/加重〗标题〖-JZ/加重〗'), []);
      assert.deepEqual(checkOne('ZW', '正文'), []);
    });
  });

  describe('isClassification (中图法)', () => {
    it('accepts codes of the main classes with subdivisions and auxiliary tables', () => {
      for (const c of ['D822', 'F125.5', 'TP3', 'TP311.13', 'I247.5', 'K2', 'Z', 'D822;F125.5', 'D822；F125.5', 'D822 F125.5', 'F752.61-53', 'K928.9=6', 'I206.7(2)']) {
        assert.equal(isClassification(c), true, c);
      }
    });
    it('accepts the shapes of the PLA Daily archive: E with a letter of its own, upper- or lowercase', () => {
      for (const c of ['EI279.21', 'EK224.1', 'EJ962.1', 'EQ85', 'EU22', 'EZ', 'T', 'D602.25', 'C923', 'D8152', 'Ej94', 'Ei276', 'Ei279.21']) {
        assert.equal(isClassification(c), true, c);
      }
    });
    it('rejects what is not a code', () => {
      for (const c of ['L123', 'M1', 'W2', 'Y3', '123', 'd822', '中图', 'D8.2.', 'D822X', 'DDD1', 'D822;L1']) assert.equal(isClassification(c), false, c);
    });
    it('a lowercase second letter only before digits: no words, no lowercase runs', () => {
      for (const c of ['Ej', 'No', 'Tea', 'Ejj94', 'EJj94', 'ej94', 'E j94', 'Ej94a', 'Ej.94']) assert.equal(isClassification(c), false, c);
    });
    it('through checkValue, on the value', () => {
      assert.deepEqual(checkOne('FL', 'D822'), []);
      assert.deepEqual(checkOne('FL', 'L123'), ['invalid-classification 0-4']);
      assert.deepEqual(checkOne('FL', 'Ej94'), []);
      assert.deepEqual(checkOne('FL', 'Ej'), ['invalid-classification 0-2']);
    });
  });

  describe('normalizeDate (for the quick fix)', () => {
    it('reads dates written other ways', () => {
      assert.equal(normalizeDate('1993-07-13'), '19930713');
      assert.equal(normalizeDate('1993.7.13'), '19930713');
      assert.equal(normalizeDate('1993/7/3'), '19930703');
      assert.equal(normalizeDate('1993年7月13日'), '19930713');
      assert.equal(normalizeDate(' 1993-07-13 '), '19930713');
    });
    it('refuses what is not a real day or not a date', () => {
      assert.equal(normalizeDate('1993-02-30'), undefined);
      assert.equal(normalizeDate('19930713'), undefined);
      assert.equal(normalizeDate('July 13'), undefined);
      assert.equal(normalizeDate(''), undefined);
    });
  });

  describe('small helpers', () => {
    it('formatDate', () => assert.equal(formatDate('20130908'), '2013-09-08'));
    it('todayYYYYMMDD uses the local calendar day', () => {
      assert.equal(todayYYYYMMDD(new Date(2013, 8, 8, 23, 59)), '20130908');
      assert.equal(todayYYYYMMDD(new Date(999, 0, 1)), '09990101');
      assert.match(todayYYYYMMDD(), /^\d{8}$/);
    });
    it('detach copies and cuts long strings', () => {
      assert.equal(detach('abc'), 'abc');
      const long = 'x'.repeat(100);
      const cut = detach(long);
      assert.equal(cut.length, 40);
      assert.ok(cut.endsWith('…'));
      assert.equal(detach(long, 10).length, 10);
    });
    it('isSpace: ASCII blanks, CR/LF, ideographic space, NBSP', () => {
      for (const c of [' ', '\t', '\r', '\n', '\u3000', '\u00a0']) assert.equal(isSpace(c.charCodeAt(0)), true, JSON.stringify(c));
      for (const c of ['a', '一', '\ufeff', '\u200b']) assert.equal(isSpace(c.charCodeAt(0)), false, JSON.stringify(c));
    });
  });

  describe('checkCharacters', () => {
    const bt = table.get('BT')!;
    const scan = (text: string, skipAt = -1) => {
      const out: Problem[] = [];
      checkCharacters(text, () => bt, out, skipAt);
      return out.map((p) => `${p.code} ${p.start}-${p.end}`);
    };
    it('zero-width, bidi, word joiner, BOM and U+FFFD characters', () => {
      for (const c of ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\ufeff', '\ufffd']) {
        assert.deepEqual(scan(`中${c}国`), ['suspicious-character 1-2'], c.charCodeAt(0).toString(16));
      }
    });
    it('a run is one problem, a BOM at skipAt none', () => {
      assert.deepEqual(scan('中\u200b\u200b\ufffd国'), ['suspicious-character 1-4']);
      assert.deepEqual(scan('\ufeff中', 0), []);
      assert.deepEqual(scan('\ufeff\ufeff中', 0), ['suspicious-character 0-2']);
    });
    it('mojibake: GBK as Latin-1, UTF-8 as Windows-1252', () => {
      assert.deepEqual(scan('ÖÐ»ªÈËÃñ'), ['mojibake 0-8']);
      assert.deepEqual(scan('中国ä¸­å›½中国'), ['mojibake 2-8']);
    });
    it('not mojibake: Chinese punctuation, a lone accented letter, °C and ×', () => {
      assert.deepEqual(scan('“中国”——人民·日报'), []);
      assert.deepEqual(scan('café 25°C 3×4'), []);
    });
    it('outside every value: nothing', () => {
      const out: Problem[] = [];
      checkCharacters('中\u200b国ÖÐ»ª', () => undefined, out);
      assert.deepEqual(out, []);
    });
    it('names the character in the arguments', () => {
      const out: Problem[] = [];
      checkCharacters('中\u200b国', () => bt, out);
      assert.equal(out[0].args.character, 'U+200B');
      assert.equal(out[0].args.field, 'BT');
    });
  });
});
