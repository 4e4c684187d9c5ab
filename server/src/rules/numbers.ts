// ZQ and TH are positive integers, BH digits (`01` is page 1); numbering starts at 1.

import { detach } from '../text/chars';
import { isDigits } from '../text/dates';
import { defineRule, fieldArgs, fieldEn as f, fieldZh as fz } from './rule';

function isZeros(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== 0x30) return false;
  return s.length > 0;
}

export const numbers = defineRule({
  id: 'numbers',
  diagnostics: {
    'invalid-number': {
      severity: 'error',
      summary: { en: 'ZQ or TH is not a positive integer, or BH is not digits.', zh: 'ZQ、TH 不是正整数，或 BH 不是数字。' },
      message: {
        en: (a) => `${f(a)} must be ${a.kind === 'digits' ? 'digits' : 'a positive integer'}, not “${a.value}”.`,
        zh: (a) => `${fz(a)} 应为${a.kind === 'digits' ? '数字' : '正整数'}，而不是“${a.value}”。`,
      },
    },
    'zero-number': {
      severity: 'warning',
      summary: { en: 'ZQ, BH or TH is zero.', zh: 'ZQ、BH 或 TH 为零。' },
      message: {
        en: (a) => `${f(a)} is zero; numbering starts at 1.`,
        zh: (a) => `${fz(a)} 为零；编号从 1 开始。`,
      },
    },
  },
  values: ['integer', 'digits'],
  checkValue(v, _ctx, out) {
    if (v.blank) return;
    const value = v.text.slice(v.start, v.end);
    if (!isDigits(value)) out.push({ code: 'invalid-number', start: v.start, end: v.end, args: { ...fieldArgs(v.def), value: detach(value), kind: v.def.value } });
    else if (isZeros(value)) out.push({ code: 'zero-number', start: v.start, end: v.end, args: { ...fieldArgs(v.def), value } });
  },
});
