// BM 头版 (the front page) names page 1: a record whose BM says 头版 while its BH is another
// page has one of the two wrong, and which one only a person can tell. Real archives write
// BM only on some pages, and 头版 only on page 1 (FORMAT.md), so this never fires on them.

import { skipBlanks, trimBlanksEnd } from '../text/chars';
import { defineRule, type FieldRef } from './rule';

const FRONT_PAGE = new Set(['头版', '第一版', '一版', '要闻头版']);

export const frontPage = defineRule({
  id: 'frontPage',
  diagnostics: {
    'front-page-mismatch': {
      severity: 'warning',
      summary: { en: 'BM names the front page but BH is another page.', zh: 'BM 为“头版”，但 BH 不是第 1 版。' },
      message: {
        en: (a) => `The page name “${a.value}” is the front page’s, but BH says page ${a.other}.`,
        zh: (a) => `版名“${a.value}”是头版，但 BH（版号）为第 ${a.other} 版。`,
      },
    },
  },
  checkRecord(r, _ctx, out) {
    let bm: FieldRef | undefined;
    let bh: FieldRef | undefined;
    for (const f of r.fields) {
      if (f.code === 'BM') bm ??= f;
      else if (f.code === 'BH') bh ??= f;
    }
    if (!bm || !bh) return;
    const text = r.text;
    let s = bm.valueStart;
    let e = bm.valueEnd;
    s = skipBlanks(text, s, e);
    e = trimBlanksEnd(text, s, e);
    const name = text.slice(s, e);
    if (!FRONT_PAGE.has(name)) return;
    const page = text.slice(bh.valueStart, bh.valueEnd).trim();
    // A BH that is not a number is the numbers rule's to report.
    if (!/^\d+$/.test(page) || Number(page) === 1) return;
    out.push({ code: 'front-page-mismatch', start: s, end: e, args: { value: name, other: page } });
  },
});
