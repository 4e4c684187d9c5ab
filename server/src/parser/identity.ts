// What identifies an article: (RQ, BH, TH), and its ZQ, read off its fields once parsed.

import { detach } from '../text/chars';
import { isDigits } from '../text/dates';
import type { RecordIdentity } from '../types';
import type { OpenField } from './parsedRecord';

/** The values that identify a record, copied so the record never pins the document's text. */
export function identify(text: string, fields: readonly OpenField[]): RecordIdentity | undefined {
  let rqField: OpenField | undefined;
  let zqField: OpenField | undefined;
  let bhField: OpenField | undefined;
  let thField: OpenField | undefined;
  for (const f of fields) {
    if (f.code === 'RQ') rqField ??= f;
    else if (f.code === 'ZQ') zqField ??= f;
    else if (f.code === 'BH') bhField ??= f;
    else if (f.code === 'TH') thField ??= f;
  }
  if (!rqField) return undefined;
  const rq = trimmedValue(text, rqField);
  if (rq.length !== 8 || !isDigits(rq)) return undefined;
  const zq = zqField ? trimmedValue(text, zqField) : '';
  const zqOk = zq.length > 0 && isDigits(zq);
  const at = zqOk ? zqField! : rqField;
  return {
    rq,
    bh: bhField ? trimmedValue(text, bhField) : '',
    th: thField ? trimmedValue(text, thField) : '',
    zq: zqOk ? zq : '',
    zqStart: trimmedStart(text, at),
    zqEnd: trimmedEnd(text, at, trimmedStart(text, at)),
    start: fields[0].openStart,
    end: fields[0].valueStart,
  };
}

/**
 * A field's value as `String.prototype.trim` leaves it, detached. Consecutive records mostly
 * share their date and page: a value equal to the last one of its field is that string again.
 */
function trimmedValue(text: string, f: OpenField): string {
  const s = trimmedStart(text, f);
  const e = trimmedEnd(text, f, s);
  const slot = f.code === 'RQ' ? 0 : f.code === 'BH' ? 1 : f.code === 'TH' ? 2 : 3;
  const last = lastValues[slot];
  if (last.length === e - s && e - s <= 24 && isAt(text, s, last)) return last;
  return (lastValues[slot] = detach(text.slice(s, e), 24));
}
const lastValues = ['', '', '', ''];

/** Where a field's value starts and ends without the blanks around it: where a problem about it is shown. */
function trimmedStart(text: string, f: OpenField): number {
  let s = f.valueStart;
  while (s < f.valueEnd && isTrimmed(text.charCodeAt(s))) s++;
  return s;
}
function trimmedEnd(text: string, f: OpenField, start: number): number {
  let e = f.valueEnd;
  while (e > start && isTrimmed(text.charCodeAt(e - 1))) e--;
  return e;
}

function isAt(text: string, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** What `trim` removes: ECMAScript's white space and line terminators. */
const isTrimmed = (c: number) =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;


