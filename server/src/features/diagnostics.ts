// Turns the records' problems into LSP diagnostics: severity from the settings (or the
// rule's default), the message in the user's language, at most `maxProblems` of them.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { formatMessage, getRule, type Locale } from '../diagnostics/catalogue';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Settings, SeveritySetting } from '../settings';
import type { Problem } from '../types';
import { checkAcrossRecords } from '../validation/acrossRecords';
import { positionIn, rangeIn } from './positions';

export const DIAGNOSTIC_SOURCE = 'rmrb';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function getDiagnostics(doc: CorpusDocument, settings: Settings, locale: Locale): Diagnostic[] {
  const out: Diagnostic[] = [];
  const limit = settings.maxProblems;
  const across = checkAcrossRecords(
    doc.records.map((r) => r.identity),
    (i, rel) => positionIn(doc, i, rel).line + 1,
  );
  for (let i = 0; i < doc.records.length && out.length < limit; i++) {
    const problems = across.has(i) ? [...doc.records[i].problems, ...across.get(i)!] : doc.records[i].problems;
    for (const p of problems) {
      const d = toDiagnostic(doc, i, p, settings, locale);
      if (!d) continue;
      out.push(d);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** The diagnostic for one problem of record `i`, or undefined when its rule is off. */
export function toDiagnostic(doc: CorpusDocument, i: number, p: Problem, settings: Settings, locale: Locale): Diagnostic | undefined {
  const level = settings.severity[p.code] ?? getRule(p.code).severity;
  if (level === 'off') return undefined;
  return {
    range: rangeIn(doc, i, p.start, p.end),
    severity: SEVERITY[level],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: formatMessage(p.code, p.args, locale),
  };
}
