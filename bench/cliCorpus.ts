// The inputs of the command-line bench (cliBench.ts), written to a temporary folder: a tree laid
// out as the PLA Daily archive is (txt/YYYY/YYYYMM/YYYYMMDD/YYYYMMDDPPNN.TXT, one article a file,
// every other file GB18030 with CRLF, the rest UTF-8 with LF), one 100 MB file of many records
// (UTF-8), and both again as XML (xml/…/YYYYMMDDPPNN.xml and big.xml), so that xmllint reads the
// same records. The records are corpus.ts's, from its fixed seed.
//
// The XML: each record a <record> of one element per header field (<ZQ>20330</ZQ>…) and a <ZW>
// holding each line of 正文 as a <p>, its text kept as it is (the four spaces too). A tree file's
// root is its <record>; big.xml's is a <corpus> of them. Each XML file is in its twin's encoding
// and line ends: the GB18030 half says so in its declaration (encoding="GB18030"), so xmllint
// decodes what rmrb decodes.

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { generateCorpus } from './corpus';

export interface CliInputs {
  /** The folder holding txt/, xml/, big.txt and big.xml. */
  root: string;
  tree: { dir: string; xmlDir: string; files: number; xmlFiles: string[]; bytes: number; xmlBytes: number; utf8: number; gb18030: number; days: number };
  big: { file: string; xml: string; bytes: number; xmlBytes: number; records: number };
}

const FIELD = /^〖([A-Z]{2})[/／][^〗]*〗(.*)〖-\1[/／][^〗]*〗$/;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The records of corpus.ts's generator, one string each (LF line ends). */
function records(targetBytes: number): string[] {
  const text = generateCorpus(targetBytes);
  const end = '〖-ZW/正文〗\n';
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf(end, at);
    if (next === -1) throw new Error('the generated corpus ends inside a record');
    out.push(text.slice(at, next + end.length));
    at = next + end.length;
  }
  return out;
}

/** One record as a <record> element (LF line ends). */
export function recordXml(record: string): string {
  const out = ['<record>'];
  let inBody = false;
  for (const line of record.split('\n')) {
    if (line === '') continue;
    if (inBody) {
      if (line.startsWith('〖-ZW/')) {
        out.push('</ZW>');
        inBody = false;
      } else out.push(`<p>${escape(line)}</p>`);
    } else if (line.startsWith('〖ZW/')) {
      out.push('<ZW>');
      inBody = true;
    } else {
      const m = FIELD.exec(line);
      if (!m) throw new Error(`not a one-line field: ${line.slice(0, 40)}`);
      out.push(`<${m[1]}>${escape(m[2])}</${m[1]}>`);
    }
  }
  if (inBody) throw new Error('a record ends inside 正文');
  out.push('</record>');
  return out.join('\n') + '\n';
}

const value = (record: string, code: string) => new RegExp(`〖${code}/[^〗]+〗([^〖]*)〖-${code}/`).exec(record)![1];

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const gbFatal = new TextDecoder('gb18030', { fatal: true });

/** Writes `text` as GB18030 and checks that it reads back the same, and that it is not UTF-8 (so it takes the fallback). */
function gb18030(text: string): Buffer {
  const bytes = iconv.encode(text, 'gb18030');
  if (gbFatal.decode(bytes) !== text) throw new Error('GB18030 does not read back what iconv-lite wrote');
  let utf8 = true;
  try {
    utf8Fatal.decode(bytes);
  } catch {
    utf8 = false;
  }
  if (utf8) throw new Error('a GB18030 file that is also valid UTF-8: it would not test the fallback');
  return bytes;
}

/** Writes the tree of `files` one-article files, the big file of `bigBytes`, and their XML twins, under `root`. */
export function writeCliInputs(root: string, files = 5000, bigBytes = 100 * 1048576): CliInputs {
  // One article a file: enough of the generator's records (about 2.6 KB each) for `files` of them.
  let target = files * 4000;
  let all = records(target);
  while (all.length < files) all = records((target = Math.ceil((target * files * 1.1) / all.length)));
  const tree: CliInputs['tree'] = { dir: path.join(root, 'txt'), xmlDir: path.join(root, 'xml'), files, xmlFiles: [], bytes: 0, xmlBytes: 0, utf8: 0, gb18030: 0, days: 0 };
  const days = new Set<string>();
  const names = new Set<string>();
  for (let k = 0; k < files; k++) {
    const record = all[k];
    const rq = value(record, 'RQ');
    // YYYYMMDDPPNN: the page and the item as two digits (BH is written 002, the name says 02).
    const name = `${rq}${String(Number(value(record, 'BH'))).padStart(2, '0')}${String(Number(value(record, 'TH'))).padStart(2, '0')}`;
    if (names.has(name)) throw new Error(`two articles named ${name}`);
    names.add(name);
    const rel = path.join(rq.slice(0, 4), rq.slice(0, 6), rq);
    if (!days.has(rel)) {
      days.add(rel);
      mkdirSync(path.join(tree.dir, rel), { recursive: true });
      mkdirSync(path.join(tree.xmlDir, rel), { recursive: true });
    }
    const xml = recordXml(record);
    let bytes: Buffer;
    let xmlBytes: Buffer;
    if (k % 2 === 0) {
      bytes = Buffer.from(record, 'utf8');
      xmlBytes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n' + xml, 'utf8');
      tree.utf8++;
    } else {
      bytes = gb18030(record.replace(/\n/g, '\r\n'));
      xmlBytes = gb18030(('<?xml version="1.0" encoding="GB18030"?>\n' + xml).replace(/\n/g, '\r\n'));
      tree.gb18030++;
    }
    writeFileSync(path.join(tree.dir, rel, `${name}.TXT`), bytes);
    const xmlRel = path.join(rel, `${name}.xml`);
    writeFileSync(path.join(tree.xmlDir, xmlRel), xmlBytes);
    tree.xmlFiles.push(xmlRel);
    tree.bytes += bytes.length;
    tree.xmlBytes += xmlBytes.length;
  }
  tree.days = days.size;

  // The big file: the generator's records up to `bigBytes`, UTF-8, LF.
  const big = generateCorpus(bigBytes);
  const bigFile = path.join(root, 'big.txt');
  const bigBuffer = Buffer.from(big, 'utf8');
  writeFileSync(bigFile, bigBuffer);
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<corpus>\n'];
  let count = 0;
  for (let at = 0; at < big.length; ) {
    const end = big.indexOf('〖-ZW/正文〗\n', at);
    if (end === -1) throw new Error('the generated corpus ends inside a record');
    const next = end + '〖-ZW/正文〗\n'.length;
    parts.push(recordXml(big.slice(at, next)));
    count++;
    at = next;
  }
  parts.push('</corpus>\n');
  const bigXml = path.join(root, 'big.xml');
  const bigXmlBuffer = Buffer.from(parts.join(''), 'utf8');
  writeFileSync(bigXml, bigXmlBuffer);
  return { root, tree, big: { file: bigFile, xml: bigXml, bytes: bigBuffer.length, xmlBytes: bigXmlBuffer.length, records: count } };
}
