// A title, a body, a date or a number with no value. Other fields (引题, 副题…) are often
// empty on purpose.

import { defineRule, fieldArgs, fieldEn as f, fieldZh as fz } from './rule';

/** Free-text fields whose empty value is worth a warning. */
const MUST_HAVE_VALUE = new Set(['BT', 'ZW']);

export const emptyValues = defineRule({
  id: 'emptyValues',
  diagnostics: {
    'empty-value': {
      severity: 'warning',
      summary: { en: 'A title or body is empty.', zh: '标题或正文为空。' },
      message: {
        en: (a) => `${f(a)} is empty.`,
        zh: (a) => `${fz(a)} 为空。`,
      },
    },
  },
  checkValue(v, _ctx, out) {
    if (!v.blank) return;
    const kind = v.def.value;
    if (kind === 'text' || kind === 'classification' ? MUST_HAVE_VALUE.has(v.def.code) : true) {
      // An empty value has no range of its own: show the whole field.
      out.push({ code: 'empty-value', start: v.fieldStart, end: v.fieldEnd, args: fieldArgs(v.def) });
    }
  },
});
