// Parses one record (article) into fields, sections and problems. Parsing never fails: every
// defect becomes a Problem and the parser recovers so that the rest of the record keeps its
// structure (the rules are in ARCHITECTURE.md, "Error recovery").

import { formatTag, isField, type TagDef, type TagTable } from '../tags/tagTable';
import type { Field, Problem, RecordIdentity, RecordNode, Section, Tag } from '../types';
import { missingRequiredFields } from '../validation/requiredFields';
import { checkCharacters, checkValue, detach, isSpace, type ValueLimits } from '../validation/values';
import { afterBreak, LineBreaks } from './lines';
import { OPEN, readTag } from './scanner';

export interface ParseContext extends ValueLimits {
  table: TagTable;
  requiredFields: readonly string[];
}

export interface RecordPosition {
  /** The record is the document's first: a BOM at its start is not a suspicious character. */
  first: boolean;
  /** Another record follows: a body left open was ended by the next record's header tag. */
  followed: boolean;
}

interface OpenField {
  field: Field;
  /** Codes of unknown tags opened inside, so their closing tags are not reported twice. */
  unknownOpen: Set<string> | undefined;
  headings: Array<{ label: string; start: number; end: number; lineStart: number }> | undefined;
}

interface OpenInline {
  tag: Tag;
  owner: OpenField;
  /** Closed out of order (the tags crossed): left on the stack until it surfaces. */
  closed: boolean;
}
const SECTION_NUMERAL = /^[一二三四五六七八九十百〇零]{1,5}$/;

export function parseRecord(text: string, ctx: ParseContext, where: RecordPosition): RecordNode {
  const problems: Problem[] = [];
  const fields: Field[] = [];
  const lineStarts: number[] = [0];
  const fieldStack: OpenField[] = [];
  // Open inline tags, innermost last, and the same entries by code, so that a closing tag
  // finds its opening in constant time however deep the nesting (no depth limit: a limit
  // would make 33 properly nested pairs look broken).
  const inlineStack: OpenInline[] = [];
  const inlineByCode = new Map<string, OpenInline[]>();
  const seen = new Set<string>();
  let contentEnd = 0;
  let firstTag: Tag | undefined;
  let strayStart = -1;
  let strayEnd = -1;
  let next = -2; // cached position of the next `〖` (-1: none left)

  const problem = (code: Problem['code'], start: number, end: number, args: Record<string, string> = {}, tag?: Tag) =>
    problems.push(tag ? { code, start, end, args, tag } : { code, start, end, args });
  const tagText = (t: Tag) => detach(text.slice(t.start, t.end));
  const fieldArgs = (f: Field) => ({ field: f.code, name: f.def?.name ?? f.open.name });

  const flushStray = () => {
    if (strayStart >= 0) problem('stray-text', strayStart, strayEnd);
    strayStart = strayEnd = -1;
  };
  const stray = (start: number, end: number) => {
    if (strayStart < 0) strayStart = start;
    strayEnd = end;
  };

  const openField = (tag: Tag, parent: OpenField | undefined) => {
    const field: Field = {
      code: tag.code,
      def: tag.def,
      open: tag,
      close: undefined,
      valueStart: tag.end,
      valueEnd: tag.end,
      end: tag.end,
      children: [],
      sections: [],
    };
    if (parent) {
      parent.field.children.push(field);
    } else {
      flushStray();
      if (seen.has(tag.code)) problem('duplicate-field', tag.start, tag.end, fieldArgs(field));
      seen.add(tag.code);
      fields.push(field);
    }
    fieldStack.push({ field, unknownOpen: undefined, headings: undefined });
  };

  /** Ends the innermost open field at `valueEnd`, with its closing tag if it has one. */
  const endField = (valueEnd: number, close: Tag | undefined) => {
    const open = fieldStack.pop()!;
    const f = open.field;
    f.close = close;
    f.valueEnd = Math.max(f.valueStart, valueEnd);
    f.end = close ? close.end : f.valueEnd;
    // Inline tags still open inside a field that closes properly were never closed.
    while (inlineStack.length && inlineStack[inlineStack.length - 1].owner === open) {
      const entry = inlineStack.pop()!;
      if (entry.closed) continue;
      inlineByCode.get(entry.tag.code)!.pop();
      const { tag } = entry;
      if (close) problem('unclosed-field', tag.start, tag.end, { field: tag.code, name: tag.def?.name ?? tag.name });
    }
    if (open.headings) f.sections = toSections(open.headings, f.valueEnd);
    // A value holding a nested field was reported once already (nested-header-field).
    if (f.def && f.children.length === 0) checkValue(f.def, text, f.valueStart, f.valueEnd, ctx, problems, f.open.start, f.end);
  };

  const toSections = (headings: NonNullable<OpenField['headings']>, valueEnd: number): Section[] =>
    headings.map((h, i) => {
      let end = i + 1 < headings.length ? headings[i + 1].lineStart : valueEnd;
      while (end > h.start && isSpace(text.charCodeAt(end - 1))) end--;
      return { label: h.label, headingStart: h.start, headingEnd: h.end, start: h.start, end: Math.max(end, h.end) };
    });

  /**
   * Does a closing tag for `code` follow on this line? Tells a nested field from an unclosed
   * one. The line's closing tags are listed once, so a line of many tags stays linear.
   */
  let closeLine = -1;
  const lastClose = new Map<string, number>();
  const closesLaterOnLine = (code: string, from: number, lineStart: number, lineEnd: number) => {
    if (closeLine !== lineStart) {
      closeLine = lineStart;
      lastClose.clear();
      for (let p = text.indexOf(OPEN, lineStart); p !== -1 && p < lineEnd; p = text.indexOf(OPEN, p + 1)) {
        if (text.charCodeAt(p + 1) === 0x2d) lastClose.set(text.slice(p + 2, p + 4).toUpperCase(), p);
      }
    }
    return (lastClose.get(code) ?? -1) >= from;
  };

  /** The name a closing tag should carry: the table's, or the opening tag's for unknown codes. */
  const nameOf = (f: Field) => f.def?.name ?? f.open.name;

  /** A wrong name on a closing tag is the opening's wrong name again, or a mismatch. */
  const checkClosingName = (tag: Tag, def: TagDef | undefined, open: Tag) => {
    const right = def?.name ?? open.name;
    if (!tag.name || tag.name === right || tag.faults.includes('name-missing')) return;
    // Another field's name, or the opening's own wrong name again: the name is wrong.
    if (def && (tag.name === open.name || ctx.table.codeOfName(tag.name))) wrongName(tag, def);
    else problem('mismatched-closing-tag', tag.start, tag.end, { tag: tagText(tag), expected: formatTag(tag.code, right, true) });
  };

  const wrongName = (tag: Tag, def: TagDef) => {
    const other = ctx.table.codeOfName(tag.name);
    problem('wrong-field-name', tag.nameStart, tag.nameEnd, {
      field: def.code,
      name: def.name,
      written: detach(tag.name),
      other: other && other !== def.code ? other : '',
    });
  };

  const onTag = (read: Tag, lineStart: number, lineEnd: number) => {
    firstTag ??= read;
    const def = read.def;
    const top = fieldStack[fieldStack.length - 1];
    // 〖RQ/日期〗20130908〖RQ/日期〗: an opening tag of the open field, where its closing tag
    // belongs, is that closing tag with its `-` lost.
    const tag =
      !read.closing && def && top && top.field.code === def.code && isField(def) && !(isOneLine(top.field) && closesLaterOnLine(def.code, read.end, lineStart, lineEnd))
        ? { ...read, closing: true, faults: [...read.faults, 'dash-missing' as const] }
        : read;
    if (tag.faults.length) problem('malformed-tag', tag.start, tag.end, malformedArgs(tag, text), tag);

    // A tag whose code cannot be read (and whose name names no field) was reported as
    // malformed; it takes no part in the structure.
    if (!def && (tag.faults.includes('code-odd') || tag.faults.includes('code-missing'))) {
      if (!top) flushStray();
      return;
    }
    if (tag.closing) {
      onClosingTag(tag, def, top, lineStart, lineEnd);
      return;
    }

    if (!def) {
      problem('unknown-tag', tag.start, tag.end, { tag: tagText(tag) });
      if (!top && closesLaterOnLine(tag.code, tag.end, lineStart, lineEnd)) {
        // An unknown field of some other database (〖DW/单位〗…〖-DW/单位〗): keep its value out of stray text.
        openField(tag, undefined);
      } else if (top) {
        (top.unknownOpen ??= new Set()).add(tag.code);
      } else {
        flushStray();
      }
      return;
    }

    if (tag.name && tag.name !== def.name && !tag.faults.includes('name-missing')) wrongName(tag, def);

    if (!isField(def)) {
      if (!top) stray(tag.start, tag.end);
      else if (def.paired) {
        const entry: OpenInline = { tag, owner: top, closed: false };
        inlineStack.push(entry);
        let list = inlineByCode.get(def.code);
        if (!list) inlineByCode.set(def.code, (list = []));
        list.push(entry);
      }
      return;
    }
    if (!top) {
      openField(tag, undefined);
    } else if (isOneLine(top.field) && !closesLaterOnLine(top.field.code, tag.end, lineStart, lineEnd)) {
      // The field before it was simply left open: it ends here, and this one starts.
      problem('unclosed-field', top.field.open.start, top.field.open.end, { ...fieldArgs(top.field), where: 'line' });
      endField(tag.start, undefined);
      openField(tag, fieldStack[fieldStack.length - 1]);
    } else {
      problem('nested-header-field', tag.start, tag.end, {
        field: def.code,
        name: def.name,
        outer: formatTag(top.field.code, nameOf(top.field)),
      });
      // Fields nest one level at most: deeper ones are reported and left out of the tree.
      if (fieldStack.length === 1) openField(tag, top);
    }
  };

  const onClosingTag = (tag: Tag, def: TagDef | undefined, top: OpenField | undefined, lineStart: number, lineEnd: number) => {
    if (def && !isField(def)) {
      // The innermost open tag of this code; one owned by an outer field is out of reach.
      const list = inlineByCode.get(def.code);
      const entry = list?.[list.length - 1];
      if (!def.paired || !entry || entry.owner !== top) {
        problem('unmatched-closing-tag', tag.start, tag.end, { tag: tagText(tag) });
        return;
      }
      checkClosingName(tag, def, entry.tag);
      list!.pop();
      while (inlineStack.length && inlineStack[inlineStack.length - 1].closed) inlineStack.pop();
      if (inlineStack[inlineStack.length - 1] === entry) {
        inlineStack.pop();
      } else {
        const inner = inlineStack[inlineStack.length - 1].tag;
        problem('crossing-tags', tag.start, tag.end, { tag: tagText(tag), inner: tagText(inner) });
        entry.closed = true;
      }
      return;
    }

    let i = fieldStack.length - 1;
    while (i >= 0 && fieldStack[i].field.code !== tag.code) i--;
    if (i >= 0) {
      while (fieldStack.length - 1 > i) {
        const inner = fieldStack[fieldStack.length - 1].field;
        problem('unclosed-field', inner.open.start, inner.open.end, fieldArgs(inner));
        endField(tag.start, undefined);
      }
      checkClosingName(tag, def, fieldStack[i].field.open);
      endField(tag.start, tag);
      return;
    }
    if (!def && top?.unknownOpen?.has(tag.code)) return;
    // Its code is not open. It closes the open field when it carries that field's name
    // (〖BT/标题〗…〖-TB/标题〗), or when the open field is a one-line field whose own closing
    // tag does not follow on the line.
    if (top && (tag.name === nameOf(top.field) || (isOneLine(top.field) && !closesLaterOnLine(top.field.code, tag.end, lineStart, lineEnd)))) {
      problem('mismatched-closing-tag', tag.start, tag.end, { tag: tagText(tag), expected: formatTag(top.field.code, nameOf(top.field), true) });
      endField(tag.start, tag);
      return;
    }
    if (!top) flushStray();
    problem(def ? 'unmatched-closing-tag' : 'unknown-tag', tag.start, tag.end, { tag: tagText(tag) });
  };

  const breaks = new LineBreaks(text);
  let lineStart = 0;
  for (;;) {
    const lineEnd = breaks.breakAt(lineStart);

    // A section heading: a line of 正文 holding only a Chinese numeral.
    const top = fieldStack[fieldStack.length - 1];
    if (top && top.field.def?.placement === 'body' && lineStart >= top.field.valueStart) {
      let s = lineStart;
      let e = lineEnd;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      if (e > s && e - s <= 5 && SECTION_NUMERAL.test(text.slice(s, e))) {
        (top.headings ??= []).push({ label: text.slice(s, e), start: s, end: e, lineStart });
      }
    }

    let pos = lineStart;
    while (pos < lineEnd) {
      if (next !== -1 && next < pos) next = text.indexOf(OPEN, pos);
      const b = next !== -1 && next < lineEnd ? next : lineEnd;
      if (b > pos) {
        if (fieldStack.length === 0) {
          let s = pos === 0 && where.first && text.charCodeAt(0) === 0xfeff ? 1 : pos;
          let e = b;
          while (s < e && isSpace(text.charCodeAt(s))) s++;
          while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
          if (e > s) stray(s, e);
        }
      }
      if (b === lineEnd) break;
      const tag = readTag(text, b, lineEnd, ctx.table);
      onTag(tag, lineStart, lineEnd);
      pos = tag.end;
    }
    for (let p = lineEnd - 1; p >= lineStart; p--) {
      if (!isSpace(text.charCodeAt(p))) {
        contentEnd = p + 1;
        break;
      }
    }

    // Header fields hold one line: one still open ends here.
    while (fieldStack.length && isOneLine(fieldStack[fieldStack.length - 1].field)) {
      const f = fieldStack[fieldStack.length - 1].field;
      problem('unclosed-field', f.open.start, f.open.end, { ...fieldArgs(f), where: 'line' });
      endField(lineEnd, undefined);
    }
    if (lineEnd === text.length) break;
    lineStart = afterBreak(text, lineEnd);
    lineStarts.push(lineStart);
  }

  // The body runs to the record's end when never closed.
  while (fieldStack.length) {
    const f = fieldStack[fieldStack.length - 1].field;
    problem('unclosed-field', f.open.start, f.open.end, { ...fieldArgs(f), next: where.followed ? 'next' : '' });
    endField(Math.max(contentEnd, f.valueStart), undefined);
  }
  flushStray();
  checkCharacters(text, (offset) => valueAt(fields, offset)?.def, problems, where.first ? 0 : -1);

  if (fields.length > 0 && firstTag) {
    // A picture may have no 正文: validation/requiredFields.ts says why.
    for (const code of missingRequiredFields(ctx.requiredFields, seen, text, fields)) {
      const def: TagDef | undefined = ctx.table.get(code);
      problem('missing-field', firstTag.start, firstTag.end, { field: code, name: def?.name ?? '' });
    }
  }

  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  return { length: text.length, lineStarts, lineBreaks: lineStarts.length - 1, fields, problems, contentEnd, identity: identify(text, fields) };
}

/** The values that identify a record, copied so the record never pins the document's text. */
function identify(text: string, fields: readonly Field[]): RecordIdentity | undefined {
  const value = (code: string) => {
    const f = fields.find((x) => x.code === code);
    return f ? { f, v: detach(text.slice(f.valueStart, f.valueEnd).trim(), 24) } : undefined;
  };
  const rq = value('RQ');
  if (!rq || !/^\d{8}$/.test(rq.v)) return undefined;
  const zq = value('ZQ');
  const at = zq && /^\d+$/.test(zq.v) ? zq.f : rq.f;
  return {
    rq: rq.v,
    bh: value('BH')?.v ?? '',
    th: value('TH')?.v ?? '',
    zq: zq && /^\d+$/.test(zq.v) ? zq.v : '',
    zqStart: at.valueStart,
    zqEnd: at.valueEnd,
    start: fields[0].open.start,
    end: fields[0].open.end,
  };
}

/** The innermost field whose value holds the offset (fields are in order and do not overlap). */
function valueAt(fields: readonly Field[], offset: number): Field | undefined {
  let lo = 0;
  let hi = fields.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fields[mid].valueStart <= offset) lo = mid + 1;
    else hi = mid;
  }
  const f = fields[lo - 1];
  if (!f || offset >= f.valueEnd) return undefined;
  return (f.children.length ? valueAt(f.children, offset) : undefined) ?? f;
}

/** Header fields, and fields the tag table does not know, hold one line. */
const isOneLine = (f: Field) => f.def === undefined || f.def.placement === 'header';

function malformedArgs(tag: Tag, text: string): Record<string, string> {
  const en: string[] = [];
  const zh: string[] = [];
  for (const fault of tag.faults) {
    switch (fault) {
      case 'code-missing':
        en.push('no two-letter code after 〖');
        zh.push('〖 之后没有两个字母的代码');
        break;
      case 'code-odd':
        en.push(`“${tag.rawCode}” is not a code of two capital letters`);
        zh.push(`“${tag.rawCode}”不是两个大写字母的代码`);
        break;
      case 'code-lowercase':
        en.push(`the code “${tag.rawCode}” must be upper case`);
        zh.push(`代码“${tag.rawCode}”应为大写`);
        break;
      case 'separator-missing':
        en.push('no “/” after the code');
        zh.push('代码之后缺少“/”');
        break;
      case 'separator-wrong':
        en.push(`“${tag.separator}” instead of “/”`);
        zh.push(`用了“${tag.separator}”而不是“/”`);
        break;
      case 'name-missing':
        en.push('no Chinese name');
        zh.push('缺少中文名称');
        break;
      case 'bracket-missing':
        en.push('the closing 〗 is missing');
        zh.push('缺少结尾的〗');
        break;
      case 'dash-missing':
        en.push('the closing tag lacks its “-”');
        zh.push('结束标记缺少“-”');
        break;
    }
  }
  return { tag: detach(text.slice(tag.start, tag.end)), reasonEn: en.join('; '), reasonZh: zh.join('；') };
}
