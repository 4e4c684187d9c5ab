// The numbers rule: ZQ and TH positive integers, BH digits, none zero.

import * as assert from 'node:assert/strict';
import { checkOne } from '../helpers';

describe('rules/numbers', () => {
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
});
