// Finding an article anywhere in the workspace (`workspace/symbol`, `#` in VS Code's palette):
// by a part of its title, by its date, or by its RQ, BH and TH. The server keeps an entry per
// article of every file, open or closed, so an entry holds only what the search and its answer
// need, as strings of its own: no parse tree, no slice of the file's text kept alive by it.

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Range } from '../types';
import { isDigits, normalizeDate, sameNumber } from '../text/dates';
import { strings } from '../messages/strings';
import { findField, valueText } from './fieldText';
import { rangeIn } from './positions';
import { idDetail, recordId } from './symbols';

/**
 * VS Code asks again as the user types, so an answer need not hold every match; but a day of
 * the paper runs to a few hundred articles, and a date search should list all of them. So the
 * cap is above rust-analyzer's 128 (which suits names of code, not a day's articles), yet keeps
 * an answer to a couple of hundred kilobytes when a query matches half the workspace.
 */
export const DEFAULT_SYMBOL_LIMIT = 1000;

/** How much of a title is kept: titles run to a few dozen characters, a kicker or subtitle to more. */
const TITLE_TEXT = 200;

/** One article as the workspace search keeps it. */
export interface SymbolEntry {
  uri: string;
  /** Where a jump lands: the title's value (BT, else YT, else FT), else the record's first tag. */
  range: Range;
  /** RQ, BH and TH as the outline's detail shows them; '' when absent. */
  rq: string;
  bh: string;
  th: string;
  /** The titles without their markup (a tag reads as a space); '' when absent. */
  bt: string;
  yt: string;
  ft: string;
  /**
   * The titles as a query is compared with them (see `fold`), joined by '\n', which folding
   * leaves in no title: made once here, not for every entry at every keystroke.
   */
  key: string;
}

/**
 * The entries of a document, in order: each record that has fields, as the outline lists them,
 * and something to be found by (a title, RQ, BH or TH). A record of fields with neither (a
 * body cut off its header) has a place in its file's outline, but none in a list of the workspace.
 * `from` and `to` take the records in between only, for a host that makes a big file's entries
 * a slice at a time.
 */
export function symbolEntriesOf(doc: CorpusDocument, uri: string, from = 0, to = doc.records.length): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  for (let i = from; i < to; i++) {
    const fields = doc.records[i].fields;
    if (fields.length === 0) continue;
    const title = (code: string) => {
      const f = findField(fields, code);
      return f ? { field: f, text: own(valueText(doc, i, f, TITLE_TEXT)) } : undefined;
    };
    const [bt, yt, ft] = [title('BT'), title('YT'), title('FT')];
    const [rq, bh, th] = [own(recordId(doc, i, 'RQ')), own(recordId(doc, i, 'BH')), own(recordId(doc, i, 'TH'))];
    if (!bt && !yt && !ft && !rq && !bh && !th) continue;
    const at = (bt ?? yt ?? ft)?.field;
    const range = at ? rangeIn(doc, i, at.valueStart, at.valueEnd) : rangeIn(doc, i, fields[0].open.start, fields[0].open.end);
    const texts = [bt?.text ?? '', yt?.text ?? '', ft?.text ?? ''];
    const present = texts.filter((t) => t !== '');
    const keys = present.map(fold);
    // A lone title that folding leaves as it was (most Chinese titles) is kept once, not twice.
    const key = keys.length === 1 && keys[0] === present[0] ? present[0] : keys.join('\n');
    out.push({ uri, range, rq, bh, th, bt: texts[0], yt: texts[1], ft: texts[2], key });
  }
  return out;
}

/**
 * The articles a query finds, at most `limit` of them:
 * - a date, in any form normalizeDate reads or as eight digits: that day's articles, by page and item;
 * - RQ and BH, or RQ, BH and TH, apart by blanks or `/` (`20130908 2 3`, `20130908/02/03`):
 *   that page's articles, or that article (each of them, if it stands twice), numbers read as
 *   numbers (02 is 2);
 * - anything else, a part of a title (BT, YT or FT), whatever the case: the titles it starts
 *   first, then the others, each in the entries' order;
 * - nothing: the first articles, in order (VS Code asks so when the palette opens on `#`).
 */
export function searchArticles(entries: readonly SymbolEntry[], query: string, locale: Locale, limit = DEFAULT_SYMBOL_LIMIT): SymbolInformation[] {
  const max = Math.max(0, Math.floor(limit));
  // Full-width digits, letters and slashes, as a Chinese keyboard types them, read as ASCII.
  const q = query.normalize('NFKC').trim();
  const found = q === '' ? entries.slice(0, max) : byIdentity(entries, q, max) ?? byTitle(entries, fold(q), max);
  return found.map((e) => symbolOf(e, locale));
}

function symbolOf(e: SymbolEntry, locale: Locale): SymbolInformation {
  const name = e.bt || e.yt || e.ft || strings(locale).untitled;
  const detail = idDetail(e.rq, e.bh, e.th, locale);
  const location = { uri: e.uri, range: e.range };
  return detail ? { name, kind: SymbolKind.Module, location, containerName: detail } : { name, kind: SymbolKind.Module, location };
}

/**
 * RQ, BH and TH; RQ and BH. The date takes all before the last numbers, so that a date written
 * with `/` (`2013/9/8/2/3`) is read whole.
 */
const ITEM_QUERY = /^(.*?)[\s/]+(\d+)[\s/]+(\d+)$/;
const PAGE_QUERY = /^(.*?)[\s/]+(\d+)$/;
const MAX_ID_QUERY = 40;

/** The articles of a date, page or item, by page and item; undefined when the query is none of these. */
function byIdentity(entries: readonly SymbolEntry[], q: string, max: number): SymbolEntry[] | undefined {
  // `2013年09月08日/002/003` is 20 characters; a longer query is a title's part, and the
  // patterns, tried at each of its places, would take time in proportion to its square.
  if (q.length > MAX_ID_QUERY) return undefined;
  let rq = dayOf(q);
  let bh: string | undefined;
  let th: string | undefined;
  if (!rq) {
    const item = ITEM_QUERY.exec(q);
    const page = PAGE_QUERY.exec(q);
    if (item && (rq = dayOf(item[1]))) [bh, th] = [item[2], item[3]];
    else if (page && (rq = dayOf(page[1]))) bh = page[2];
    else return undefined;
  }
  const found = entries.filter((e) => dayOf(e.rq) === rq && (bh === undefined || sameNumber(e.bh, bh)) && (th === undefined || sameNumber(e.th, th)));
  // Each page and item read once, not at each of the sort's comparisons (a date can match a
  // workspace's worth of articles); sort is stable: copies of an item keep the entries' order.
  const keyed = found.map((e) => ({ e, bh: orderOf(e.bh), th: orderOf(e.th) }));
  keyed.sort((a, b) => a.bh - b.bh || a.th - b.th);
  return keyed.slice(0, max).map((k) => k.e);
}

/** YYYYMMDD of a date written as the format writes it or as normalizeDate reads it. */
function dayOf(s: string): string | undefined {
  return s.length === 8 && isDigits(s) ? s : normalizeDate(s);
}

/** Where a page or item goes among the others: by its number; one that is no number, last. */
function orderOf(value: string): number {
  return isDigits(value) ? Number(value) : Number.MAX_VALUE;
}

function byTitle(entries: readonly SymbolEntry[], q: string, max: number): SymbolEntry[] {
  if (q === '') return [];
  const starts: SymbolEntry[] = [];
  const others: SymbolEntry[] = [];
  const within = '\n' + q;
  for (const e of entries) {
    if (starts.length >= max) break;
    if (e.key.startsWith(q) || e.key.includes(within)) starts.push(e);
    else if (others.length < max - starts.length && e.key.includes(q)) others.push(e);
  }
  return starts.concat(others).slice(0, max);
}

/**
 * A title or query as they are compared: NFKC (full-width letters and digits as ASCII), lower
 * case, and without blanks. Chinese puts no spaces between words: a blank in a title is where
 * markup stood (〖JZ/加重〗, 〖HH/换行〗 read as a space) or the paper's layout, so a user who
 * types 我国经济 means the title shown as 我国 经济. An English query loses little by it.
 */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * The string as one of its own. A slice of a long string keeps the whole of it alive in V8, and
 * a title is a slice of its file's text: kept for a closed file, it would keep that file's text.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
