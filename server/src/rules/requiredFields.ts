// Which of the required fields (rmrb.requiredFields) a record lacks. One field has an
// exception: a picture may have no 正文.
//
// Why: real archives keep pictures as records of their own. In the PLA Daily archive a
// photograph, a drawing or a seal carving is an article with a header and, often, no body at
// all (19951001 0104: BT 伟大祖国欣欣向荣, GJ 照片, TC 照片；图片；图片新闻, nothing after; 19900701
// 0314: GJ 绘画, TC 其他); when the picture has a caption, the caption is its 正文. A
// missing body there is the picture itself, not a defect. An ordinary article that has no
// body (a 通讯 or 短讯 whose text was lost, as some archive entries are) is still reported: a
// corpus user needs to know that the text is not there.
//
// A record is a picture when it says so:
// - a genre in TC (separated by `；`, sometimes run together: 通讯照片；图片；图片新闻) names
//   a kind of picture;
// - a keyword in GJ (separated by `/`, persons after `RW：`) is a kind of picture; GJ's
//   附图片 / 附照片 ("a picture attached") do not count: there the article is text with a
//   picture beside it, and the text is still required;
// - or the headline is only the word for a picture (BT 图片, 照片, 图片新闻), the archive's
//   placeholder title for photographs.

import { defineRule, fieldEn as f, fieldZh as fz } from './rule';

/** What the rule reads of a field: its code and where its value lies. */
interface FieldValue {
  code: string;
  valueStart: number;
  valueEnd: number;
}

/** The kinds of picture real corpora name in TC and GJ. */
const PICTURE_WORDS = ['照片', '图片', '摄影', '绘画', '漫画', '美术', '版画', '木刻', '国画', '油画', '宣传画', '年画', '剪纸', '插图', '连环画', '书法', '篆刻'];
const PICTURE_KEYWORD = new Set([...PICTURE_WORDS, '图片新闻', '新闻图片', '图片照片', '新闻照片', '摄影作品', '美术作品', '书法作品', '篆刻作品']);
const PICTURE_TITLE = new Set(['图片', '照片', '图片新闻', '新闻图片', '新闻照片']);

const valueOf = (text: string, fields: readonly FieldValue[], code: string): string | undefined => {
  const f = fields.find((x) => x.code === code);
  return f && text.slice(f.valueStart, f.valueEnd).trim();
};

/** True when the record is a picture, which may stand without 正文. */
export function isPicture(text: string, fields: readonly FieldValue[]): boolean {
  const tc = valueOf(text, fields, 'TC');
  if (tc && tc.split(/[；;、，,/\s]+/).some((genre) => PICTURE_WORDS.some((w) => genre.includes(w)))) return true;
  const gj = valueOf(text, fields, 'GJ');
  if (gj && gj.split(/RW[：:]/)[0].split(/[/／；;、，,\s]+/).some((k) => PICTURE_KEYWORD.has(k))) return true;
  const bt = valueOf(text, fields, 'BT');
  return bt !== undefined && PICTURE_TITLE.has(bt);
}

/** The required codes the record lacks, in the order of the setting. `seen` holds the codes it has. */
export function missingRequiredFields(required: readonly string[], seen: { has(code: string): boolean }, text: string, fields: readonly FieldValue[]): string[] {
  const missing = required.filter((code) => !seen.has(code));
  if (!missing.includes('ZW') || !isPicture(text, fields)) return missing;
  return missing.filter((code) => code !== 'ZW');
}

export const requiredFields = defineRule({
  id: 'requiredFields',
  diagnostics: {
    'missing-field': {
      severity: 'warning',
      summary: { en: 'A required field is missing (rmrb.requiredFields).', zh: '缺少必备字段（rmrb.requiredFields）。' },
      message: {
        en: (a) => `This record has no ${f(a)} field.`,
        zh: (a) => `本条记录缺少 ${fz(a)} 字段。`,
      },
    },
  },
  checkRecord(r, ctx, out) {
    const fields = r.fields;
    if (fields.length === 0 || ctx.requiredFields.length === 0) return;
    let seen: Set<string> | undefined;
    const has = (code: string) => {
      if (fields.length <= 16) return fields.some((x) => x.code === code);
      return (seen ??= new Set(fields.map((x) => x.code))).has(code);
    };
    if (ctx.requiredFields.every(has)) return;
    for (const code of missingRequiredFields(ctx.requiredFields, { has }, r.text, fields)) {
      const def = ctx.table.get(code);
      out.push({ code: 'missing-field', start: r.headStart, end: r.headEnd, args: def ? { field: def.code, name: def.name } : { field: code, name: '' } });
    }
  },
});
