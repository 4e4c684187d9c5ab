// How `rmrb check` writes its findings: one line per problem (text), one JSON object per
// problem (jsonl), GitHub workflow annotations (github), or one SARIF 2.1.0 log (sarif). Lines
// and columns are 1-based; columns count UTF-16 code units, the numbers VS Code shows.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticRule } from '../diagnostics/catalogue';

export type Format = 'text' | 'jsonl' | 'github' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'jsonl', 'github', 'sarif'];
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export interface Finding {
  file: string;
  /** How the file was read; unknown for a file known only from another run's index. */
  encoding?: string;
  diagnostic: Diagnostic;
  /** Other places the problem is about (the other file of a problem across files). */
  related?: readonly Related[];
}

export interface Related {
  file: string;
  range: Diagnostic['range'];
  message: string;
}

/** A file that could not be read or checked. */
export interface Unreadable {
  file: string;
  message: string;
}

const oneBased = (r: Diagnostic['range']) => ({ line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

/** The finding as one line of output (every format but sarif, which is written whole). */
export function formatFinding(f: Finding, format: Exclude<Format, 'sarif'>, colour = false): string {
  const d = f.diagnostic;
  const severity = SEVERITY_NAMES[d.severity ?? 1];
  const at = oneBased(d.range);
  if (format === 'jsonl') {
    return JSON.stringify({
      file: f.file,
      ...at,
      severity,
      code: d.code,
      message: d.message,
      encoding: f.encoding,
      ...(f.related?.length ? { relatedInformation: f.related.map((r) => ({ file: r.file, ...oneBased(r.range), message: r.message })) } : {}),
    });
  }
  if (format === 'github') {
    const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${property(f.file)}`, `line=${at.line}`, `col=${at.column}`, `endLine=${at.endLine}`, `endColumn=${at.endColumn}`, `title=${property(String(d.code))}`];
    return `::${command} ${props.join(',')}::${data(d.message)}`;
  }
  const label = colour ? paint(severity) : severity;
  return `${f.file}:${at.line}:${at.column}: ${label} ${d.code}: ${d.message}`;
}

// GitHub's workflow commands: data escapes %, CR and LF; properties also `:` and `,`.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function paint(severity: SeverityName): string {
  const code = severity === 'error' ? 31 : severity === 'warning' ? 33 : 36;
  return `\u001b[${code}m${severity}\u001b[0m`;
}

const SARIF_LEVEL: Record<SeverityName, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** An unreadable file as a line of jsonl or github output (text writes it to stderr). */
export function formatUnreadable(u: Unreadable, format: 'jsonl' | 'github'): string {
  // The same keys as a problem's, so that a reader of the stream (pandas, DuckDB, jq) needs no
  // special case: at the file's start, read in no encoding.
  if (format === 'jsonl') return JSON.stringify({ file: u.file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'unreadable', message: u.message, encoding: null });
  return `::error file=${property(u.file)},title=unreadable::${data(u.message)}`;
}

const region = (r: Diagnostic['range']) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

/**
 * One SARIF 2.1.0 log of the run: every rule with its description, every finding with its
 * place and the places it relates to, and the files that could not be read as the run's
 * notifications.
 */
export function sarifLog(findings: readonly Finding[], rules: readonly DiagnosticRule[], version: string, toUri: (file: string) => string, unreadable: readonly Unreadable[] = []): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rmrb',
            version,
            rules: rules.map((r) => ({
              id: r.code,
              shortDescription: { text: r.summary.en },
              fullDescription: { text: r.summary.en },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        results: findings.map((f) => {
          const d = f.diagnostic;
          return {
            ruleId: String(d.code),
            ruleIndex: rules.findIndex((r) => r.code === d.code),
            level: SARIF_LEVEL[SEVERITY_NAMES[d.severity ?? 1]],
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.file) }, region: region(d.range) } }],
            ...(f.related?.length
              ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: toUri(r.file) }, region: region(r.range) } })) }
              : {}),
          };
        }),
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((u) => ({ level: 'error', message: { text: u.message }, locations: [{ physicalLocation: { artifactLocation: { uri: toUri(u.file) } } }] })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** `3 errors and 1 warning in 2 of 5 files.`, or in Chinese `5 个文件中有 2 个存在问题：3 个错误，1 个警告。` */
export function summary(errors: number, warnings: number, filesWithProblems: number, files: number, locale: 'en' | 'zh' = 'en'): string {
  if (locale === 'zh') {
    if (errors + warnings === 0) return `${files} 个文件均无问题。`;
    return `${files} 个文件中有 ${filesWithProblems} 个存在问题：${errors} 个错误，${warnings} 个警告。`;
  }
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  if (errors + warnings === 0) return `No problems in ${n(files, 'file')}.`;
  return `${n(errors, 'error')} and ${n(warnings, 'warning')} in ${filesWithProblems} of ${n(files, 'file')}.`;
}
