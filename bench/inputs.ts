// The hostile inputs of `npm run bench`, each from a fixed recipe so every run measures the
// same text: bytes that are no corpus at all, a corpus of many tiny one-line records, and one
// 1 MB line of unfinished tags.

/** `bytes` random bytes from a fixed seed (mulberry32, four bytes per draw). */
export function randomBytes(bytes: number, seed = 20130908): Buffer {
  const buf = Buffer.alloc(bytes);
  let a = seed >>> 0;
  for (let i = 0; i < bytes; i += 4) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const v = (t ^ (t >>> 14)) >>> 0;
    for (let k = 0; k < 4 && i + k < bytes; k++) buf[i + k] = (v >>> (8 * k)) & 0xff;
  }
  return buf;
}

/** `count` records of one line each, every one complete, numbered 1…count. */
export function oneLineRecords(count: number): string {
  const lines: string[] = [];
  for (let n = 1; n <= count; n++) {
    lines.push(
      `〖RQ/日期〗20130908〖-RQ/日期〗〖BH/版号〗01〖-BH/版号〗〖TH/条号〗${n}〖-TH/条号〗` +
        `〖BT/标题〗标题${n}〖-BT/标题〗〖ZW/正文〗正文〖-ZW/正文〗`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The worst case for code actions: a body of one 1 MB line of `〖JZ；`, 262,144 unfinished tags. */
export const JZ_UNITS = 262144;
export function unfinishedTagLine(): string {
  return '〖ZW/正文〗\n' + '〖JZ；'.repeat(JZ_UNITS) + '\n〖-ZW/正文〗\n';
}
