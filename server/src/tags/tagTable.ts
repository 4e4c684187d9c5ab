// The tags a corpus may use. Databases differ in which inline tags pair up, and some add
// fields of their own, so the table is built from defaults plus the user's extra tags. What
// each tag is for, in each language, is said by the catalogues in messages/.

import { tagDescription } from '../messages/strings';

/** Where a tag may stand: a one-line header field, the many-line body, or inside a value. */
export type Placement = 'header' | 'body' | 'inline';

/** What a field's value must look like. */
export type ValueKind = 'integer' | 'digits' | 'date' | 'classification' | 'text';

export interface TagDef {
  code: string;
  name: string;
  placement: Placement;
  /** False for tags that stand alone, such as 〖HH/换行〗. Header and body fields always pair. */
  paired: boolean;
  value: ValueKind;
  /**
   * The tag's part in a block inside 正文 (a picture in PLA Daily files of 2012 on, see
   * ARCHITECTURE.md, "Error recovery"): `opens` for 〖TM/中图〗, which alone on its line opens
   * the block; `field` for 〖WJ/文件〗, one of the block's fields. Elsewhere both are inline tags.
   */
  block?: 'opens' | 'field';
  /** What the tag is for, from the catalogues: `tagDescription(locale, code)` says the same. */
  en: string;
  zh: string;
}

export interface ExtraTag {
  code: string;
  name: string;
  placement?: Placement;
  paired?: boolean;
}

/** The built-in tags' codes: every catalogue in messages/ describes each of them. */
export type BuiltInTagCode = 'ZQ' | 'RQ' | 'BH' | 'TH' | 'YT' | 'BT' | 'FT' | 'ZZ' | 'FL' | 'LM' | 'BM' | 'GJ' | 'TC' | 'ZW' | 'HH' | 'JZ' | 'ZI' | 'TM' | 'WJ';

const BUILT_IN: ReadonlyArray<Omit<TagDef, 'en' | 'zh'> & { code: BuiltInTagCode }> = [
  { code: 'ZQ', name: '总期', placement: 'header', paired: true, value: 'integer' },
  { code: 'RQ', name: '日期', placement: 'header', paired: true, value: 'date' },
  { code: 'BH', name: '版号', placement: 'header', paired: true, value: 'digits' },
  { code: 'TH', name: '条号', placement: 'header', paired: true, value: 'integer' },
  { code: 'YT', name: '引题', placement: 'header', paired: true, value: 'text' },
  { code: 'BT', name: '标题', placement: 'header', paired: true, value: 'text' },
  { code: 'FT', name: '副题', placement: 'header', paired: true, value: 'text' },
  { code: 'ZZ', name: '作者', placement: 'header', paired: true, value: 'text' },
  { code: 'FL', name: '分类', placement: 'header', paired: true, value: 'classification' },
  // LM and GJ: PLA Daily (解放军报) archives write them in the header, LM in about a quarter of
  // the files, GJ in nearly every file before 2000 and in some after
  // (`〖GJ/关键〗贺电RW：毛泽东/朱德/周恩来〖-GJ/关键〗`: keywords, then RW：person/role).
  { code: 'LM', name: '栏目', placement: 'header', paired: true, value: 'text' },
  { code: 'BM', name: '版名', placement: 'header', paired: true, value: 'text' },
  { code: 'GJ', name: '关键', placement: 'header', paired: true, value: 'text' },
  { code: 'TC', name: '体裁', placement: 'header', paired: true, value: 'text' },
  { code: 'ZW', name: '正文', placement: 'body', paired: true, value: 'text' },
  { code: 'HH', name: '换行', placement: 'inline', paired: false, value: 'text' },
  { code: 'JZ', name: '加重', placement: 'inline', paired: true, value: 'text' },
  { code: 'ZI', name: '字符', placement: 'inline', paired: true, value: 'text' },
  // TM and WJ: PLA Daily files of 2012 on write each picture of an article inside its 正文 as a
  // block, one field a line: 〖TM/中图〗, 〖BH/版号〗01〖-BH/版号〗, 〖WJ/文件〗201206010101.T01〖-WJ/文件〗,
  // 〖-TM/中图〗. They are inline tags, neither header nor body: a line holding only 〖TM/中图〗
  // is then what the record splitter takes for a block's opening, and the block's 〖BH/版号〗
  // starts no record.
  { code: 'TM', name: '中图', placement: 'inline', paired: true, value: 'text', block: 'opens' },
  { code: 'WJ', name: '文件', placement: 'inline', paired: true, value: 'text', block: 'field' },
];

const described = (def: Omit<TagDef, 'en' | 'zh'>): TagDef => ({ ...def, en: tagDescription('en', def.code), zh: tagDescription('zh', def.code) });

export const BUILT_IN_TAGS: readonly TagDef[] = BUILT_IN.map(described);

export interface TagTable {
  get(code: string): TagDef | undefined;
  /**
   * The entry for the code whose two letters have these char codes, in either case; no
   * string is made, so scanning a large file does not allocate per tag.
   */
  getByChars(c1: number, c2: number): TagDef | undefined;
  /** The code whose Chinese name this is, if any. */
  codeOfName(name: string): string | undefined;
  all(): readonly TagDef[];
  /** Known names, longest first, to recover the name of a tag that lost its `〗`. */
  namesLongestFirst(): readonly string[];
}

const CODE = /^[A-Z]{2}$/;

export function createTagTable(extra: readonly ExtraTag[] = []): TagTable {
  const byCode = new Map<string, TagDef>();
  for (const def of BUILT_IN_TAGS) byCode.set(def.code, def);
  for (const tag of extra) {
    const code = String(tag.code ?? '').toUpperCase();
    const name = String(tag.name ?? '').trim();
    if (!CODE.test(code) || !name) continue;
    const placement: Placement = tag.placement === 'header' || tag.placement === 'body' ? tag.placement : 'inline';
    const paired = placement === 'inline' ? tag.paired !== false : true;
    // Under a built-in code it keeps that tag's description; under its own, the settings' one.
    const def = described({ code, name, placement, paired, value: 'text' });
    // A built-in block tag declared again as the inline tag it is (as users did before it was
    // built in, to quiet the unknown-tag warning) keeps its part in the block.
    const block = byCode.get(code)?.block;
    if (block && placement === 'inline' && paired) def.block = block;
    byCode.set(code, def);
  }
  const byName = new Map<string, string>();
  for (const def of byCode.values()) if (!byName.has(def.name)) byName.set(def.name, def.code);
  const all = [...byCode.values()];
  // Indexed by the two letters, as the scanner asks once per tag.
  const byChars: Array<TagDef | undefined> = new Array(26 * 26).fill(undefined);
  for (const def of all) byChars[(def.code.charCodeAt(0) - 0x41) * 26 + def.code.charCodeAt(1) - 0x41] = def;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  return {
    get: (code) => byCode.get(code),
    getByChars: (c1, c2) => {
      const u1 = (c1 & ~0x20) - 0x41;
      const u2 = (c2 & ~0x20) - 0x41;
      return u1 >= 0 && u1 < 26 && u2 >= 0 && u2 < 26 ? byChars[u1 * 26 + u2] : undefined;
    },
    codeOfName: (name) => byName.get(name),
    all: () => all,
    namesLongestFirst: () => names,
  };
}

/** Header and body fields are the record's own fields; inline tags live inside their values. */
export function isField(def: TagDef | undefined): boolean {
  return def !== undefined && def.placement !== 'inline';
}

/** `〖RQ/日期〗` for messages and edits. */
export function formatTag(code: string, name: string, closing = false): string {
  return `〖${closing ? '-' : ''}${code}/${name}〗`;
}
