// What a corpus file's bytes are: whether a `.txt` is a corpus file (its first line opens with
// a tag), whether the bytes are text at all, and how they decode. Platform-neutral (TextDecoder
// only), so that the command line and the Node server (node/corpusFiles.ts) and the browser
// server (browser/workspaceFiles.ts, bytes read by the client) read a file the same way.

export type Encoding = 'utf-8' | 'gb18030';
export type EncodingChoice = 'auto' | Encoding;

/** The first line of a corpus file: a tag's `〖` and two letters, then a separator. */
export const CORPUS_FIRST_LINE = /^\ufeff?\s*〖[A-Za-z]{2}[/／;；:：]/;

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** The file began with a UTF-8 byte order mark (kept in `text` as U+FEFF, as editors keep it). */
  bom: boolean;
}

/** A corpus file's bytes and text, or why it could not be read, or (sniffed) that it is none. */
export type CorpusFileRead = { bytes: Uint8Array; decoded: Decoded } | { error: string } | { skipped: true };

/**
 * Decodes a file's bytes: `auto` reads a UTF-8 BOM as UTF-8, else strict UTF-8, else GB18030
 * (which also reads GB2312 and GBK). Undefined when the chosen encoding cannot read the bytes.
 */
export function decode(bytes: Uint8Array, choice: EncodingChoice = 'auto'): Decoded | undefined {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = (): Decoded | undefined => {
    try {
      return { text: UTF8.decode(bytes), encoding: 'utf-8', bom };
    } catch {
      return undefined;
    }
  };
  const gb = (): Decoded | undefined => {
    try {
      return { text: GB18030.decode(bytes), encoding: 'gb18030', bom: false };
    } catch {
      return undefined;
    }
  };
  if (choice === 'utf-8') return utf8();
  if (choice === 'gb18030') return gb();
  return bom ? utf8() : (utf8() ?? gb());
}

// One decoder each, for every file: a decode that is not streamed leaves nothing behind.
// ignoreBOM keeps a BOM in the text, where positions count it as the editor does.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const GB18030 = new TextDecoder('gb18030', { fatal: true });

/** Bytes that no text file has: git's test for a binary file (a NUL in its first 8000 bytes). */
function binaryKind(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return 'UTF-16, not UTF-8 or GB18030';
  return bytes.subarray(0, 8000).includes(0) ? 'a binary file, not a corpus file' : undefined;
}

/**
 * A file's bytes as a corpus file: `sniff` (a `.txt` a walk found without reading it) skips it
 * unless its first line opens with a tag, tested on these bytes rather than by reading twice.
 */
export function corpusFileFromBytes(bytes: Uint8Array, choice: EncodingChoice, sniff = false): CorpusFileRead {
  if (sniff && !opensWithTag(bytes.subarray(0, SNIFFED))) return { skipped: true };
  const binary = binaryKind(bytes);
  if (binary) return { error: binary };
  const decoded = decode(bytes, choice);
  return decoded ? { bytes, decoded } : { error: choice === 'auto' ? 'neither UTF-8 nor GB18030' : `not ${choice}` };
}

const SNIFFED = 256;

/** The first line of these bytes opens with a tag, read as UTF-8 or as GB18030. */
function opensWithTag(first: Uint8Array): boolean {
  // The first bytes may end inside a character: read them leniently both ways.
  const firstLine = (encoding: Encoding) => new TextDecoder(encoding).decode(first).split(/\r\n|\r|\n/, 1)[0];
  return CORPUS_FIRST_LINE.test(firstLine('utf-8')) || CORPUS_FIRST_LINE.test(firstLine('gb18030'));
}
