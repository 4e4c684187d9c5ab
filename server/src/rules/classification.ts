// FL, the Chinese Library Classification (中图法) code.

import { detach } from '../text/chars';
import { defineRule, fieldArgs, fieldEn as f, fieldZh as fz } from './rule';

// 中图法 main classes: A–K, N–V, X, Z (there are no L, M, W, Y). A code is the class letter,
// a second letter for T's subclasses and the like, digits with optional `.digits`, and the
// auxiliary-table suffixes `-53`, `=6`, `(2)`. Several codes may stand in one field.
// PLA Daily (解放军报) files subdivide E (军事) with a second letter of their own: `EI279.21`,
// `EK224.1`, `EQ85`, `EZ`; older ones write that letter lowercase, always followed by
// digits (`Ej94`, `Ei276`), so a lowercase second letter is accepted only there. Plain
// `D8152` is a class letter and digits. Still rejected: a lowercase class letter (`d822`),
// a lowercase letter with no digits after it (`Ej`), three letters, letters after digits.
const CLASSIFICATION = /^[A-KN-VXZ](?:[A-Z]|[a-z](?=\d))?(?:\d+(?:\.\d+)*)?(?:-\d+(?:\.\d+)*|=\d+(?:\.\d+)*|\(\d+(?:\.\d+)*\))*$/;

export function isClassification(value: string): boolean {
  return value.split(/[;；,，、\s]+/).every((part) => part.length === 0 || CLASSIFICATION.test(part));
}

export const classification = defineRule({
  id: 'classification',
  diagnostics: {
    'invalid-classification': {
      severity: 'warning',
      summary: { en: 'FL is not a Chinese Library Classification code.', zh: 'FL 不是中图法分类号。' },
      message: {
        en: (a) => `${f(a)} “${a.value}” is not a Chinese Library Classification code (such as D822 or F125.5).`,
        zh: (a) => `${fz(a)}“${a.value}”不是中图法分类号（如 D822、F125.5）。`,
      },
    },
  },
  values: ['classification'],
  checkValue(v, _ctx, out) {
    if (v.blank) return;
    const value = v.text.slice(v.start, v.end);
    if (!isClassification(value)) out.push({ code: 'invalid-classification', start: v.start, end: v.end, args: { ...fieldArgs(v.def), value: detach(value) } });
  },
});
