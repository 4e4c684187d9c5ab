// The two rules every fix keeps, on documents broken the ways real files are and at random:
//
//  - a fix rewrites or removes markup only: the article's words (the text with every tag
//    removed, read here by a regex of its own, not by the parser) are the same before and
//    after, but for the invisible characters a fix exists to remove;
//  - a fix never makes a problem that was not there: the codes after it are a subset of
//    those before, and errors never grow.
//
// For every quick fix offered anywhere in the document, and for fix all. The date fix
// rewrites a catalogue value (`1993-07-13` → `19930713`), not words: its words are compared
// with that rule off, and its problems with it on.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodeActionKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { BUILT_IN_TAGS } from '../../server/src/tags/tagTable';
import { applyEdits, lspDoc, service } from '../core/helpers';
import { brokenDocuments, noLoneCr } from './generators';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const params = (numRuns = RUNS) => ({ numRuns, seed: SEED });
const URI = 'file:///fix.rmrb';

const ls = service({ maxProblems: 100000 });
const noDates = service({ maxProblems: 100000, severity: { 'invalid-date': 'off' } });

const NAMES = BUILT_IN_TAGS.map((t) => t.name).sort((a, b) => b.length - a.length);
// A tag is `〖…〗` on one line with no other bracket inside; one that lost its `〗` is `〖`,
// a `-`, a code, a separator and a known name when one follows. Left to right, as a reader.
const TAG = new RegExp(`〖[^〖〗\\r\\n]*〗|〖-?[A-Za-z0-9]*[/／;；:：，,、\\\\|]?(?:${NAMES.join('|')})?`, 'g');
const INVISIBLE_OR_BLANK = /[\s\u3000\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffd]/g;
const words = (text: string) => text.replace(TAG, '').replace(INVISIBLE_OR_BLANK, '');

const codes = (ds: Diagnostic[]) => new Set(ds.map((d) => String(d.code)));
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error).length;

function assertNoNewProblem(before: string, after: string, what: string): void {
  const b = ls.getDiagnostics(ls.parse(before), 'en');
  const a = ls.getDiagnostics(ls.parse(after), 'en');
  const bc = codes(b);
  for (const code of codes(a)) assert.ok(bc.has(code), `${what} made a new ${code}:\n${JSON.stringify(before)}\n→ ${JSON.stringify(after)}`);
  assert.ok(errors(a) <= errors(b), `${what}: ${errors(b)} errors became ${errors(a)}:\n${JSON.stringify(before)}\n→ ${JSON.stringify(after)}`);
}

function assertSameWords(before: string, after: string, what: string): void {
  assert.equal(words(after), words(before), `${what} changed the article's words:\n${JSON.stringify(before)}\n→ ${JSON.stringify(after)}`);
}

describe('fix properties', function () {
  this.timeout(300000);

  it('every quick fix keeps the words and makes no new problem', () => {
    fc.assert(
      fc.property(brokenDocuments.map(noLoneCr), (text) => {
        const doc = ls.parse(text);
        const end = lspDoc(text).positionAt(text.length);
        const actions = ls.getCodeActions(doc, URI, { start: { line: 0, character: 0 }, end }, 'en', [CodeActionKind.QuickFix]);
        for (const action of actions) {
          const fixed = applyEdits(text, action.edit?.changes?.[URI] ?? []);
          const what = `“${action.title}” (${action.diagnostics?.[0]?.code})`;
          if (action.diagnostics?.[0]?.code !== 'invalid-date') assertSameWords(text, fixed, what);
          assertNoNewProblem(text, fixed, what);
        }
      }),
      params(),
    );
  });

  it('fix all keeps the words and makes no new problem', () => {
    fc.assert(
      fc.property(brokenDocuments.map(noLoneCr), (text) => {
        assertSameWords(text, applyEdits(text, noDates.getFixAllEdits(noDates.parse(text))), 'fix all');
        const fixed = applyEdits(text, ls.getFixAllEdits(ls.parse(text)));
        assertNoNewProblem(text, fixed, 'fix all');
      }),
      params(),
    );
  });

  it('fix all leaves nothing for a second fix all to do, or less', () => {
    fc.assert(
      fc.property(brokenDocuments.map(noLoneCr), (text) => {
        const once = applyEdits(text, ls.getFixAllEdits(ls.parse(text)));
        const twice = applyEdits(once, ls.getFixAllEdits(ls.parse(once)));
        assertSameWords(once, twice, 'a second fix all');
        assertNoNewProblem(once, twice, 'a second fix all');
      }),
      params(100),
    );
  });
});
