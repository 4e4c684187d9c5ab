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
  SelectionRange,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Locale } from './diagnostics/catalogue';
import { parseDocument, updateDocument, type CorpusDocument, type TextChange } from './parser/corpusDocument';
import type { ParseContext } from './parser/recordParser';
import type { CheckContext } from './rules/check';
import { startParse, type SteppedParse } from './parser/steppedParse';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { createTagTable, type ExtraTag } from './tags/tagTable';
import type { Position, Range } from './types';
import { todayYYYYMMDD } from './text/dates';
import { fixAllEdit, fixAllEdits, getCodeActions, resolveQuickFix, type CodeActionOptions, type QuickFixData } from './features/codeActions';
import { getCompletions, type CompletionOptions } from './features/completion';
import { fieldValueCounts } from './features/fieldValues';
import { articlesOf, checkArticles, type Article, type ArticleProblem } from './features/articleIndex';
import { getDiagnostics, type DiagnosticsOptions } from './features/diagnostics';
import { getFoldingRanges } from './features/folding';
import { getHover } from './features/hover';
import { offsetAt, positionAt } from './features/positions';
import { getDocumentSymbols } from './features/symbols';
import { searchArticles, symbolEntriesOf, type SymbolEntry } from './features/workspaceSymbols';
import { getDocumentHighlights, getLinkedEditingRanges, getMatchingTag, getTagRename, type LinkedEditingRanges } from './features/tagPairs';
import { getAutoClose } from './features/autoClose';
import { getSelectionRanges } from './features/selectionRanges';

export type { CorpusDocument, TextChange } from './parser/corpusDocument';
export type { SteppedParse } from './parser/steppedParse';
export type { Settings } from './settings';
export type { Locale } from './diagnostics/catalogue';
export type { DiagnosticsOptions } from './features/diagnostics';
export type { Article, ArticleProblem } from './features/articleIndex';
export type { SymbolEntry } from './features/workspaceSymbols';
export type { CompletionOptions } from './features/completion';
export { normalizeSettings, DEFAULT_SETTINGS } from './settings';
export { validTagPart } from './features/tagPairs';
export { allRules, DIAGNOSTIC_CODES, localeFrom } from './diagnostics/catalogue';
export { FIX_ALL_KIND, type AddTagArguments, type CodeActionOptions, type FixAllData, type QuickFixData } from './features/codeActions';

export interface LanguageServiceOptions {
  settings?: Settings;
  /** Today as YYYYMMDD; a function so that a long-running server moves with the calendar. */
  today?: () => string;
}

export interface LanguageService {
  readonly settings: Settings;
  /**
   * Replaces the settings. True when the tag table changed: documents parsed before must then
   * be parsed again. Any other setting only re-runs the checks, when next asked for.
   */
  configure(settings: Settings): boolean;
  parse(text: string): CorpusDocument;
  /** The same parse as `parse`, run a slice at a time (see parser/steppedParse.ts). */
  startParse(text: string): SteppedParse;
  /** Applies LSP content changes (each against the text the previous one left). */
  update(doc: CorpusDocument, changes: readonly TextChange[]): CorpusDocument;
  getDiagnostics(doc: CorpusDocument, locale: Locale, options?: DiagnosticsOptions): Diagnostic[];
  /** The checks across records, over the articles of many files (a command-line run). */
  checkArticles(articles: readonly Article[]): ArticleProblem[];
  getFoldingRanges(doc: CorpusDocument, rangeLimit?: number): FoldingRange[];
  getDocumentSymbols(doc: CorpusDocument, locale: Locale): DocumentSymbol[];
  /** The document's articles as the workspace search keeps them (kept when the file closes). */
  getSymbolEntries(doc: CorpusDocument, uri: string): SymbolEntry[];
  /** The document's articles as the checks across files see them, `file` naming it in messages. */
  getArticles(doc: CorpusDocument, file: string): Article[];
  /** The articles of many files a query finds (workspace/symbol), at most `limit` (1000). */
  searchArticles(entries: readonly SymbolEntry[], query: string, locale: Locale, limit?: number): SymbolInformation[];
  getHover(doc: CorpusDocument, position: Position, locale: Locale): Hover | null;
  /** Completion; `options` from the host: the workspace's values, the command that opens the suggestions again. */
  getCompletions(doc: CorpusDocument, position: Position, locale: Locale, options?: Omit<CompletionOptions, 'today' | 'fileValues'>): CompletionItem[];
  getCodeActions(doc: CorpusDocument, uri: string, range: Range, locale: Locale, only?: readonly string[], options?: CodeActionOptions): CodeAction[];
  getFixAllEdits(doc: CorpusDocument): TextEdit[];
  /** The edit of a "fix all" offered without one (`codeAction/resolve`). */
  resolveFixAll(doc: CorpusDocument, uri: string): WorkspaceEdit;
  /** The edit of a quick fix offered without one, checked now; undefined when it no longer applies. */
  resolveQuickFix(doc: CorpusDocument, uri: string, data: QuickFixData): WorkspaceEdit | undefined;
  getDocumentHighlights(doc: CorpusDocument, position: Position): DocumentHighlight[];
  getLinkedEditingRanges(doc: CorpusDocument, position: Position): LinkedEditingRanges | null;
  /** The other tag of the field whose tag holds the position. */
  getMatchingTag(doc: CorpusDocument, position: Position): Range | null;
  /** F2 on a tag's code or name: both tags' places to rename, and what they hold. */
  getTagRename(doc: CorpusDocument, position: Position): { ranges: Range[]; text: string; part: 'code' | 'name' } | null;
  /** What to insert after the `〗` of an opening tag just typed: a snippet with its closing tag, or null. */
  getAutoClose(doc: CorpusDocument, position: Position): string | null;
  /** Expand Selection from each position: value → field → record, and so on. */
  getSelectionRanges(doc: CorpusDocument, positions: readonly Position[]): SelectionRange[];
  positionAt(doc: CorpusDocument, offset: number): Position;
  offsetAt(doc: CorpusDocument, position: Position): number;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const today = options.today ?? (() => todayYYYYMMDD());
  let settings = options.settings ?? { ...DEFAULT_SETTINGS };
  let parseContext: ParseContext = { table: createTagTable(settings.extraTags) };
  let checks: CheckContext | undefined;
  /** Bumped whenever what the checks see changes: answers computed before are not reused. */
  let generation = 0;

  // Per-document memo: the document object is immutable, so a WeakMap keyed by it is exact.
  const memo = new WeakMap<CorpusDocument, Map<string, unknown>>();
  const once = <T>(doc: CorpusDocument, key: string, compute: () => T): T => {
    let m = memo.get(doc);
    if (!m) memo.set(doc, (m = new Map()));
    if (!m.has(key)) m.set(key, compute());
    return m.get(key) as T;
  };

  /**
   * What the checks depend on: the settings, and today's date when no latest date is set. A
   * new day makes a new context, so the checks move with the calendar; the parse never does.
   */
  const checkContext = (doc: CorpusDocument | undefined): CheckContext => {
    const latest = settings.latestDate || today();
    const table = doc?.context.table ?? parseContext.table;
    if (!checks || checks.latestDate !== latest || checks.table !== table) {
      checks = { table, requiredFields: settings.requiredFields, earliestDate: settings.earliestDate, latestDate: latest };
      generation++;
    }
    return checks;
  };
  /** Memoised per document, and per check context for what the checks decide. */
  const checked = <T>(doc: CorpusDocument, key: string, compute: (ctx: CheckContext) => T): T => {
    const ctx = checkContext(doc);
    return once(doc, `${generation}:${key}`, () => compute(ctx));
  };

  const fixAll = (doc: CorpusDocument) => checked(doc, 'fixAll', (ctx) => fixAllEdits(doc, settings, ctx));

  return {
    get settings() {
      return settings;
    },
    configure(next) {
      const tablesDiffer = !sameExtraTags(settings.extraTags, next.extraTags);
      settings = next;
      checks = undefined;
      if (tablesDiffer) parseContext = { table: createTagTable(settings.extraTags) };
      return tablesDiffer;
    },
    parse(text) {
      return parseDocument(text, parseContext);
    },
    startParse(text) {
      return startParse(text, parseContext);
    },
    update(doc, changes) {
      return doc.context === parseContext ? updateDocument(doc, changes) : this.parse(updateDocument(doc, changes).text);
    },
    getDiagnostics: (doc, locale, options = {}) =>
      checked(doc, `diagnostics:${locale}:${options.uri ?? ''}:${options.acrossRecords ?? true}:${options.records ? `${options.records.from}-${options.records.to}` : ''}`, (ctx) =>
        getDiagnostics(doc, settings, locale, ctx, options),
      ),
    checkArticles: (articles) => checkArticles(articles, checkContext(undefined)),
    getFoldingRanges: (doc, rangeLimit) => once(doc, `folding:${rangeLimit}`, () => getFoldingRanges(doc, rangeLimit)),
    getDocumentSymbols: (doc, locale) => checked(doc, `symbols:${locale}`, () => getDocumentSymbols(doc, locale, settings.outlineMaxSymbols)),
    getSymbolEntries: (doc, uri) => once(doc, `symbolEntries:${uri}`, () => symbolEntriesOf(doc, uri)),
    getArticles: (doc, file) => once(doc, `articles:${file}`, () => articlesOf(doc, file)),
    searchArticles,
    getHover: (doc, position, locale) => getHover(doc, position, locale, checkContext(doc)),
    getCompletions: (doc, position, locale, options) =>
      getCompletions(doc, position, locale, { ...options, today: today(), fileValues: () => once(doc, 'fieldValues', () => fieldValueCounts(doc)) }),
    getCodeActions: (doc, uri, range, locale, only, options) =>
      getCodeActions(doc, uri, range, settings, checkContext(doc), locale, only, options, () => fixAll(doc)),
    getFixAllEdits: (doc) => fixAll(doc),
    resolveFixAll: (doc, uri) => fixAllEdit(uri, fixAll(doc)),
    resolveQuickFix: (doc, uri, data) => resolveQuickFix(doc, uri, data, settings, checkContext(doc)),
    getDocumentHighlights,
    getLinkedEditingRanges,
    getMatchingTag,
    getTagRename,
    getAutoClose,
    getSelectionRanges,
    positionAt,
    offsetAt,
  };
}

function sameExtraTags(a: readonly ExtraTag[], b: readonly ExtraTag[]): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
