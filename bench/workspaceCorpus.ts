// The workspace of the workspace bench (workspaceBench.ts): a folder laid out as the PLA Daily
// archive is, txt/YYYY/YYYYMM/YYYYMMDD/YYYYMMDDPPNN.TXT, one article a file, made from the
// project's own archive fixtures (test/fixtures/archive: real PLA Daily files, GB18030, CRLF)
// and written to a temporary folder, from a fixed seed, so that every run reads the same files.
//
// Each article is a fixture with its date, issue, page and item (ZQ RQ BH TH) made new, its
// body's paragraphs drawn from all the fixtures' bodies; a photograph stays a header-only record,
// as in the archive. One file in two is UTF-8 with LF, the other GB18030 with CRLF (as the
// archive). One day after another from 1991-01-01, every day's issue number one more than the
// day before's (and the same as bench/corpus.ts gives its dates, so the file opened in the
// editor, made by corpus.ts and dated 1990, agrees with the tree). BM 头版 only on page 1.
//
// A few defects are planted, each in its own file, of the kinds FORMAT.md lists (a broken
// separator, a lost 〗, an empty title, a mismatched closing tag, U+FFFD in a body, a field never
// closed, a mistyped ZQ that disagrees with the other files of its day, a file named after
// another item), and a few articles are saved twice, the copy beside the original as
// `YYYYMMDDPPNN - 副本.TXT` (what Windows names a copy): one article in two files, which only a
// check across files finds.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { mulberry32, ROOT } from './corpus';

export interface Workspace {
  /** The workspace folder. */
  dir: string;
  /** The tree's one-article files, copies included (the opened file not counted). */
  files: number;
  bytes: number;
  days: number;
  utf8: number;
  gb18030: number;
  /** What was planted, by kind: the file's path relative to `dir`. */
  defects: Array<{ kind: string; file: string }>;
  /** The copies, relative to `dir`. */
  copies: string[];
}


interface Template {
  /** The header lines, ZQ RQ BH TH left out (they are made new), in the fixture's order. */
  header: string[];
  /** Whether the fixture has a 正文 (a photograph has none). */
  body: boolean;
}

const gbDecoder = new TextDecoder('gb18030', { fatal: true });

function readFixtures(): { templates: Template[]; paragraphs: string[] } {
  const folder = path.join(ROOT, 'test/fixtures/archive');
  const templates: Template[] = [];
  const paragraphs: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const text = gbDecoder.decode(readFileSync(path.join(folder, name))).replace(/\r\n/g, '\n');
    const lines = text.split('\n');
    const open = lines.indexOf('〖ZW/正文〗');
    const headerLines = (open === -1 ? lines : lines.slice(0, open)).filter((l) => l.trim() !== '');
    const header = headerLines.filter((l) => !/^〖(ZQ|RQ|BH|TH)\//.test(l));
    if (header.length + 4 !== headerLines.length) throw new Error(`${name}: a fixture without one each of ZQ, RQ, BH and TH`);
    templates.push({ header, body: open !== -1 });
    if (open !== -1) {
      const close = lines.indexOf('〖-ZW/正文〗', open);
      if (close === -1) throw new Error(`${name}: 正文 never closed`);
      // Paragraphs only: a body may also hold a photograph's block of fields (〖TM/中图〗…).
      for (const l of lines.slice(open + 1, close)) if (/^    [^\s〖]/.test(l) && !l.includes('〖')) paragraphs.push(l);
    }
  }
  if (!templates.some((t) => t.body) || paragraphs.length < 20) throw new Error('the archive fixtures hold too few bodies to build articles from');
  return { templates, paragraphs };
}

const field = (code: string, name: string, value: string) => `〖${code}/${name}〗${value}〖-${code}/${name}〗`;
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1991, 0, 1);
/** bench/corpus.ts's issue number of 1990-01-01; it grows by one a day. */
const ISSUE_1990 = 14800;

const ymd = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
};

/** The defects planted, one file each, in this order, round and round. */
const DEFECTS = ['broken-separator', 'lost-bracket', 'empty-title', 'mismatched-closing', 'replacement-character', 'unclosed-field', 'mistyped-issue', 'misnamed-file'] as const;
type Defect = (typeof DEFECTS)[number];

function plant(kind: Defect, lines: string[]): void {
  const at = (re: RegExp) => {
    const i = lines.findIndex((l) => re.test(l));
    if (i === -1) throw new Error(`no line for ${kind}`);
    return i;
  };
  switch (kind) {
    case 'broken-separator': {
      const i = at(/^〖BT\//);
      lines[i] = lines[i].replace('〖BT/', '〖BT；');
      break;
    }
    case 'lost-bracket': {
      // 体裁's opening tag loses its 〗 (or 标题's, in a fixture without 体裁).
      const i = lines.some((l) => l.startsWith('〖TC/')) ? at(/^〖TC\//) : at(/^〖BT\//);
      lines[i] = lines[i].replace('〗', '');
      break;
    }
    case 'empty-title': {
      lines[at(/^〖BT\//)] = field('BT', '标题', '');
      break;
    }
    case 'mismatched-closing': {
      const i = at(/^〖BT\//);
      lines[i] = lines[i].replace('〖-BT/标题〗', '〖-FT/副题〗');
      break;
    }
    case 'replacement-character': {
      const i = at(/^    /);
      lines[i] = lines[i].slice(0, 10) + '\ufffd' + lines[i].slice(10);
      break;
    }
    case 'unclosed-field': {
      const i = lines.some((l) => l.startsWith('〖TC/')) ? at(/^〖TC\//) : at(/^〖BT\//);
      lines[i] = lines[i].replace(/〖-[A-Z]{2}\/[^〗]*〗$/, '');
      break;
    }
    case 'mistyped-issue': {
      const i = at(/^〖ZQ\//);
      lines[i] = lines[i].replace(/〗(\d+)〖/, (_, n: string) => `〗${Number(n) + 10}〖`);
      break;
    }
    case 'misnamed-file':
      break; // the name is made wrong below
  }
}

/**
 * Writes the tree under `dir` (which must not exist yet): `files` files in all, of which
 * `copies` are copies of others, and `defects` hold one planted defect each.
 */
export function writeWorkspace(dir: string, files = 20_000, opts: { defects?: number; copies?: number; seed?: number } = {}): Workspace {
  const { templates, paragraphs } = readFixtures();
  const random = mulberry32(opts.seed ?? 19910101);
  const defectCount = opts.defects ?? 24;
  const copyCount = opts.copies ?? 10;
  const articles = files - copyCount;
  // The files that get a defect or a copy: spread over the tree, every one a different file.
  const defectAt = new Map<number, Defect>();
  for (let k = 0; k < defectCount; k++) defectAt.set(Math.floor(((k + 0.5) * articles) / defectCount), DEFECTS[k % DEFECTS.length]);
  const copyAt = new Set<number>();
  for (let k = 0; k < copyCount; k++) {
    // The next article without a defect (in a small tree the two spreads can meet).
    let at = Math.floor(((k + 0.25) * articles) / copyCount) + 1;
    while (defectAt.has(at) || copyAt.has(at)) at++;
    copyAt.add(at);
  }

  const ws: Workspace = { dir, files: 0, bytes: 0, days: 0, utf8: 0, gb18030: 0, defects: [], copies: [] };
  mkdirSync(dir);
  let day = FIRST_DAY - DAY;
  let pagesToday = 0;
  let page = 0;
  let itemsOnPage = 0;
  let item = 0;
  let folder = '';
  const write = (rel: string, text: string) => {
    let bytes: Buffer;
    if (ws.files % 2 === 0) {
      bytes = Buffer.from(text, 'utf8');
      ws.utf8++;
    } else {
      bytes = iconv.encode(text.replace(/\n/g, '\r\n'), 'gb18030');
      ws.gb18030++;
    }
    writeFileSync(path.join(dir, rel), bytes);
    ws.files++;
    ws.bytes += bytes.length;
  };
  for (let k = 0; k < articles; k++) {
    // The next article: the next item, page or day. A day has 4 to 8 pages of 2 to 7 items.
    if (item >= itemsOnPage) {
      if (page >= pagesToday) {
        day += DAY;
        pagesToday = 4 + Math.floor(random() * 5);
        page = 0;
        const rq = ymd(day);
        folder = path.join('txt', rq.slice(0, 4), rq.slice(0, 6), rq);
        mkdirSync(path.join(dir, folder), { recursive: true });
        ws.days++;
      }
      page++;
      itemsOnPage = 2 + Math.floor(random() * 6);
      item = 0;
    }
    item++;
    const rq = ymd(day);
    const zq = ISSUE_1990 + Math.round((day - Date.UTC(1990, 0, 1)) / DAY);
    const bh = String(page).padStart(2, '0');
    const th = String(item);
    // A photograph one article in twenty, when the fixtures have one; else an article with a body.
    const photos = templates.filter((t) => !t.body);
    const texts = templates.filter((t) => t.body);
    const photo = photos.length > 0 && random() < 0.05 && !defectAt.has(k);
    const t = photo ? photos[Math.floor(random() * photos.length)] : texts[Math.floor(random() * texts.length)];
    const header = t.header.filter((l) => page === 1 || !/^〖BM\/版名〗头版〖/.test(l));
    const lines = [field('ZQ', '总期', String(zq)), field('RQ', '日期', rq), field('BH', '版号', bh), field('TH', '条号', th), ...header];
    if (!photo) {
      lines.push('〖ZW/正文〗');
      const count = 1 + Math.floor(random() * 8);
      for (let p = 0; p < count; p++) lines.push(paragraphs[Math.floor(random() * paragraphs.length)]);
      lines.push('〖-ZW/正文〗');
    }
    const defect = defectAt.get(k);
    if (defect) plant(defect, lines);
    const text = lines.join('\n') + '\n';
    const name = `${rq}${bh}${defect === 'misnamed-file' ? String(item + 50).padStart(2, '0') : th.padStart(2, '0')}`;
    const rel = path.join(folder, `${name}.TXT`);
    write(rel, text);
    if (defect) ws.defects.push({ kind: defect, file: rel });
    if (copyAt.has(k)) {
      const copy = path.join(folder, `${name} - 副本.TXT`);
      write(copy, text);
      ws.copies.push(copy);
    }
  }
  return ws;
}
