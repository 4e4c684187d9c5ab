// The articles of many files, as the checks across records see them: what identifies each
// (RQ, BH, TH, ZQ) and where it stands. A command-line run gathers them from every file it
// checks, and from other runs' indexes (`--index-out`, `--index`), then runs the same checks
// across records the editor runs within one document, over all of them at once.

import type { DiagnosticCode } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import { checkAcrossRecords, type CheckContext } from '../rules/check';
import type { Args } from '../rules/rule';
import type { Position, Range, RecordIdentity } from '../types';
import { rangeIn } from './positions';

export interface Article {
  /** The file, as the run that read it names it. */
  file: string;
  rq: string;
  bh: string;
  th: string;
  zq: string;
  /** The record's first tag: where a problem about the whole record is shown (0-based, UTF-16). */
  range: Range;
  /** The ZQ value (or RQ's when there is no ZQ): where an issue-number problem is shown. */
  zqRange: Range;
}

export interface ArticleProblem {
  /** The article it is reported on, by index. */
  article: number;
  code: DiagnosticCode;
  range: Range;
  args: Args;
  /** The other article it is about. */
  related?: { article: number; range: Range };
}

/** The articles of a document (its records that have a valid date), in order. */
export function articlesOf(doc: CorpusDocument, file: string): Article[] {
  const out: Article[] = [];
  doc.records.forEach((r, i) => {
    const id = r.identity;
    if (id) out.push({ file, rq: id.rq, bh: id.bh, th: id.th, zq: id.zq, range: rangeIn(doc, i, id.start, id.end), zqRange: rangeIn(doc, i, id.zqStart, id.zqEnd) });
  });
  return out;
}

// The checks across records point at a record's identity or at its ZQ, by offsets relative to
// the record. An article has no text to take offsets in: these four offsets stand for the four
// places it knows.
const AT_START = 0;
const AT_END = 1;
const AT_ZQ_START = 2;
const AT_ZQ_END = 3;

function placeOf(a: Article, rel: number): Position {
  return rel === AT_START ? a.range.start : rel === AT_END ? a.range.end : rel === AT_ZQ_START ? a.zqRange.start : a.zqRange.end;
}

/** The problems across records of the articles, in article order. */
export function checkArticles(articles: readonly Article[], ctx: CheckContext): ArticleProblem[] {
  const identities: RecordIdentity[] = articles.map((a) => ({ rq: a.rq, bh: a.bh, th: a.th, zq: a.zq, start: AT_START, end: AT_END, zqStart: AT_ZQ_START, zqEnd: AT_ZQ_END }));
  const found = checkAcrossRecords({ identities, lineOf: (i, rel) => placeOf(articles[i], rel).line + 1, fileOf: (i) => articles[i].file }, ctx);
  const out: ArticleProblem[] = [];
  for (const i of [...found.keys()].sort((x, y) => x - y)) {
    const a = articles[i];
    for (const p of found.get(i)!) {
      const r = p.related;
      out.push({
        article: i,
        code: p.code,
        range: { start: placeOf(a, p.start), end: placeOf(a, p.end) },
        args: p.args,
        related: r && { article: r.record, range: { start: placeOf(articles[r.record], r.start), end: placeOf(articles[r.record], r.end) } },
      });
    }
  }
  return out;
}

/**
 * One line of an article index (JSON Lines): 1-based lines and columns, as every other output
 * of the command line gives them.
 */
export function articleToJson(a: Article): string {
  return JSON.stringify({
    file: a.file,
    line: a.range.start.line + 1,
    column: a.range.start.character + 1,
    endLine: a.range.end.line + 1,
    endColumn: a.range.end.character + 1,
    RQ: a.rq,
    BH: a.bh,
    TH: a.th,
    ZQ: a.zq,
    zqLine: a.zqRange.start.line + 1,
    zqColumn: a.zqRange.start.character + 1,
    zqEndLine: a.zqRange.end.line + 1,
    zqEndColumn: a.zqRange.end.character + 1,
  });
}

/** An article from a line of an index; undefined when the line is not one. */
export function articleFromJson(line: string): Article | undefined {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null) return undefined;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const num = (k: string, fallback?: number) => (Number.isInteger(o[k]) && (o[k] as number) >= 1 ? (o[k] as number) : fallback);
  const file = str('file');
  const rq = str('RQ');
  const line1 = num('line');
  if (!file || !rq || !/^\d{8}$/.test(rq) || line1 === undefined) return undefined;
  const column = num('column', 1)!;
  const pos = (l: number, c: number): Position => ({ line: l - 1, character: c - 1 });
  const range = { start: pos(line1, column), end: pos(num('endLine', line1)!, num('endColumn', column)!) };
  const zqLine = num('zqLine');
  const zqRange = zqLine === undefined ? range : { start: pos(zqLine, num('zqColumn', 1)!), end: pos(num('zqEndLine', zqLine)!, num('zqEndColumn', 1)!) };
  return { file, rq, bh: str('BH') ?? '', th: str('TH') ?? '', zq: /^\d+$/.test(str('ZQ') ?? '') ? str('ZQ')! : '', range, zqRange };
}
