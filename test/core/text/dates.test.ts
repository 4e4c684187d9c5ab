import * as assert from 'node:assert/strict';
import { formatDate, isRealDay, normalizeDate, sameNumber, todayYYYYMMDD } from '../../../server/src/text/dates';

describe('text/dates', () => {
  describe('isRealDay', () => {
    it('knows month lengths and leap years', () => {
      for (const d of ['20130908', '20000229', '20240229', '19960229', '20131231', '20130131', '20130430']) assert.equal(isRealDay(d), true, d);
      for (const d of ['19930230', '19000229', '21000229', '20230229', '20130431', '20131301', '20130001', '20130100', '20130932']) assert.equal(isRealDay(d), false, d);
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
  });

  describe('sameNumber (pages and items)', () => {
    it('digits of one number are one page, whatever the zeros in front; anything else is no number', () => {
      assert.ok(sameNumber('03', '3'));
      assert.ok(sameNumber('0', '00'));
      assert.ok(sameNumber('123456789012345678901', '0123456789012345678901'), 'no overflow');
      assert.ok(!sameNumber('3', '30'));
      assert.ok(!sameNumber('A1', 'A1'));
      assert.ok(!sameNumber('', ''));
    });
  });
});
