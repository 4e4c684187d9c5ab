// Dates as the format writes them: YYYYMMDD.

/** `[0-9]+`, without a regular expression: every number field of every record is read. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Two page or item numbers are one when both are digits of the same number: BH `03` is page 3
 * (a file name's two digits, a query typed by hand). Compared as digits, so no length overflows.
 */
export function sameNumber(a: string, b: string): boolean {
  return isDigits(a) && isDigits(b) && a.replace(/^0+/, '') === b.replace(/^0+/, '');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDay(yyyymmdd: string): boolean {
  let y: number;
  let m: number;
  let d: number;
  if (yyyymmdd.length === 8 && isDigits(yyyymmdd)) {
    // Every RQ of a file comes here: its digits are read without slicing.
    const at = (k: number) => yyyymmdd.charCodeAt(k) - 0x30;
    y = at(0) * 1000 + at(1) * 100 + at(2) * 10 + at(3);
    m = at(4) * 10 + at(5);
    d = at(6) * 10 + at(7);
  } else {
    y = Number(yyyymmdd.slice(0, 4));
    m = Number(yyyymmdd.slice(4, 6));
    d = Number(yyyymmdd.slice(6, 8));
  }
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
  return d <= days;
}

/** `20130908` → `2013-09-08`. */
export function formatDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

export function todayYYYYMMDD(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(now.getFullYear(), 4)}${p(now.getMonth() + 1)}${p(now.getDate())}`;
}

/**
 * Reads dates written another way (`1993-07-13`, `1993.7.13`, `1993年7月13日`) as YYYYMMDD,
 * for the quick fix; undefined when the text is not such a date.
 */
export function normalizeDate(value: string): string | undefined {
  const m = /^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$/.exec(value);
  if (!m) return undefined;
  const out = `${m[1]}${m[2].padStart(2, '0')}${m[3].padStart(2, '0')}`;
  return isRealDay(out) ? out : undefined;
}
