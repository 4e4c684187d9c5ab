// RQ, the publication date: YYYYMMDD, a real day, between the first issue and today.

import { detach } from '../text/chars';
import { formatDate, isDigits, isRealDay, normalizeDate } from '../text/dates';
import { defineRule, fieldArgs, fieldEn as f, fieldZh as fz, type Args, type CheckContext } from './rule';

/** What is wrong with a date value, if anything. */
export function dateProblem(value: string, limits: Pick<CheckContext, 'earliestDate' | 'latestDate'>): { code: 'invalid-date' | 'date-out-of-range'; args: Args } | undefined {
  if (value.length !== 8 || !isDigits(value)) return { code: 'invalid-date', args: { value: detach(value), reason: 'format' } };
  if (!isRealDay(value)) return { code: 'invalid-date', args: { value, reason: 'day' } };
  if (value < limits.earliestDate) return { code: 'date-out-of-range', args: { value, reason: 'early', limit: formatDate(limits.earliestDate) } };
  if (value > limits.latestDate) return { code: 'date-out-of-range', args: { value, reason: 'late', limit: formatDate(limits.latestDate) } };
  return undefined;
}

export const dates = defineRule({
  id: 'dates',
  diagnostics: {
    'invalid-date': {
      severity: 'error',
      summary: { en: 'RQ is not YYYYMMDD or not a real day.', zh: 'RQ 不是 YYYYMMDD 格式或不是真实存在的日期。' },
      message: {
        en: (a) => (a.reason === 'day' ? `${f(a)} ${a.value} is not a real day.` : `${f(a)} must be a date written YYYYMMDD, not “${a.value}”.`),
        zh: (a) => (a.reason === 'day' ? `${fz(a)} ${a.value} 不是真实存在的日期。` : `${fz(a)} 应为 YYYYMMDD 格式的日期，而不是“${a.value}”。`),
      },
    },
    'date-out-of-range': {
      severity: 'warning',
      summary: { en: 'RQ is before the first issue (1946-05-15) or after today.', zh: 'RQ 早于创刊日（1946-05-15）或晚于今天。' },
      message: {
        en: (a) => (a.reason === 'late' ? `${f(a)} ${a.value} is after ${a.limit}.` : `${f(a)} ${a.value} is before ${a.limit}.`),
        zh: (a) => (a.reason === 'late' ? `${fz(a)} ${a.value} 晚于 ${a.limit}。` : `${fz(a)} ${a.value} 早于 ${a.limit}。`),
      },
    },
  },
  values: ['date'],
  checkValue(v, ctx, out) {
    if (v.blank) return; // empty-value's
    const problem = dateProblem(v.text.slice(v.start, v.end), ctx);
    if (problem) out.push({ code: problem.code, start: v.start, end: v.end, args: { ...fieldArgs(v.def), ...problem.args } });
  },
  fix(p, text) {
    if (p.code !== 'invalid-date') return undefined;
    const date = normalizeDate(text.slice(p.start, p.end));
    if (!date) return undefined;
    return { title: (say) => say.fix.rewriteDate(date), start: p.start, end: p.end, newText: date, safe: true, value: true };
  },
});
