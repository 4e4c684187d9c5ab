// Generators shared by the property tests: random documents built from tag fragments, CJK,
// 𠀀, CR/LF, a BOM, bracket and separator fragments and decoded random bytes; and mutations
// of the real sample (slices deleted, inserted, duplicated).

import fc from 'fast-check';
import { SAMPLE } from '../core/helpers';

export const TAGS = ['ZQ/总期', 'RQ/日期', 'BH/版号', 'TH/条号', 'YT/引题', 'BT/标题', 'FT/副题', 'ZZ/作者', 'FL/分类', 'BM/版名', 'TC/体裁', 'ZW/正文', 'HH/换行', 'JZ/加重', 'ZI/字符'];
export const FRAGMENTS = [
  ...TAGS.map((t) => `〖${t}〗`),
  ...TAGS.map((t) => `〖-${t}〗`),
  '〖', '〗', '-', '/', '；', ';', '：', '〖JZ；', '〖BT/标题', '〖-ZW/正文', '〖rq/日期〗', '〖R1/日期〗', '〖/日期〗', '〖XX/某某〗', '〖-XX/某某〗', '〖〗',
  '\n', '\r\n', '\r', '\n\n', ' ', '　', '\t', '\ufeff', '\u200b', '\ufffd', 'ÖÐ»ªÈËÃñ',
  '中华人民共和国', '正文', '标题', '𠀀', '𠀀𠀀', '一', '\n一\n', '\n    十一\n', '二〇一三年',
  '20130908', '19930230', '1993-07-13', '0', '002', 'D822', 'L123', 'abc',
];

export const fragment = fc.constantFrom(...FRAGMENTS);
export const decodedBytes = fc
  .tuple(fc.uint8Array({ maxLength: 24 }), fc.constantFrom('utf-8', 'latin1', 'utf-16le'))
  .map(([bytes, enc]) => new TextDecoder(enc).decode(bytes));
export const anyText = fc.string({ unit: 'binary', maxLength: 8 });
export const piece = fc.oneof({ weight: 8, arbitrary: fragment }, { weight: 1, arbitrary: decodedBytes }, { weight: 1, arbitrary: anyText });

/** A record-shaped document: headers, a body, and defects sprinkled in. */
export const recordish = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...TAGS.slice(0, 11)), fc.array(piece, { maxLength: 3 })).map(([t, v]) => `〖${t}〗${v.join('')}〖-${t}〗\n`),
      fc.array(piece, { maxLength: 6 }).map((v) => `〖ZW/正文〗\n${v.join('')}\n〖-ZW/正文〗\n`),
      piece,
    ),
    { maxLength: 25 },
  )
  .map((xs) => xs.join(''));

export const soup = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));

export const withBom = (arb: fc.Arbitrary<string>) => fc.tuple(fc.boolean(), arb).map(([bom, t]) => (bom ? '\ufeff' + t : t));

/** Edits of the sample: delete, insert, duplicate slices. */
export const sampleEdit = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
  at: fc.nat(),
  len: fc.oneof(fc.nat({ max: 20 }), fc.nat({ max: 2000 })),
  from: fc.nat(),
  text: fc.array(piece, { maxLength: 3 }).map((xs) => xs.join('')),
});
export type SampleEdit = typeof sampleEdit extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, edits: SampleEdit[]): string {
  for (const e of edits) {
    const at = text.length ? e.at % (text.length + 1) : 0;
    const end = Math.min(text.length, at + e.len);
    if (e.kind === 'delete') text = text.slice(0, at) + text.slice(end);
    else if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
    else if (e.kind === 'replace') text = text.slice(0, at) + e.text + text.slice(end);
    else {
      const from = text.length ? e.from % text.length : 0;
      text = text.slice(0, at) + text.slice(from, from + e.len) + text.slice(at);
    }
  }
  return text;
}

export const mutatedSample = fc.tuple(fc.array(sampleEdit, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n')).map(([edits, eol]) => mutate(eol === '\n' ? SAMPLE : SAMPLE.replace(/\n/g, '\r\n'), edits));

export const documents = fc.oneof(withBom(recordish), withBom(soup), mutatedSample);

/** LSP counts a lone CR as a line end, the core does not yet: tested apart (see positions.test.ts). */
export const noLoneCr = (t: string) => t.replace(/\r(?!\n)/g, '\r\n');


/** Ways a real file damages one tag: what the fixes must mend without losing a word. */
const DAMAGES: Array<(tag: string) => string> = [
  (t) => t.slice(0, -1), // the 〗 lost
  (t) => t.replace(/\/.*〗$/, ''), // the name and the 〗 lost: 〖BT中华…
  (t) => t.replace(/〗$/, '').replace(/\/.*$/, '/'), // 〖BT/中华…
  (t) => t.replace('/', '；').replace(/〗$/, '').replace(/；.*$/, '；'), // 〖BT；中华…
  (t) => t.replace(/〖(-?)([A-Z]{2})\/.*〗/, (_, d: string, c: string) => `〖${d}${c.toLowerCase()}`), // 〖bt中华…
  (t) => t.replace(/\/(.+)〗$/, (_, n: string) => '/' + n.slice(-1)), // 〖BT/题中华…: half the name, no 〗
  (t) => t.replace('/', '；'),
  (t) => t.replace('/', ';'),
  (t) => t.replace(/[A-Z]{2}/, (c) => c.toLowerCase()),
  (t) => t.replace('〖-', '〖'), // a closing tag lost its -
  () => '', // the tag lost whole
  (t) => t + '\u200b',
];

/** The sample (or a record of it) with some of its tags damaged the ways real files are. */
export const damagedSample = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: DAMAGES.length - 1 })), { minLength: 1, maxLength: 4 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([hits, eol, bom]) => {
    let text = eol === '\n' ? SAMPLE : SAMPLE.replace(/\n/g, '\r\n');
    for (const [at, how] of hits) {
      const tags = [...text.matchAll(/〖-?[A-Z]{2}\/[^〖〗]+〗/g)];
      if (tags.length === 0) break;
      const m = tags[at % tags.length];
      text = text.slice(0, m.index) + DAMAGES[how](m[0]) + text.slice(m.index! + m[0].length);
    }
    return bom ? '\ufeff' + text : text;
  });

/** Documents broken in many ways, for the fixes. */
export const brokenDocuments = fc.oneof(damagedSample, damagedSample, documents);
