// Folding ranges: each record, each field spanning lines, each section of 正文. When the
// client allows fewer ranges than there are, records are kept first, then fields, then sections.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { CorpusDocument } from '../parser/corpusDocument';
import type { Field } from '../types';
import { lineIn } from './positions';

export function getFoldingRanges(doc: CorpusDocument, rangeLimit = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const records: FoldingRange[] = [];
  const fields: FoldingRange[] = [];
  const sections: FoldingRange[] = [];

  for (let i = 0; i < doc.records.length; i++) {
    const record = doc.records[i];
    const text = doc.recordTexts[i];
    const first = record.fields[0];
    if (first) {
      const startLine = lineIn(doc, i, first.open.start);
      const endLine = lineIn(doc, i, Math.max(record.contentEnd - 1, first.open.start));
      if (endLine > startLine) records.push({ startLine, endLine, kind: FoldingRangeKind.Region });
    }
    const visit = (field: Field) => {
      const startLine = lineIn(doc, i, field.open.start);
      let endLine: number;
      if (field.close) {
        endLine = lineIn(doc, i, field.close.start);
        // Keep a closing tag that stands on its own line visible, as HTML folding does.
        if (endLine > startLine && startsItsLine(text, field.close.start)) endLine--;
      } else {
        endLine = lineIn(doc, i, Math.max(field.valueEnd - 1, field.open.start));
      }
      if (endLine > startLine) fields.push({ startLine, endLine });
      for (const s of field.sections) {
        const sStart = lineIn(doc, i, s.start);
        const sEnd = lineIn(doc, i, Math.max(s.end - 1, s.start));
        if (sEnd > sStart) sections.push({ startLine: sStart, endLine: sEnd });
      }
      field.children.forEach(visit);
    };
    record.fields.forEach(visit);
  }

  let result = records.concat(fields, sections);
  if (result.length > rangeLimit) result = result.slice(0, Math.max(0, rangeLimit));
  return result.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function startsItsLine(text: string, rel: number): boolean {
  for (let p = rel - 1; p >= 0; p--) {
    const c = text.charCodeAt(p);
    if (c === 0x0a || c === 0x0d) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) return false;
  }
  return true;
}
