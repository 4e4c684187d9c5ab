// The classification rule: FL is a 中图法 code.

import * as assert from 'node:assert/strict';
import { isClassification } from '../../../server/src/rules/classification';
import { checkOne } from '../helpers';

describe('rules/classification', () => {
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
});
