// Mojibake: GB2312/GBK (or UTF-8) text decoded with the wrong encoding (`ÖÐ»ª`, `ä¸­å›½`).

import { detach } from '../text/chars';
import { scanSuspectValues } from '../text/suspectText';
import type { TagDef } from '../tags/tagTable';
import { defineRule, fieldArgs, fieldEn as f, fieldZh as fz, type Finding } from './rule';

/** The finding for mojibake in [start, end) of `text`, in a value of `def`. */
export const mojibakeFinding = (text: string, start: number, end: number, def: TagDef): Finding => ({ code: 'mojibake', start, end, args: { ...fieldArgs(def), value: detach(text.slice(start, end)) } });

export const mojibake = defineRule({
  id: 'mojibake',
  diagnostics: {
    'mojibake': {
      severity: 'warning',
      summary: { en: 'Text looks like GB2312/GBK read with the wrong encoding.', zh: '文字像是以错误编码读取的 GB2312/GBK 乱码。' },
      message: {
        en: (a) => `“${a.value}” in ${f(a)} looks like mojibake: GB2312/GBK text decoded with the wrong encoding. Reopen the file with the GB18030 encoding.`,
        zh: (a) => `${fz(a)} 中的“${a.value}”像是乱码：GB2312/GBK 文本用错误的编码读取。请以 GB18030 编码重新打开文件。`,
      },
    },
  },
  checkRecord(r, _ctx, out) {
    if (!r.suspect) return;
    const { ranges, defs } = r.values();
    const text = r.text;
    scanSuspectValues(text, ranges, defs, { mojibake: (start, end, def) => out.push(mojibakeFinding(text, start, end, def)) }, r.first ? 0 : -1);
  },
});
