// Within one newspaper one date has one issue number (ZQ), and it grows with the date.

import type { Finding } from './rule';
import { lowerBound } from '../text/search';
import { formatDate } from '../text/dates';
import { defineRule, fieldEn as f, fieldZh as fz, otherFile, type Args } from './rule';

/** `line 12`, or `other.TXT, line 12` when the other record is in another file. */
const where = (a: Args) => (a.file ? `${a.file}, line ${a.line}` : `line ${a.line}`);
const whereZh = (a: Args) => (a.file ? `${a.file} 第 ${a.line} 行` : `第 ${a.line} 行`);

export const issueNumbers = defineRule({
  id: 'issueNumbers',
  diagnostics: {
    'inconsistent-issue-number': {
      severity: 'warning',
      summary: { en: 'ZQ disagrees with another record: one date has one issue number, and it grows with the date.', zh: 'ZQ 与其他记录矛盾：同一日期只有一个总期号，且总期号随日期递增。' },
      message: {
        en: (a) =>
          a.reason === 'same-date'
            ? `${f(a)} ${a.value} differs from ${a.other}, given for the same date ${a.date} on ${where(a)}.`
            : `${f(a)} ${a.value} on ${a.date} does not grow with the date: ${a.otherDate} (${where(a)}) has ${a.other}.`,
        zh: (a) =>
          a.reason === 'same-date'
            ? `${fz(a)} ${a.value} 与${whereZh(a)}同一日期 ${a.date} 的 ${a.other} 不同。`
            : `${fz(a)} ${a.value}（${a.date}）没有随日期递增：${whereZh(a)} ${a.otherDate} 的总期为 ${a.other}。`,
      },
      related: { en: 'The issue number it disagrees with.', zh: '与之矛盾的总期号。' },
    },
  },
  checkDocument({ identities, lineOf, fileOf }) {
    const out = new Map<number, Finding[]>();
    const add = (i: number, p: Finding) => {
      const list = out.get(i);
      if (list) list.push(p);
      else out.set(i, [p]);
    };
    // Each date's records by issue number. The date's issue number is the one most of its
    // records give (on a tie, the one that fits between the dates around it): one mistyped ZQ
    // is then the one warned, even when it stands first.
    const byDate = new Map<string, Map<number, number[]>>();
    identities.forEach((id, i) => {
      if (!id || !id.zq) return;
      let values = byDate.get(id.rq);
      if (!values) byDate.set(id.rq, (values = new Map()));
      const n = Number(id.zq);
      const list = values.get(n);
      if (list) list.push(i);
      else values.set(n, [i]);
    });
    const days = [...byDate.keys()].sort();
    const most = (values: Map<number, number[]>) => {
      let top = 0;
      for (const list of values.values()) top = Math.max(top, list.length);
      return [...values].filter(([, list]) => list.length === top);
    };
    const plain = days.map((day) => most(byDate.get(day)!)[0][0]);
    /** Per date, the first record giving the date's issue number. */
    const issueOfDate = new Map<string, number>();
    days.forEach((day, d) => {
      const tied = most(byDate.get(day)!);
      const before = d > 0 ? plain[d - 1] : -Infinity;
      const after = d + 1 < days.length ? plain[d + 1] : Infinity;
      const [value, list] = tied.find(([v]) => before < v && v < after) ?? tied.reduce((a, b) => (a[1][0] < b[1][0] ? a : b));
      issueOfDate.set(day, list[0]);
      const ref = identities[list[0]]!;
      for (const [v, others] of byDate.get(day)!) {
        if (v === value) continue;
        for (const i of others) {
          const id = identities[i]!;
          add(i, {
            code: 'inconsistent-issue-number',
            start: id.zqStart,
            end: id.zqEnd,
            args: { field: 'ZQ', name: '总期', reason: 'same-date', value: id.zq, other: ref.zq, date: formatDate(id.rq), line: String(lineOf(list[0], ref.zqStart)), file: otherFile(fileOf, i, list[0]) },
            related: { record: list[0], start: ref.zqStart, end: ref.zqEnd },
          });
        }
      }
    });

    // Dates in order should have growing issue numbers. The longest run that does grow is taken
    // as right, so one mistyped ZQ gives one warning, not one for every later date.
    const dates = [...issueOfDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);
    const zq = dates.map((i) => Number(identities[i]!.zq));
    const keep = longestIncreasing(zq);
    const kept = [...keep].sort((x, y) => x - y);
    for (let k = 0; k < dates.length; k++) {
      if (keep.has(k)) continue;
      // Cite the nearest kept date that really disagrees: an earlier one with an issue number
      // as large, or a later one with one as small.
      const at = lowerBound(kept, k);
      const before = at > 0 ? kept[at - 1] : -1;
      const after = at < kept.length ? kept[at] : -1;
      const ref = before >= 0 && zq[before] >= zq[k] ? before : after >= 0 && zq[after] <= zq[k] ? after : -1;
      if (ref < 0) continue;
      const i = dates[k];
      const id = identities[i]!;
      const other = identities[dates[ref]]!;
      add(i, {
        code: 'inconsistent-issue-number',
        start: id.zqStart,
        end: id.zqEnd,
        args: { field: 'ZQ', name: '总期', reason: 'order', value: id.zq, date: formatDate(id.rq), other: other.zq, otherDate: formatDate(other.rq), line: String(lineOf(dates[ref], other.zqStart)), file: otherFile(fileOf, i, dates[ref]) },
        related: { record: dates[ref], start: other.zqStart, end: other.zqEnd },
      });
    }
    return out;
  },
});

/** Indices of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(xs: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}
