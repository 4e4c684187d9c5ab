// The one public door to the language core. It holds the settings and the tag table, parses
// and updates documents, and answers every feature from a document's parse, computing each
// result once per document version (the document object is the version) and sharing it.
//
// Architecture invariant: nothing under server/src outside lsp/ and node/ imports
// `vscode`, `vscode-languageserver` or a Node module. Results use LSP value types only.

import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Locale } from './diagnostics/catalogue';
import { parseDocument, updateDocument, type CorpusDocument, type TextChange } from './parser/corpusDocument';
import type { ParseContext } from './parser/recordParser';
import { startParse, type SteppedParse } from './parser/steppedParse';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { createTagTable } from './tags/tagTable';
import type { Position, Range } from './types';
import { todayYYYYMMDD } from './validation/values';
import { fixAllEdit, fixAllEdits, getCodeActions, resolveQuickFix, type CodeActionOptions, type QuickFixData } from './features/codeActions';
import { getCompletions } from './features/completion';
import { getDiagnostics } from './features/diagnostics';
import { getFoldingRanges } from './features/folding';
import { getHover } from './features/hover';
import { offsetAt, positionAt } from './features/positions';
import { getDocumentSymbols } from './features/symbols';
import { getDocumentHighlights, getLinkedEditingRanges, type LinkedEditingRanges } from './features/tagPairs';

export type { CorpusDocument, TextChange } from './parser/corpusDocument';
export type { SteppedParse } from './parser/steppedParse';
export type { Settings } from './settings';
export type { Locale } from './diagnostics/catalogue';
export { normalizeSettings, DEFAULT_SETTINGS } from './settings';
export { allRules, DIAGNOSTIC_CODES, localeFrom } from './diagnostics/catalogue';
export { FIX_ALL_KIND, type AddTagArguments, type CodeActionOptions, type FixAllData, type QuickFixData } from './features/codeActions';

export interface LanguageServiceOptions {
  settings?: Settings;
  /** Today as YYYYMMDD; a function so that a long-running server moves with the calendar. */
  today?: () => string;
}

export interface LanguageService {
  readonly settings: Settings;
  /** Replaces the settings. Documents parsed before must be parsed again. */
  configure(settings: Settings): void;
  parse(text: string): CorpusDocument;
  /** The same parse as `parse`, run a slice at a time (see parser/steppedParse.ts). */
  startParse(text: string): SteppedParse;
  /** Applies LSP content changes (each against the text the previous one left). */
  update(doc: CorpusDocument, changes: readonly TextChange[]): CorpusDocument;
  /** True when `doc` was parsed under the current settings. */
  isCurrent(doc: CorpusDocument): boolean;
  getDiagnostics(doc: CorpusDocument, locale: Locale): Diagnostic[];
  getFoldingRanges(doc: CorpusDocument, rangeLimit?: number): FoldingRange[];
  getDocumentSymbols(doc: CorpusDocument, locale: Locale): DocumentSymbol[];
  getHover(doc: CorpusDocument, position: Position, locale: Locale): Hover | null;
  getCompletions(doc: CorpusDocument, position: Position, locale: Locale): CompletionItem[];
  getCodeActions(doc: CorpusDocument, uri: string, range: Range, locale: Locale, only?: readonly string[], options?: CodeActionOptions): CodeAction[];
  getFixAllEdits(doc: CorpusDocument): TextEdit[];
  /** The edit of a "fix all" offered without one (`codeAction/resolve`). */
  resolveFixAll(doc: CorpusDocument, uri: string): WorkspaceEdit;
  /** The edit of a quick fix offered without one, checked now; undefined when it no longer applies. */
  resolveQuickFix(doc: CorpusDocument, uri: string, data: QuickFixData): WorkspaceEdit | undefined;
  getDocumentHighlights(doc: CorpusDocument, position: Position): DocumentHighlight[];
  getLinkedEditingRanges(doc: CorpusDocument, position: Position): LinkedEditingRanges | null;
  positionAt(doc: CorpusDocument, offset: number): Position;
  offsetAt(doc: CorpusDocument, position: Position): number;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const today = options.today ?? (() => todayYYYYMMDD());
  let settings = options.settings ?? { ...DEFAULT_SETTINGS };
  let context = makeContext(settings, today());

  // Per-document memo: the document object is immutable, so a WeakMap keyed by it is exact.
  const memo = new WeakMap<CorpusDocument, Map<string, unknown>>();
  const once = <T>(doc: CorpusDocument, key: string, compute: () => T): T => {
    let m = memo.get(doc);
    if (!m) memo.set(doc, (m = new Map()));
    if (!m.has(key)) m.set(key, compute());
    return m.get(key) as T;
  };

  const fixAll = (doc: CorpusDocument) => once(doc, 'fixAll', () => fixAllEdits(doc, settings));
  /** The context to parse with: the settings', and today's date when no latest date is set. */
  const currentContext = () => {
    const day = today();
    if (day > context.latestDate && !settings.latestDate) context = makeContext(settings, day);
    return context;
  };

  return {
    get settings() {
      return settings;
    },
    configure(next) {
      settings = next;
      context = makeContext(settings, today());
    },
    parse(text) {
      return parseDocument(text, currentContext());
    },
    startParse(text) {
      return startParse(text, currentContext());
    },
    update(doc, changes) {
      return doc.context === context ? updateDocument(doc, changes) : this.parse(updateDocument(doc, changes).text);
    },
    isCurrent: (doc) => doc.context === context,
    getDiagnostics: (doc, locale) => once(doc, `diagnostics:${locale}`, () => getDiagnostics(doc, settings, locale)),
    getFoldingRanges: (doc, rangeLimit) => once(doc, `folding:${rangeLimit}`, () => getFoldingRanges(doc, rangeLimit)),
    getDocumentSymbols: (doc, locale) => once(doc, `symbols:${locale}`, () => getDocumentSymbols(doc, locale, settings.outlineMaxSymbols)),
    getHover: (doc, position, locale) => getHover(doc, position, locale),
    getCompletions: (doc, position, locale) => getCompletions(doc, position, locale),
    getCodeActions: (doc, uri, range, locale, only, options) =>
      getCodeActions(doc, uri, range, settings, locale, only, options, () => fixAll(doc)),
    getFixAllEdits: (doc) => fixAll(doc),
    resolveFixAll: (doc, uri) => fixAllEdit(uri, fixAll(doc)),
    resolveQuickFix: (doc, uri, data) => resolveQuickFix(doc, uri, data, settings),
    getDocumentHighlights,
    getLinkedEditingRanges,
    positionAt,
    offsetAt,
  };
}

function makeContext(settings: Settings, today: string): ParseContext {
  return {
    table: createTagTable(settings.extraTags),
    requiredFields: settings.requiredFields,
    earliestDate: settings.earliestDate,
    latestDate: settings.latestDate || today,
  };
}
