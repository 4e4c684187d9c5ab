// Two records with the same date, page and item (RQ, BH, TH) are one article entered twice.

import type { Finding } from './rule';
import { formatDate } from '../text/dates';
import { defineRule, otherFile } from './rule';

export const duplicateArticles = defineRule({
  id: 'duplicateArticles',
  diagnostics: {
    'duplicate-article': {
      severity: 'warning',
      summary: { en: 'Two records have the same date, page and item (RQ, BH, TH).', zh: '两条记录的日期、版号和条号（RQ、BH、TH）相同。' },
      message: {
        en: (a) => `Another record (${a.file ? `${a.file}, ` : ''}line ${a.line}) has the same date, page and item: ${a.id}.`,
        zh: (a) => `另一条记录（${a.file ? `${a.file} ` : ''}第 ${a.line} 行）的日期、版号和条号相同：${a.id}。`,
      },
      related: { en: 'The same article, entered first here.', zh: '同一篇文章，首次录入于此。' },
    },
  },
  checkDocument({ identities, lineOf, fileOf }) {
    const out = new Map<number, Finding[]>();
    // Articles by date, then by page and item compared as numbers (`01` is page 1): a key per
    // record built as a string cost more than all the other checks of a corpus of tiny records.
    const articles = new Map<string, Map<number | string, number>>();
    identities.forEach((id, i) => {
      if (!id || !id.bh || !id.th) return;
      let onDate = articles.get(id.rq);
      if (!onDate) articles.set(id.rq, (onDate = new Map()));
      const key = pageItemKey(id.bh, id.th);
      const first = onDate.get(key);
      if (first === undefined) onDate.set(key, i);
      else {
        const other = identities[first]!;
        out.set(i, [
          {
            code: 'duplicate-article',
            start: id.start,
            end: id.end,
            args: { line: String(lineOf(first, other.start)), file: otherFile(fileOf, i, first), id: `${formatDate(id.rq)} · 第${id.bh}版 · 第${id.th}条` },
            related: { record: first, start: other.start, end: other.end },
          },
        ]);
      }
    });
    return out;
  },
});

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
 * One key per page and item, equal exactly when both are the same number (`01` is page 1):
 * small whole numbers pack into one number. A page or item that is no number (`A1`, which
 * the numbers rule reports) is compared as written, so `A1` and `B1` stay two pages.
 */
function pageItemKey(bhText: string, thText: string): number | string {
  const bh = toNumber(bhText);
  const th = toNumber(thText);
  if (Number.isInteger(bh) && Number.isInteger(th) && bh >= 0 && bh < 0x10000 && th >= 0 && th < 0x10000) return bh * 0x10000 + th;
  return `${Number.isNaN(bh) ? bhText : bh}|${Number.isNaN(th) ? thText : th}`;
}
