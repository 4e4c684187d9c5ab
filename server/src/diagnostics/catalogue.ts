// Every diagnostic the extension reports: a stable code (users configure severities by it
// and quick fixes key on it), a default severity, and its message in English and Chinese.
// Messages are functions so that the locale is chosen when a diagnostic is made, not at load.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Locale = 'en' | 'zh';
type Args = Readonly<Record<string, string>>;

export interface DiagnosticRule {
  code: string;
  severity: Severity;
  /** One line for the README and the settings' description. */
  summary: { en: string; zh: string };
  message: { en: (a: Args) => string; zh: (a: Args) => string };
}

/** `RQ (日期)` in English and `RQ（日期）` in Chinese: fields are named by code and name. */
const f = (a: Args) => (a.name ? `${a.field} (${a.name})` : a.field);
const fz = (a: Args) => (a.name ? `${a.field}（${a.name}）` : a.field);

const rules = {
  'malformed-tag': {
    severity: 'error',
    summary: { en: 'A tag is malformed: wrong separator, lost 〗, lowercase or odd code.', zh: '标记格式错误：分隔符错误、缺少〗、代码小写或不合规。' },
    message: {
      en: (a) => `Malformed tag ${a.tag}: ${a.reasonEn}.`,
      zh: (a) => `标记 ${a.tag} 格式错误：${a.reasonZh}。`,
    },
  },
  'unclosed-field': {
    severity: 'error',
    summary: { en: 'A field or paired tag is never closed.', zh: '字段或成对标记没有闭合。' },
    message: {
      en: (a) =>
        a.next
          ? `${f(a)} is never closed: the next record’s header begins while it is still open.`
          : `${f(a)} is never closed${a.where === 'line' ? ' on its line (a header field holds one line)' : ''}.`,
      zh: (a) =>
        a.next
          ? `${fz(a)} 没有闭合：下一条记录的页眉字段开始时它仍未结束。`
          : `${fz(a)} 没有闭合${a.where === 'line' ? '（页眉字段须在本行内闭合）' : ''}。`,
    },
  },
  'unmatched-closing-tag': {
    severity: 'error',
    summary: { en: 'A closing tag has no opening tag.', zh: '结束标记没有对应的开始标记。' },
    message: {
      en: (a) => `Closing tag ${a.tag} has no opening tag.`,
      zh: (a) => `结束标记 ${a.tag} 没有对应的开始标记。`,
    },
  },
  'mismatched-closing-tag': {
    severity: 'error',
    summary: { en: 'A closing tag’s code or name differs from its opening tag.', zh: '结束标记的代码或名称与开始标记不一致。' },
    message: {
      en: (a) => `Closing tag ${a.tag} does not match the opening tag ${a.expected}.`,
      zh: (a) => `结束标记 ${a.tag} 与开始标记 ${a.expected} 不一致。`,
    },
  },
  'crossing-tags': {
    severity: 'error',
    summary: { en: 'Tags cross each other instead of nesting.', zh: '标记相互交叉，没有正确嵌套。' },
    message: {
      en: (a) => `${a.tag} closes while ${a.inner} opened inside it is still open: the tags cross.`,
      zh: (a) => `${a.tag} 结束时，其中开始的 ${a.inner} 尚未结束：标记相互交叉。`,
    },
  },
  'nested-header-field': {
    severity: 'error',
    summary: { en: 'A header field is opened inside another field.', zh: '页眉字段在另一个字段内部开始。' },
    message: {
      en: (a) => `${f(a)} is opened inside ${a.outer}.`,
      zh: (a) => `${fz(a)} 在 ${a.outer} 内部开始。`,
    },
  },
  'unknown-tag': {
    severity: 'warning',
    summary: { en: 'A tag is not in the tag table (add it in rmrb.tags.extra).', zh: '标记不在标记表中（可在 rmrb.tags.extra 中添加）。' },
    message: {
      en: (a) => `Unknown tag ${a.tag}.`,
      zh: (a) => `未知标记 ${a.tag}。`,
    },
  },
  'wrong-field-name': {
    severity: 'warning',
    summary: { en: 'A known code is written with another name (〖RQ/总期〗).', zh: '已知代码配了错误的名称（如〖RQ/总期〗）。' },
    message: {
      en: (a) => `${a.field} is named ${a.name}, not ${a.written}${a.other ? ` (that is ${a.other}’s name)` : ''}.`,
      zh: (a) => `${a.field} 的名称是“${a.name}”，不是“${a.written}”${a.other ? `（“${a.written}”是 ${a.other} 的名称）` : ''}。`,
    },
  },
  'duplicate-field': {
    severity: 'warning',
    summary: { en: 'The same field appears twice in one record.', zh: '同一条记录中字段重复出现。' },
    message: {
      en: (a) => `${f(a)} appears more than once in this record.`,
      zh: (a) => `${fz(a)} 在本条记录中重复出现。`,
    },
  },
  'missing-field': {
    severity: 'warning',
    summary: { en: 'A required field is missing (rmrb.requiredFields).', zh: '缺少必备字段（rmrb.requiredFields）。' },
    message: {
      en: (a) => `This record has no ${f(a)} field.`,
      zh: (a) => `本条记录缺少 ${fz(a)} 字段。`,
    },
  },
  'stray-text': {
    severity: 'warning',
    summary: { en: 'Text stands outside every field.', zh: '文字不在任何字段之内。' },
    message: {
      en: () => 'Text outside every field is not part of the record.',
      zh: () => '不在任何字段之内的文字不属于记录。',
    },
  },
  'invalid-date': {
    severity: 'error',
    summary: { en: 'RQ is not YYYYMMDD or not a real day.', zh: 'RQ 不是 YYYYMMDD 格式或不是真实存在的日期。' },
    message: {
      en: (a) => (a.reason === 'day' ? `${f(a)} ${a.value} is not a real day.` : `${f(a)} must be a date written YYYYMMDD, not “${a.value}”.`),
      zh: (a) => (a.reason === 'day' ? `${fz(a)} ${a.value} 不是真实存在的日期。` : `${fz(a)} 应为 YYYYMMDD 格式的日期，而不是“${a.value}”。`),
    },
  },
  'date-out-of-range': {
    severity: 'warning',
    summary: { en: 'RQ is before the first issue (1946-05-15) or after today.', zh: 'RQ 早于创刊日（1946-05-15）或晚于今天。' },
    message: {
      en: (a) => (a.reason === 'late' ? `${f(a)} ${a.value} is after ${a.limit}.` : `${f(a)} ${a.value} is before ${a.limit}.`),
      zh: (a) => (a.reason === 'late' ? `${fz(a)} ${a.value} 晚于 ${a.limit}。` : `${fz(a)} ${a.value} 早于 ${a.limit}。`),
    },
  },
  'invalid-number': {
    severity: 'error',
    summary: { en: 'ZQ or TH is not a positive integer, or BH is not digits.', zh: 'ZQ、TH 不是正整数，或 BH 不是数字。' },
    message: {
      en: (a) => `${f(a)} must be ${a.kind === 'digits' ? 'digits' : 'a positive integer'}, not “${a.value}”.`,
      zh: (a) => `${fz(a)} 应为${a.kind === 'digits' ? '数字' : '正整数'}，而不是“${a.value}”。`,
    },
  },
  'zero-number': {
    severity: 'warning',
    summary: { en: 'ZQ, BH or TH is zero.', zh: 'ZQ、BH 或 TH 为零。' },
    message: {
      en: (a) => `${f(a)} is zero; numbering starts at 1.`,
      zh: (a) => `${fz(a)} 为零；编号从 1 开始。`,
    },
  },
  'invalid-classification': {
    severity: 'warning',
    summary: { en: 'FL is not a Chinese Library Classification code.', zh: 'FL 不是中图法分类号。' },
    message: {
      en: (a) => `${f(a)} “${a.value}” is not a Chinese Library Classification code (such as D822 or F125.5).`,
      zh: (a) => `${fz(a)}“${a.value}”不是中图法分类号（如 D822、F125.5）。`,
    },
  },
  'empty-value': {
    severity: 'warning',
    summary: { en: 'A title or body is empty.', zh: '标题或正文为空。' },
    message: {
      en: (a) => `${f(a)} is empty.`,
      zh: (a) => `${fz(a)} 为空。`,
    },
  },
  'suspicious-character': {
    severity: 'warning',
    summary: { en: 'A zero-width or replacement character (U+FFFD): the mark of a broken decode.', zh: '零宽字符或替换字符（U+FFFD）：解码出错的迹象。' },
    message: {
      en: (a) => `${a.character}${a.characterEn ? ` ${a.characterEn}` : ''} in ${f(a)}: the mark of a broken decode or a copy-paste artefact.`,
      zh: (a) => `${fz(a)} 中有${a.characterZh ? a.characterZh : '字符'} ${a.character}：解码出错或复制粘贴留下的痕迹。`,
    },
  },
  'mojibake': {
    severity: 'warning',
    summary: { en: 'Text looks like GB2312/GBK read with the wrong encoding.', zh: '文字像是以错误编码读取的 GB2312/GBK 乱码。' },
    message: {
      en: (a) => `“${a.value}” in ${f(a)} looks like mojibake: GB2312/GBK text decoded with the wrong encoding. Reopen the file with the GB18030 encoding.`,
      zh: (a) => `${fz(a)} 中的“${a.value}”像是乱码：GB2312/GBK 文本用错误的编码读取。请以 GB18030 编码重新打开文件。`,
    },
  },
  'duplicate-article': {
    severity: 'warning',
    summary: { en: 'Two records have the same date, page and item (RQ, BH, TH).', zh: '两条记录的日期、版号和条号（RQ、BH、TH）相同。' },
    message: {
      en: (a) => `Another record (line ${a.line}) has the same date, page and item: ${a.id}.`,
      zh: (a) => `另一条记录（第 ${a.line} 行）的日期、版号和条号相同：${a.id}。`,
    },
  },
  'inconsistent-issue-number': {
    severity: 'warning',
    summary: { en: 'ZQ disagrees with another record: one date has one issue number, and it grows with the date.', zh: 'ZQ 与其他记录矛盾：同一日期只有一个总期号，且总期号随日期递增。' },
    message: {
      en: (a) =>
        a.reason === 'same-date'
          ? `${f(a)} ${a.value} differs from ${a.other}, given for the same date ${a.date} on line ${a.line}.`
          : `${f(a)} ${a.value} on ${a.date} does not grow with the date: ${a.otherDate} (line ${a.line}) has ${a.other}.`,
      zh: (a) =>
        a.reason === 'same-date'
          ? `${fz(a)} ${a.value} 与第 ${a.line} 行同一日期 ${a.date} 的 ${a.other} 不同。`
          : `${fz(a)} ${a.value}（${a.date}）没有随日期递增：第 ${a.line} 行 ${a.otherDate} 的总期为 ${a.other}。`,
    },
  },
} satisfies Record<string, Omit<DiagnosticRule, 'code'>>;

export type DiagnosticCode = keyof typeof rules;

export const DIAGNOSTIC_CODES = Object.keys(rules) as DiagnosticCode[];

export function getRule(code: DiagnosticCode): DiagnosticRule {
  return { code, ...(rules[code] as Omit<DiagnosticRule, 'code'>) };
}

/** The rule's default severity, without building the rule. */
export function defaultSeverity(code: DiagnosticCode): Severity {
  return rules[code].severity as Severity;
}

export function allRules(): DiagnosticRule[] {
  return DIAGNOSTIC_CODES.map(getRule);
}

export function formatMessage(code: DiagnosticCode, args: Args, locale: Locale): string {
  return rules[code].message[locale](args);
}

/** LSP sends the client's locale as a BCP 47 tag (`zh-cn`, `zh-Hans`, `en-US`…). */
export function localeFrom(tag: string | undefined): Locale {
  return tag && /^zh/i.test(tag) ? 'zh' : 'en';
}
