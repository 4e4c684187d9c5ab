// The empty-values rule: a title, a body, a date or a number with no value.

import * as assert from 'node:assert/strict';
import { checkOne } from '../helpers';

describe('rules/emptyValues', () => {
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
});
