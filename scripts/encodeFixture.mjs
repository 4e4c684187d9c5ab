// Writes corpus fixtures in the form real archives have them: GB18030 bytes, CRLF line ends.
// The PLA Daily archive's files are GB2312 with CRLF; Node can decode GB18030
// (`new TextDecoder('gb18030')`) but encodes only UTF-8, so fixtures are written with
// iconv-lite (a devDependency used for nothing else).
//
//   node scripts/encodeFixture.mjs OUT_DIR FILE...
//
// Each FILE is UTF-8 text (LF or CRLF); it is written to OUT_DIR under the same name.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node scripts/encodeFixture.mjs OUT_DIR FILE...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r?\n/g, '\r\n');
  const bytes = iconv.encode(text, 'gb18030');
  // Round trip through the decoder the tests use, so a character the encoder cannot write
  // is caught here and not by a puzzling test failure.
  const back = new TextDecoder('gb18030').decode(bytes);
  if (back !== text) throw new Error(`${file}: GB18030 round trip changed the text`);
  writeFileSync(join(outDir, basename(file)), bytes);
  console.log(`${basename(file)}: ${bytes.length} bytes`);
}
