// The tags a corpus may use. Databases differ in which inline tags pair up, and some add
// fields of their own, so the table is built from defaults plus the user's extra tags.

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
  en: string;
  zh: string;
}

export interface ExtraTag {
  code: string;
  name: string;
  placement?: Placement;
  paired?: boolean;
}

export const BUILT_IN_TAGS: readonly TagDef[] = [
  { code: 'ZQ', name: '总期', placement: 'header', paired: true, value: 'integer', en: 'Cumulative issue number since the first issue', zh: '自创刊以来的累计期号' },
  { code: 'RQ', name: '日期', placement: 'header', paired: true, value: 'date', en: 'Publication date, YYYYMMDD', zh: '出版日期，格式 YYYYMMDD' },
  { code: 'BH', name: '版号', placement: 'header', paired: true, value: 'digits', en: 'Page number', zh: '版面号' },
  { code: 'TH', name: '条号', placement: 'header', paired: true, value: 'integer', en: 'Item number on the page', zh: '本版内的条目号' },
  { code: 'YT', name: '引题', placement: 'header', paired: true, value: 'text', en: 'Kicker line above the headline', zh: '标题上方的引题' },
  { code: 'BT', name: '标题', placement: 'header', paired: true, value: 'text', en: 'Headline', zh: '标题' },
  { code: 'FT', name: '副题', placement: 'header', paired: true, value: 'text', en: 'Subtitle', zh: '副标题' },
  { code: 'ZZ', name: '作者', placement: 'header', paired: true, value: 'text', en: 'Author(s)', zh: '作者' },
  { code: 'FL', name: '分类', placement: 'header', paired: true, value: 'classification', en: 'Chinese Library Classification code (e.g. D822, F125.5, EI279.21, Ej94)', zh: '中图法分类号（如 D822、F125.5、EI279.21、Ej94）' },
  // LM and GJ: PLA Daily (解放军报) archives write them in the header, LM in about a quarter of
  // the files, GJ in nearly every file before 2000 and in some after
  // (`〖GJ/关键〗贺电RW：毛泽东/朱德/周恩来〖-GJ/关键〗`: keywords, then RW：person/role).
  { code: 'LM', name: '栏目', placement: 'header', paired: true, value: 'text', en: 'Column the article ran in (an editorial, a series, a regular feature)', zh: '文章所在的栏目（社论、连载、专栏等）' },
  { code: 'BM', name: '版名', placement: 'header', paired: true, value: 'text', en: 'Page name', zh: '版面名称' },
  { code: 'GJ', name: '关键', placement: 'header', paired: true, value: 'text', en: 'Keywords, separated by /; a person is written RW：name/role', zh: '关键词，以 / 分隔；人物写作 RW：姓名/身份' },
  { code: 'TC', name: '体裁', placement: 'header', paired: true, value: 'text', en: 'Genre', zh: '体裁' },
  { code: 'ZW', name: '正文', placement: 'body', paired: true, value: 'text', en: 'Body text', zh: '正文' },
  { code: 'HH', name: '换行', placement: 'inline', paired: false, value: 'text', en: 'Line break', zh: '换行' },
  { code: 'JZ', name: '加重', placement: 'inline', paired: true, value: 'text', en: 'Emphasis', zh: '加重' },
  { code: 'ZI', name: '字符', placement: 'inline', paired: true, value: 'text', en: 'Character markup', zh: '字符' },
];

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
    byCode.set(code, {
      code,
      name,
      placement,
      paired: placement === 'inline' ? tag.paired !== false : true,
      value: 'text',
      en: byCode.get(code)?.en ?? 'Tag added in the settings',
      zh: byCode.get(code)?.zh ?? '在设置中添加的标记',
    });
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
