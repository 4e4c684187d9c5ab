// What a rule is. A rule checks what the parse leaves to it: a field's value, a record's
// fields, or records against one another. It knows its diagnostics (code, default severity,
// English and Chinese text), its check, and its fix if it has one. It never parses: it reads
// the parse, and the text only inside the ranges the parse gives it.
//
// Rules are registered in registry.ts, which builds the catalogue of diagnostics with the
// parser's structural ones (diagnostics/structure.ts).

import type { Strings } from '../messages/strings';
import type { TagDef, TagTable } from '../tags/tagTable';
import type { RecordIdentity } from '../types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Args = Readonly<Record<string, string>>;

/** One diagnostic: its default severity, a one-line summary, its message in each language. */
export interface DiagnosticDefinition {
  severity: Severity;
  /** One line for the README and the settings' description. */
  summary: { en: string; zh: string };
  message: { en: (a: Args) => string; zh: (a: Args) => string };
  /** What the other record a problem across records names is, shown where it stands (LSP's relatedInformation). */
  related?: { en: string; zh: string };
}

/** What a check reports: a code of its own rule, a range relative to the record, message arguments. */
export interface Finding {
  code: string;
  start: number;
  end: number;
  args: Args;
  /** The other record a problem across records is about: its index, and a range relative to it. */
  related?: RelatedRecord;
}

export interface RelatedRecord {
  record: number;
  start: number;
  end: number;
}

export interface FindingSink {
  push(f: Finding): unknown;
}

/**
 * What the checks depend on besides the parse: the settings that are not the tag table, and
 * today's date where no latest date is set. A new context (a settings change, a new day)
 * re-runs the checks; it never re-parses.
 */
export interface CheckContext {
  table: TagTable;
  requiredFields: readonly string[];
  earliestDate: string;
  latestDate: string;
}

/**
 * A field's value as the checks see it. One object is reused from field to field: a check
 * must not keep it.
 */
export interface FieldValue {
  def: TagDef;
  /** The record's text; offsets are relative to it. */
  text: string;
  /** The whole field, tags included: where an empty value is shown. */
  fieldStart: number;
  fieldEnd: number;
  /** The value between the tags, blanks trimmed. */
  start: number;
  end: number;
  /** Nothing but blanks and standalone tags (〖HH/换行〗): no value at all. */
  blank: boolean;
}

/** A field of a record, as the record checks see it (code and value range). */
export interface FieldRef {
  code: string;
  def: TagDef | undefined;
  valueStart: number;
  valueEnd: number;
}

/** A record as the record checks see it. */
export interface RecordView {
  text: string;
  /** The record's top-level fields, in order. */
  fields: readonly FieldRef[];
  /** Where the record's first tag stands: where a record-wide problem is shown. */
  headStart: number;
  headEnd: number;
  /** The record is the document's first (a BOM at its start is the file's, not the text's). */
  first: boolean;
  /** The text may hold suspect characters (false: a scan of the document found none in it). */
  suspect: boolean;
  /** The values of every field and of the fields nested in them, innermost first, with their fields. */
  values(): { ranges: readonly number[]; defs: readonly TagDef[] };
}

/** Records as the checks across records see them. */
export interface DocumentView {
  identities: ReadonlyArray<RecordIdentity | undefined>;
  /** The 1-based line of an offset in record `i`. */
  lineOf(i: number, rel: number): number;
  /**
   * The file record `i` is in, when known: a path or a URI. Records of one document share it;
   * a command-line run's records span many files.
   */
  fileOf(i: number): string | undefined;
}

/** A quick fix: replaces `[start, end)` of the record's text. */
export interface RuleFix {
  title: (say: Strings) => string;
  start: number;
  end: number;
  newText: string;
  /** Safe to apply without looking: "fix all" applies it. */
  safe: boolean;
  /** Rewrites a catalogue value (a date) into its canonical form, not markup. */
  value?: boolean;
}

export interface Rule<Codes extends string = string> {
  /** A name for the rule's module, as the registry lists it. */
  id: string;
  diagnostics: Record<Codes, DiagnosticDefinition>;
  /** Which fields' values it checks (by the tag table's value kind); every field when absent. */
  values?: ReadonlyArray<TagDef['value']>;
  checkValue?(v: FieldValue, ctx: CheckContext, out: FindingSink): void;
  checkRecord?(r: RecordView, ctx: CheckContext, out: FindingSink): void;
  /** Problems per record index. */
  checkDocument?(doc: DocumentView, ctx: CheckContext): Map<number, Finding[]>;
  /** The quick fix of one of its findings, given the record's text; undefined when none is safe to offer. */
  fix?(f: Finding, text: string, ctx: CheckContext): RuleFix | undefined;
}

/** Keeps the rule's codes in its type, so the catalogue knows every code by name. */
export function defineRule<const Codes extends string>(rule: Rule<Codes>): Rule<Codes> {
  return rule;
}

/** `RQ (日期)` in English and `RQ（日期）` in Chinese: fields are named by code and name. */
export const fieldEn = (a: Args) => (a.name ? `${a.field} (${a.name})` : a.field);
export const fieldZh = (a: Args) => (a.name ? `${a.field}（${a.name}）` : a.field);

/** The arguments naming a field. */
export const fieldArgs = (def: TagDef) => ({ field: def.code, name: def.name });

/** The file of record `other` when it is not record `i`'s: what a message names beside a line. */
export function otherFile(fileOf: DocumentView['fileOf'], i: number, other: number): string {
  const there = fileOf(other);
  return there !== undefined && there !== fileOf(i) ? there : '';
}
