// Checks that compare records: an article is identified by (RQ, BH, TH), and within one
// newspaper one date has one issue number (ZQ), which grows with the date.

import type { Problem, RecordIdentity } from '../types';
import { lowerBound } from '../text/search';
import { formatDate } from './values';

/** Problems per record index. `lineOf(i, rel)` gives the 1-based line of an offset in record i. */
export function checkAcrossRecords(
  identities: ReadonlyArray<RecordIdentity | undefined>,
  lineOf: (i: number, rel: number) => number,
): Map<number, Problem[]> {
  const out = new Map<number, Problem[]>();
  const add = (i: number, p: Problem) => {
    const list = out.get(i);
    if (list) list.push(p);
    else out.set(i, [p]);
  };

  // Articles by date, then by page and item compared as numbers (`01` is page 1): a key per
  // record built as a string cost more than all the other checks of a corpus of tiny records.
  const articles = new Map<string, Map<number | string, number>>();
  const issueOfDate = new Map<string, number>();
  identities.forEach((id, i) => {
    if (!id) return;
    if (id.bh && id.th) {
      let onDate = articles.get(id.rq);
      if (!onDate) articles.set(id.rq, (onDate = new Map()));
      const key = pageItemKey(toNumber(id.bh), toNumber(id.th));
      const first = onDate.get(key);
      if (first === undefined) onDate.set(key, i);
      else
        add(i, {
          code: 'duplicate-article',
          start: id.start,
          end: id.end,
          args: { line: String(lineOf(first, identities[first]!.start)), id: `${formatDate(id.rq)} · 第${id.bh}版 · 第${id.th}条` },
        });
    }
    if (!id.zq) return;
    const first = issueOfDate.get(id.rq);
    if (first === undefined) issueOfDate.set(id.rq, i);
    else if (Number(identities[first]!.zq) !== Number(id.zq)) {
      add(i, {
        code: 'inconsistent-issue-number',
        start: id.zqStart,
        end: id.zqEnd,
        args: { field: 'ZQ', name: '总期', reason: 'same-date', value: id.zq, other: identities[first]!.zq, date: formatDate(id.rq), line: String(lineOf(first, identities[first]!.zqStart)) },
      });
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
      args: { field: 'ZQ', name: '总期', reason: 'order', value: id.zq, date: formatDate(id.rq), other: other.zq, otherDate: formatDate(other.rq), line: String(lineOf(dates[ref], other.zqStart)) },
    });
  }
  return out;
}

/** Number(s), reading a short string of digits (nearly every BH and TH) by hand. */
function toNumber(s: string): number {
  if (s.length === 0 || s.length > 9) return Number(s);
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const d = s.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9) return Number(s);
    n = n * 10 + d;
  }
  return n;
}

/**
 * One key per page and item, equal exactly when both numbers are (NaN equal to NaN, as when
 * they were written into a string): small whole numbers pack into one number, others are
 * spelled out.
 */
function pageItemKey(bh: number, th: number): number | string {
  return Number.isInteger(bh) && Number.isInteger(th) && bh >= 0 && bh < 0x10000 && th >= 0 && th < 0x10000 ? bh * 0x10000 + th : `${bh}|${th}`;
}

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
