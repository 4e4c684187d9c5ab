// Turns the records' problems into LSP diagnostics: severity from the settings (or the
// rule's default), the message in the user's language, at most `maxProblems` of them.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { defaultSeverity, formatMessage, relatedMessage, type Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Settings, SeveritySetting } from '../settings';
import type { Problem, Range } from '../types';
import { checkAcrossRecords, problemsOf, type CheckContext } from '../rules/check';
import { positionIn, rangeIn } from './positions';

export const DIAGNOSTIC_SOURCE = 'rmrb';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Most records have no problem across records: they share this (never written to). */
const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

export interface DiagnosticsOptions {
  /** The document's URI: what a problem across records points at, and what misfiled-article reads. */
  uri?: string;
  /**
   * Run the checks across records (default true). A command-line run leaves them out of each
   * file's diagnostics and runs them once over all its files' records.
   */
  acrossRecords?: boolean;
  /**
   * Only the records from `from` up to `to` (without the checks across records): for a host
   * that makes a big file's diagnostics a slice at a time.
   */
  records?: { from: number; to: number };
}

export function getDiagnostics(doc: CorpusDocument, settings: Settings, locale: Locale, ctx: CheckContext, options: DiagnosticsOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const limit = settings.maxProblems;
  const { uri } = options;
  const across =
    options.acrossRecords === false || options.records
      ? new Map<number, Problem[]>()
      : checkAcrossRecords({ identities: doc.records.map((r) => r.identity), lineOf: (i, rel) => positionIn(doc, i, rel).line + 1, fileOf: () => uri }, ctx);
  const to = Math.min(doc.records.length, options.records?.to ?? doc.records.length);
  for (let i = options.records?.from ?? 0; i < to && out.length < limit; i++) {
    // Problems are made into objects only when shown: a record may hold a million of them.
    const list = problemsOf(doc.records[i], doc.recordTexts[i], i === 0, ctx);
    // The checks across records' problems go in among the record's own, in document order.
    const extra = across.get(i)?.sort((a, b) => a.start - b.start) ?? NO_PROBLEMS;
    let x = 0;
    for (let k = 0; k < list.length && out.length < limit; k++) {
      const start = list.start(k);
      while (x < extra.length && extra[x].start < start && out.length < limit) pushDiagnostic(out, doc, i, extra[x++], settings, locale, uri);
      if (out.length >= limit) break;
      if (levelOf(settings, list.code(k)) === 'off') continue;
      out.push(toDiagnostic(doc, i, list.get(k), settings, locale)!);
    }
    while (x < extra.length && out.length < limit) pushDiagnostic(out, doc, i, extra[x++], settings, locale, uri);
  }
  return out;
}

function pushDiagnostic(out: Diagnostic[], doc: CorpusDocument, i: number, p: Problem, settings: Settings, locale: Locale, uri: string | undefined): void {
  const d = toDiagnostic(doc, i, p, settings, locale);
  if (!d) return;
  // The other record, where the editor can show it beside the problem.
  const message = p.related && uri !== undefined ? relatedMessage(p.code, locale) : undefined;
  if (p.related && message) d.relatedInformation = [{ location: { uri: uri!, range: rangeIn(doc, p.related.record, p.related.start, p.related.end) }, message }];
  out.push(d);
}

const levelOf = (settings: Settings, code: Problem['code']) => settings.severity[code] ?? defaultSeverity(code);

/** The diagnostic for one problem of record `i`, or undefined when its rule is off. */
export function toDiagnostic(doc: CorpusDocument, i: number, p: Problem, settings: Settings, locale: Locale): Diagnostic | undefined {
  return diagnosticAt(p.code, p.args, rangeIn(doc, i, p.start, p.end), settings, locale);
}

/**
 * A problem as a diagnostic at `range`, with the settings' severity and the message in the
 * locale; undefined when its rule is off. Also what a command-line run makes of the problems
 * it finds across files, where no document holds them.
 */
export function diagnosticAt(code: Problem['code'], args: Problem['args'], range: Range, settings: Settings, locale: Locale): Diagnostic | undefined {
  const level = levelOf(settings, code);
  if (level === 'off') return undefined;
  return { range, severity: SEVERITY[level], code, source: DIAGNOSTIC_SOURCE, message: formatMessage(code, args, locale) };
}
