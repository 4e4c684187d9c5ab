// Archives of one article per file name each file by its date, page and item
// (`…/19760105/197601050304.TXT`: 1976-01-05, page 03, item 04). A file whose name disagrees
// with its own RQ, BH or TH was misfiled, or its header was mistyped: either way a search by
// file name and a search by field find different articles.

import { formatDate, sameNumber } from '../text/dates';
import type { Finding } from './rule';
import { defineRule } from './rule';

/** `YYYYMMDDPPNN.ext` at the end of a path or URI, and the folder it is in. */
const NAMED = /(?:^|[\\/])(?:(\d{8})[\\/])?((\d{8})(\d{2})(\d{2}))\.[^.\\/]+$/;

export const misfiledArticle = defineRule({
  id: 'misfiledArticle',
  diagnostics: {
    'misfiled-article': {
      severity: 'warning',
      summary: {
        en: 'A file named by date, page and item (YYYYMMDDPPNN) holds an article of another date, page or item.',
        zh: '以日期、版号和条号命名的文件（YYYYMMDDPPNN）中的文章与文件名不符。',
      },
      message: {
        en: (a) =>
          `The ${a.folder ? `folder (${a.folder}) and file name say` : 'file name says'} ${a.fileDate}, page ${a.filePage}, item ${a.fileItem}, but the record's RQ, BH and TH say ${a.date}, page ${a.page}, item ${a.item}: the article is misfiled, or its header is wrong.`,
        zh: (a) =>
          `${a.folder ? `文件夹（${a.folder}）和文件名` : '文件名'}表示 ${a.fileDate} 第${a.filePage}版第${a.fileItem}条，而本记录的 RQ、BH、TH 表示 ${a.date} 第${a.page}版第${a.item}条：文章放错了文件，或记录头有误。`,
      },
    },
  },
  checkDocument({ identities, fileOf }) {
    const out = new Map<number, Finding[]>();
    // Only a file holding one article is named after it: count each file's records first.
    const records = new Map<string, number>();
    identities.forEach((id, i) => {
      const file = id && fileOf(i);
      if (file) records.set(file, (records.get(file) ?? 0) + 1);
    });
    identities.forEach((id, i) => {
      const file = id && fileOf(i);
      if (!id || !file || records.get(file) !== 1) return;
      const m = NAMED.exec(file);
      if (!m) return;
      const [, folder, , date, page, item] = m;
      const folderAgrees = folder === undefined || folder === date;
      if (folderAgrees && date === id.rq && sameNumber(page, id.bh) && sameNumber(item, id.th)) return;
      out.set(i, [
        {
          code: 'misfiled-article',
          start: id.start,
          end: id.end,
          args: {
            folder: folderAgrees ? '' : formatDate(folder),
            fileDate: formatDate(date),
            filePage: number(page),
            fileItem: number(item),
            date: formatDate(id.rq),
            page: number(id.bh),
            item: number(id.th),
          },
        },
      ]);
    });
    return out;
  },
});

/** `03` as `3`; a value that is no number as written (the numbers rule reports it). */
const number = (s: string) => (/^\d+$/.test(s) ? String(Number(s)) : s || '?');
