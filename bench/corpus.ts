// A generated corpus made from the sample record: varied dates, issue numbers, pages and
// items, and a shuffled body, from a fixed seed so that every run measures the same text.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The project's root, whether this runs from bench/ or bundled into dist/bench/. */
export const ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../..' : '..');

export const SAMPLE = readFileSync(path.join(ROOT, 'test/fixtures/rmrb-20130908-002-3.txt'), 'utf8');

/** A small seeded random number generator: the bench's inputs are the same every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const field = (code: string, name: string, value: string) => `〖${code}/${name}〗${value}〖-${code}/${name}〗`;

export function generateCorpus(targetBytes: number, seed = 20130908): string {
  const random = mulberry32(seed);
  const value = (code: string) => new RegExp(`〖${code}/[^〗]+〗([^〖]*)〖-${code}/`).exec(SAMPLE)![1];
  const body = /〖ZW\/正文〗\n([\s\S]*?)〖-ZW\/正文〗/.exec(SAMPLE)![1].split('\n').filter((l) => l.length > 0);
  const paragraphs = body.filter((l) => !/^\s*[一二三四五六七八九十]+\s*$/.test(l));
  const title = value('BT');
  const pages = ['要闻', '国际', '经济', '理论', '文化', '体育'];
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八'];

  const records: string[] = [];
  let bytes = 0;
  let day = Date.UTC(1990, 0, 1);
  let issue = 14800;
  let page = 1;
  let item = 1;
  while (bytes < targetBytes) {
    if (random() < 0.15) {
      day += 86_400_000;
      issue++;
      page = 1;
      item = 1;
    } else if (random() < 0.3) {
      page++;
      item = 1;
    }
    const d = new Date(day);
    const rq = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    const lines = [
      field('ZQ', '总期', String(issue)),
      field('RQ', '日期', rq),
      field('BH', '版号', String(page).padStart(3, '0')),
      field('TH', '条号', String(item++)),
      field('BT', '标题', title.slice(0, 8 + Math.floor(random() * (title.length - 8)))),
      field('FL', '分类', ['D822', 'F125.5', 'TP3', 'G20'][Math.floor(random() * 4)]),
      field('BM', '版名', pages[Math.floor(random() * pages.length)]),
      field('TC', '体裁', '消息'),
      '〖ZW/正文〗',
    ];
    const sections = 1 + Math.floor(random() * 5);
    for (let s = 0; s < sections; s++) {
      if (sections > 1) lines.push(`    ${numerals[s]}`);
      const count = 1 + Math.floor(random() * 4);
      for (let p = 0; p < count; p++) lines.push(paragraphs[Math.floor(random() * paragraphs.length)]);
    }
    lines.push('〖-ZW/正文〗');
    const record = lines.join('\n') + '\n';
    records.push(record);
    bytes += Buffer.byteLength(record, 'utf8');
  }
  return records.join('');
}
