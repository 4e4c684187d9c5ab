// How `rmrb check` writes its findings: one line per problem (text), or one JSON object per
// problem (jsonl). Lines and columns are 1-based; columns count UTF-16 code units, the numbers
// VS Code shows.

import type { Diagnostic } from 'vscode-languageserver-types';

export type Format = 'text' | 'jsonl';
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export interface Finding {
  file: string;
  encoding: string;
  diagnostic: Diagnostic;
}

export function formatFinding(f: Finding, format: Format, colour = false): string {
  const d = f.diagnostic;
  const severity = SEVERITY_NAMES[d.severity ?? 1];
  const line = d.range.start.line + 1;
  const column = d.range.start.character + 1;
  if (format === 'jsonl') {
    return JSON.stringify({
      file: f.file,
      line,
      column,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity,
      code: d.code,
      message: d.message,
      encoding: f.encoding,
    });
  }
  const label = colour ? paint(severity) : severity;
  return `${f.file}:${line}:${column}: ${label} ${d.code}: ${d.message}`;
}

function paint(severity: SeverityName): string {
  const code = severity === 'error' ? 31 : severity === 'warning' ? 33 : 36;
  return `\u001b[${code}m${severity}\u001b[0m`;
}

/** `3 errors and 1 warning in 2 of 5 files`. */
export function summary(errors: number, warnings: number, filesWithProblems: number, files: number): string {
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  if (errors + warnings === 0) return `No problems in ${n(files, 'file')}.`;
  return `${n(errors, 'error')} and ${n(warnings, 'warning')} in ${filesWithProblems} of ${n(files, 'file')}.`;
}
