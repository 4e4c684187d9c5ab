// Invisible characters in a value (zero-width spaces and joiners, bidi marks, a BOM inside
// the text) and U+FFFD: the marks of a broken decode or a copy-paste. A fix removes an
// invisible character; U+FFFD is left to a person, since what it replaced is lost.

import type { TagDef } from '../tags/tagTable';
import { scanSuspectValues } from '../text/suspectText';
import { defineRule, fieldArgs, fieldEn as f, fieldZh as fz, type Args, type Finding } from './rule';

const CHARACTER_NAMES: Record<number, [string, string]> = {
  0x200b: ['ZERO WIDTH SPACE', '零宽空格'],
  0x200c: ['ZERO WIDTH NON-JOINER', '零宽不连字'],
  0x200d: ['ZERO WIDTH JOINER', '零宽连字'],
  0x200e: ['LEFT-TO-RIGHT MARK', '左至右标记'],
  0x200f: ['RIGHT-TO-LEFT MARK', '右至左标记'],
  0x2060: ['WORD JOINER', '连词符'],
  0xfeff: ['ZERO WIDTH NO-BREAK SPACE (BOM)', '零宽不换行空格（BOM）'],
  0xfffd: ['REPLACEMENT CHARACTER', '替换字符'],
};

function describeCharacter(c: number): Record<string, string> {
  const names = CHARACTER_NAMES[c];
  return { character: 'U+' + c.toString(16).toUpperCase().padStart(4, '0'), characterEn: names?.[0] ?? '', characterZh: names?.[1] ?? '' };
}

// A value full of one invisible character gives as many problems with the same arguments:
// they are made once per field and character.
const suspiciousArgs = new WeakMap<TagDef, Map<number, Args>>();
function suspiciousArgsOf(def: TagDef, c: number): Args {
  let byChar = suspiciousArgs.get(def);
  if (!byChar) suspiciousArgs.set(def, (byChar = new Map()));
  let args = byChar.get(c);
  if (!args) byChar.set(c, (args = { ...fieldArgs(def), ...describeCharacter(c) }));
  return args;
}


/** The finding for a run of invisible characters [start, end), the first `c`, in a value of `def`. */
export const suspiciousCharacter = (start: number, end: number, c: number, def: TagDef): Finding => ({ code: 'suspicious-character', start, end, args: suspiciousArgsOf(def, c) });

export const characters = defineRule({
  id: 'characters',
  diagnostics: {
    'suspicious-character': {
      severity: 'warning',
      summary: { en: 'A zero-width or replacement character (U+FFFD): the mark of a broken decode.', zh: '零宽字符或替换字符（U+FFFD）：解码出错的迹象。' },
      message: {
        en: (a) => `${a.character}${a.characterEn ? ` ${a.characterEn}` : ''} in ${f(a)}: the mark of a broken decode or a copy-paste artefact.`,
        zh: (a) => `${fz(a)} 中有${a.characterZh ? a.characterZh : '字符'} ${a.character}：解码出错或复制粘贴留下的痕迹。`,
      },
    },
  },
  checkRecord(r, _ctx, out) {
    if (!r.suspect) return;
    const { ranges, defs } = r.values();
    scanSuspectValues(r.text, ranges, defs, { invisible: (start, end, c, def) => out.push(suspiciousCharacter(start, end, c, def)) }, r.first ? 0 : -1);
  },
  fix(p, text) {
    if (text.slice(p.start, p.end).includes('\uFFFD')) return undefined; // what it replaced is lost; a person must decide
    return { title: (say) => say.fix.remove(p.args.character), start: p.start, end: p.end, newText: '', safe: true };
  },
});
