// What the features say to the user, besides the diagnostics (whose messages live with their
// rules in diagnostics/catalogue.ts): one catalogue per language, each checked by the compiler
// to say everything the other says.

import type { Locale } from '../diagnostics/catalogue';
import { en } from './en';
import { zh } from './zh';

export interface Strings {
  /** An article with no title, in the outline. */
  untitled: string;
  /** The outline's last item when it was capped. */
  outlineLimited(shown: string, total: string): string;
  /** Hover on a tag: what kind of tag it is. */
  placement: { header: string; body: string; pairedInline: string; standaloneInline: string };
  weekdays: readonly string[];
  /** Hover on a date: `2013-09-08, Sunday`. */
  date(year: number, month: number, day: number, weekday: string): string;
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
}

const BY_LOCALE: Record<Locale, Strings> = { en, zh };

export function strings(locale: Locale): Strings {
  return BY_LOCALE[locale];
}
