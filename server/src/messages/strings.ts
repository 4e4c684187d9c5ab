// What the features say to the user, besides the diagnostics (whose messages live with their
// rules in diagnostics/catalogue.ts): one catalogue per language, each checked by the compiler
// to say everything the other says.

import type { Locale } from '../diagnostics/catalogue';
import type { BuiltInTagCode } from '../tags/tagTable';
import { en } from './en';
import { zh } from './zh';

export interface Strings {
  /** An article with no title, in the outline. */
  untitled: string;
  /** The outline's last item when it was capped. */
  outlineLimited(shown: string, total: string): string;
  /**
   * An article's detail in the outline, the parts it has joined: `2013-09-08 · 2版 · 3条`, short
   * enough to be read beside a title in the side bar. Page and item are cited as the paper's
   * own index cites them (2版, 3条), in every language.
   */
  recordDetail: { page(page: string): string; item(item: string): string; separator: string };
  /** What each built-in tag is for: completion's detail, hover. */
  tagDescriptions: Readonly<Record<BuiltInTagCode, string>>;
  /** The same for a tag added in the settings (rmrb.tags.extra) under a code of its own. */
  tagFromSettings: string;
  /** Hover on a tag: what kind of tag it is. */
  placement: { header: string; body: string; pairedInline: string; standaloneInline: string; block: string; blockField: string };
  weekdays: readonly string[];
  /** Hover on FL: the 中图法 main class its letter names. */
  classificationClasses: Readonly<Record<string, string>>;
  /** Hover on a date: `2013-09-08, Sunday`. */
  date(year: number, month: number, day: number, weekday: string): string;
  /** Hover on FL, ZQ, TH and BH: what the code means, and what the records around say. */
  hover: {
    /** A main class on an FL code's path: its name, with a gloss in the UI's language where the name is not in it. */
    mainClass(name: string, gloss: string): string;
    /** After the path of a code more specific than the table, which stops at `known`. */
    deeper(code: string, known: string): string;
    /** After the path of a code with an auxiliary-table number (`-53`, `=6`). */
    auxiliary(number: string): string;
    /** ZQ: the issue and what the previous and next record of the file say. */
    issue(zq: string, date: string, previous: IssueNeighbour | undefined, next: IssueNeighbour | undefined): string;
    /** TH: the item's place among the records of its page in this file. */
    item(place: PagePlace): string;
    /** BH: the page, its name, and which of its items this file holds. */
    page(place: PagePlace): string;
  };
  fix: {
    rewriteAs(tag: string): string;
    useName(name: string): string;
    rewriteDate(date: string): string;
    remove(what: string): string;
    replaceWith(tag: string): string;
    closeWith(tag: string): string;
    addTag(tag: string): string;
    /** Fix all, with the number of edits when it is known. */
    all(count?: number): string;
  };
  /** F2 on a tag refused: what a code or a name may be. */
  renameRefused: { code: string; name: string };
  /** The progress of the workspace index: its title, and files read of files found. */
  indexing: { title: string; progress(indexed: string, files: string): string };
  /** Completion: what an offered field does, and where an offered value comes from. */
  completion: {
    /** A header field the record does not have yet (`tag` as `〖TH/条号〗`). */
    missingField(tag: string): string;
    /** Added to the preselected field's note: the one the usual order expects next. */
    nextField: string;
    /** A field for the new record after the last article. */
    newRecordField(tag: string): string;
    closes(tag: string): string;
    /** The title of the command that opens the suggestions again for the field's value. */
    suggestValues: string;
    /** An RQ value: today (`date` as 2013-09-08), or the RQ of the record before. */
    today(date: string): string;
    recordBefore(date: string): string;
    /** A value used so many times in this file, and in so many files of the workspace (at least one given). */
    used(inFile: number | undefined, inWorkspace: number | undefined): string;
    /** Between two sources of one value. */
    separator: string;
    /** The snippet of a whole new record, its TH when it has one. */
    newRecord(th: string | undefined): string;
    /** Its detail: the fields carried over from the record before. */
    newRecordDetail(carried: ReadonlyArray<{ code: string; name: string }>, th: string | undefined): string;
  };
}

/** A neighbouring record on a ZQ hover: its issue and date ('' when it has none), and whether they agree. */
export interface IssueNeighbour {
  zq: string;
  /** `2013-09-07`. */
  date: string;
  /** Same date, same issue; a later date, a greater issue ('unknown': one of the two lacks a ZQ or a date). */
  verdict: 'agrees' | 'same-date-other-issue' | 'not-growing' | 'unknown';
}

/** A record's place on its page, among the records of this file with its date and page. */
export interface PagePlace {
  /** `2013-09-08`. */
  date: string;
  page: string;
  /** The page's name (BM), '' when none of its records gives one. */
  pageName: string;
  item: string;
  /** The items of the page in this file, as ranges: `1–5, 7`. */
  items: string;
  /** How many records of this file are of the page. */
  count: number;
  /** This record's place among them in the file, from 1. */
  index: number;
}

const BY_LOCALE: Record<Locale, Strings> = { en, zh };

export function strings(locale: Locale): Strings {
  return BY_LOCALE[locale];
}

/** A real day (YYYYMMDD) with its weekday, as the user's language says it: `2013-09-08, Sunday`. */
export function spokenDate(locale: Locale, yyyymmdd: string): string {
  const say = BY_LOCALE[locale];
  const [y, m, d] = [+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6), +yyyymmdd.slice(6, 8)];
  return say.date(y, m, d, say.weekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]);
}

/** What the tag of this code is for, in the user's language. */
export function tagDescription(locale: Locale, code: string): string {
  const say = BY_LOCALE[locale];
  return Object.hasOwn(say.tagDescriptions, code) ? say.tagDescriptions[code as BuiltInTagCode] : say.tagFromSettings;
}
