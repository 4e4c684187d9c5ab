// The diagnostics of structure: what the parser itself finds in the markup (malformed,
// unclosed, unmatched, mismatched, crossing and nested tags, unknown tags, wrong names, stray
// text, a field written twice). Every other diagnostic belongs to a rule (rules/).

import { fieldEn as f, fieldZh as fz, type Args, type DiagnosticDefinition } from '../rules/rule';
import type { TagFault } from '../types';

// What is wrong with a malformed tag, fault by fault (the parser's TagFault).
const FAULT_EN: Record<TagFault, (a: Args) => string> = {
  'code-missing': () => 'no two-letter code after 〖',
  'code-odd': (a) => `“${a.rawCode}” is not a code of two capital letters`,
  'code-lowercase': (a) => `the code “${a.rawCode}” must be upper case`,
  'separator-missing': () => 'no “/” after the code',
  'separator-wrong': (a) => `“${a.separator}” instead of “/”`,
  'name-missing': () => 'no Chinese name',
  'bracket-missing': () => 'the closing 〗 is missing',
  'dash-missing': () => 'the closing tag lacks its “-”',
};
const FAULT_ZH: Record<TagFault, (a: Args) => string> = {
  'code-missing': () => '〖 之后没有两个字母的代码',
  'code-odd': (a) => `“${a.rawCode}”不是两个大写字母的代码`,
  'code-lowercase': (a) => `代码“${a.rawCode}”应为大写`,
  'separator-missing': () => '代码之后缺少“/”',
  'separator-wrong': (a) => `用了“${a.separator}”而不是“/”`,
  'name-missing': () => '缺少中文名称',
  'bracket-missing': () => '缺少结尾的〗',
  'dash-missing': () => '结束标记缺少“-”',
};
const faultsOf = (a: Args) => (a.faults ? a.faults.split(' ') : []).filter((f): f is TagFault => Object.hasOwn(FAULT_EN, f));

export const STRUCTURE = {
  'malformed-tag': {
    severity: 'error',
    summary: { en: 'A tag is malformed: wrong separator, lost 〗, lowercase or odd code.', zh: '标记格式错误：分隔符错误、缺少〗、代码小写或不合规。' },
    message: {
      en: (a) => {
        const why = faultsOf(a).map((f) => FAULT_EN[f](a)).join('; ');
        return `Malformed tag ${a.tag}${why ? `: ${why}` : ''}.`;
      },
      zh: (a) => {
        const why = faultsOf(a).map((f) => FAULT_ZH[f](a)).join('；');
        return `标记 ${a.tag} 格式错误${why ? `：${why}` : ''}。`;
      },
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
          ? `${fz(a)} 没有闭合：下一条记录的表头字段开始时它仍未结束。`
          : `${fz(a)} 没有闭合${a.where === 'line' ? '（表头字段须在本行内闭合）' : ''}。`,
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
    summary: { en: 'A header field is opened inside another field.', zh: '表头字段在另一个字段内部开始。' },
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
      // `closeName` is set when the closing tag carries the same wrong name: one problem for both.
      en: (a) => `${a.field} is named ${a.name}, not ${a.written}${notes([a.closeName && 'in both tags', a.other && `that is ${a.other}’s name`], ' (', '; ', ')')}.`,
      zh: (a) => `${a.field} 的名称是“${a.name}”，不是“${a.written}”${notes([a.closeName && '开始和结束标记中都写错了', a.other && `“${a.written}”是 ${a.other} 的名称`], '（', '；', '）')}。`,
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
  'stray-text': {
    severity: 'warning',
    summary: { en: 'Text stands outside every field.', zh: '文字不在任何字段之内。' },
    message: {
      en: () => 'Text outside every field is not part of the record.',
      zh: () => '不在任何字段之内的文字不属于记录。',
    },
  },
} satisfies Record<string, DiagnosticDefinition>;

/** The notes given (empty ones left out) in brackets, or nothing when there are none. */
function notes(items: ReadonlyArray<string | undefined>, open: string, separator: string, close: string): string {
  const given = items.filter((n): n is string => !!n);
  return given.length ? open + given.join(separator) + close : '';
}

export type StructuralCode = keyof typeof STRUCTURE;
