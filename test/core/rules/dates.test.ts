// The dates rule: RQ is YYYYMMDD, a real day, between the first issue and today.

import * as assert from 'node:assert/strict';
import { checkOne, TODAY } from '../helpers';

describe('rules/dates', () => {
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
});
