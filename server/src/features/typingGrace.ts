// A tag being typed is not yet a mistake. Typing `〖` gives `〖〗` (the bracket pair closes
// itself), then `〖B〗`, `〖BM/〗`…: each a malformed tag until the name is in. Shown at once, the
// error would flash at every keystroke; so for a moment after an edit, a malformed tag that
// holds the place just typed at is left out of what is shown. The host says when the moment
// is over and shows it again if it is still there.

import type { Diagnostic, Position } from 'vscode-languageserver-types';
import type { CorpusDocument } from '../parser/corpusDocument';
import { lineEndAt } from '../parser/lines';
import { offsetAt, recordAt } from './positions';

/** How long after the last edit a tag being typed at it is not shown as malformed. */
export const TYPING_GRACE_MS = 1500;

/**
 * The diagnostics without a malformed tag being typed: one that holds `at`, the place right
 * after the text just typed, with nothing after it on its line (`restOfLine` gives the text
 * from a place to the line's end). A tag mistyped among words (a wrong separator in
 * `〖BT；标题〗标题…`) is shown at once.
 */
export function hideTagBeingTyped(diagnostics: Diagnostic[], at: Position, restOfLine: (p: Position) => string): Diagnostic[] {
  const typing = (d: Diagnostic) =>
    d.code === 'malformed-tag' &&
    d.range.start.line === at.line &&
    d.range.end.line === at.line &&
    d.range.start.character < at.character &&
    at.character <= d.range.end.character &&
    restOfLine(d.range.end).trim() === '';
  return diagnostics.some(typing) ? diagnostics.filter((d) => !typing(d)) : diagnostics;
}

/** The text of `text` from `offset` to the end of its line. */
function restOfLineAt(text: string, offset: number): string {
  return text.slice(offset, lineEndAt(text, offset));
}

/**
 * The document's text from `position` to the end of its line, read from the record holding it
 * (a line never runs across records): after an edit the document's whole text is a join of
 * every record's, 10 MB made at each keystroke if it were asked for.
 */
export function restOfLine(doc: CorpusDocument, position: Position): string {
  const offset = offsetAt(doc, position);
  const i = recordAt(doc, offset);
  const text = doc.recordTexts[i] ?? '';
  return restOfLineAt(text, offset - (doc.recordStarts[i] ?? 0));
}

/** Where the cursor stands after an edit: the end of the text it put at `start`. */
export function placeAfter(start: Position, text: string): Position {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.length === 1 ? { line: start.line, character: start.character + text.length } : { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
}
