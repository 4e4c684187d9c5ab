// Hover: what a tag means, what a date or classification code stands for, and what the
// records around say of an issue number or a place on a page.

import type { Hover } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field, Position } from '../types';
import { spokenDate, strings, tagDescription, type IssueNeighbour, type PagePlace, type Strings } from '../messages/strings';
import { classificationCodes, lookUpClass } from '../tags/classification';
import { formatDate } from '../text/dates';
import { problemsOf, type CheckContext } from '../rules/check';
import { findField, valueText } from './fieldText';
import { locate } from './locate';
import { offsetAt, rangeIn } from './positions';


export function getHover(doc: CorpusDocument, position: Position, locale: Locale, ctx: CheckContext): Hover | null {
  const offset = offsetAt(doc, position);
  const at = locate(doc, offset);
  if (!at) return null;
  const say = strings(locale);
  if (at.tag?.def) {
    const def = at.tag.def;
    const kind = {
      header: say.placement.header,
      body: say.placement.body,
      inline:
        def.block === 'opens' ? say.placement.block : def.block === 'field' ? say.placement.blockField : def.paired ? say.placement.pairedInline : say.placement.standaloneInline,
    }[def.placement];
    return {
      contents: { kind: 'markdown', value: `**〖${def.code}/${def.name}〗** — ${tagDescription(locale, def.code)}\n\n${kind}` },
      range: rangeIn(doc, at.record, at.tag.start, at.tag.end),
    };
  }
  const field = at.field;
  if (!field?.def || at.rel < field.valueStart || at.rel > field.valueEnd) return null;
  const value = doc.recordTexts[at.record].slice(field.valueStart, Math.min(field.valueEnd, field.valueStart + 256)).trim();
  const range = rangeIn(doc, at.record, field.valueStart, field.valueEnd);
  if (field.def.value === 'date' && /^\d{8}$/.test(value) && isValidDate(doc, at.record, field.valueStart, field.valueEnd, ctx)) {
    return { contents: { kind: 'markdown', value: spokenDate(locale, value) }, range };
  }
  const text = valueHover(doc, at.record, field, value, say);
  return text ? { contents: { kind: 'markdown', value: text }, range } : null;
}

/** What an FL, ZQ, TH or BH value says, undefined for other values and values it cannot read. */
function valueHover(doc: CorpusDocument, i: number, field: Field, value: string, say: Strings): string | undefined {
  if (field.def?.value === 'classification') return classificationHover(value, say);
  // A picture block's BH in 正文 is the picture's page, not the record's: only the record's own say where it stands.
  const own = doc.records[i].identity;
  if (!own || !value || !doc.records[i].fields.some((f) => f.valueStart === field.valueStart)) return undefined;
  if (field.code === 'ZQ' && own.zq === value) return issueHover(doc, i, say);
  if ((field.code === 'TH' && own.th === value) || (field.code === 'BH' && own.bh === value)) {
    const place = pagePlace(doc, i);
    return field.code === 'TH' ? say.hover.item(place) : say.hover.page(place);
  }
  return undefined;
}

/** One line a code: its classes from the main class down, and what the table does not know. */
function classificationHover(value: string, say: Strings): string | undefined {
  const lines: string[] = [];
  for (const code of classificationCodes(value)) {
    const found = lookUpClass(code);
    if (!found) continue;
    const steps = found.path.map((step, k) => {
      const gloss = k === 0 ? say.classificationClasses[step.code] : undefined;
      return `${step.code} — ${gloss && gloss !== step.name ? say.hover.mainClass(step.name, gloss) : step.name}`;
    });
    const notes = [found.deeper ? say.hover.deeper(code, found.path[found.path.length - 1].code) : '', found.auxiliary ? say.hover.auxiliary(found.auxiliary) : ''].filter(Boolean);
    lines.push(markdown(`${steps.join(' › ')}${notes.length ? ` · ${notes.join(' · ')}` : ''}`));
  }
  return lines.length ? lines.join('\n\n') : undefined;
}

/** The issue with the previous and next record's: one date has one issue number, and it grows with the date. */
function issueHover(doc: CorpusDocument, i: number, say: Strings): string {
  const own = doc.records[i].identity!;
  const neighbour = (j: number): IssueNeighbour | undefined => {
    if (j < 0 || j >= doc.records.length) return undefined;
    const other = doc.records[j].identity;
    const zq = other?.zq ?? '';
    const date = other ? formatDate(other.rq) : '';
    let verdict: IssueNeighbour['verdict'] = 'unknown';
    if (other && zq) {
      const a = Number(own.zq);
      const b = Number(zq);
      if (other.rq === own.rq) verdict = a === b ? 'agrees' : 'same-date-other-issue';
      else verdict = (other.rq < own.rq ? b < a : b > a) ? 'agrees' : 'not-growing';
    }
    return { zq: markdown(zq), date, verdict };
  };
  return say.hover.issue(markdown(own.zq), formatDate(own.rq), neighbour(i - 1), neighbour(i + 1));
}

/** Where the record stands among this file's records of its date and page. */
function pagePlace(doc: CorpusDocument, i: number): PagePlace {
  const own = doc.records[i].identity!;
  const items = new Set<string>();
  let count = 0;
  let index = 0;
  let pageName = '';
  doc.records.forEach((r, j) => {
    const id = r.identity;
    if (!id || id.rq !== own.rq || id.bh !== own.bh) return;
    count++;
    if (j === i) index = count;
    if (id.th) items.add(id.th);
    const bm = !pageName || j === i ? findField(r.fields, 'BM') : undefined;
    if (bm) pageName = valueText(doc, j, bm, 64) || pageName;
  });
  return { date: formatDate(own.rq), page: markdown(own.bh), pageName: markdown(pageName), item: markdown(own.th), items: markdown(ranges([...items])), count, index };
}

/** Item numbers in order, runs joined: `1–5, 7`. Values that are no numbers follow as they are. */
function ranges(items: string[]): string {
  // `3` and `03` are one item.
  const numbers = [...new Set(items.filter((s) => /^\d+$/.test(s)).map(Number))].sort((a, b) => a - b);
  const out: string[] = [];
  for (let k = 0; k < numbers.length; ) {
    let e = k;
    while (e + 1 < numbers.length && numbers[e + 1] === numbers[e] + 1) e++;
    out.push(e === k ? String(numbers[k]) : e === k + 1 ? `${numbers[k]}, ${numbers[e]}` : `${numbers[k]}–${numbers[e]}`);
    k = e + 1;
  }
  return [...out, ...items.filter((s) => !/^\d+$/.test(s))].join(', ');
}

/** Text from the file shown as itself, not read as markdown (a page named `*要闻*`). */
function markdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}

/** The dates rule found nothing wrong with the date in [start, end) of record `i`. */
function isValidDate(doc: CorpusDocument, i: number, start: number, end: number, ctx: CheckContext): boolean {
  const list = problemsOf(doc.records[i], doc.recordTexts[i], i === 0, ctx);
  for (let k = 0; k < list.length; k++) {
    if (list.start(k) > end) break;
    if (list.code(k) === 'invalid-date' && list.start(k) >= start && list.end(k) <= end) return false;
  }
  return true;
}
