// The bench's corpus written as HTML, for timing VS Code's own HTML language server on the same
// records: each record an <article>, each field one child element named by its code
// (<rq>20130908</rq>…), the body a <zw> of <p> paragraphs, its numbered sections
// <section><h2>一</h2>…</section>. Line for line the same text content, so the two servers
// answer for the same articles, fields and sections.

const SECTION = /^\s*[一二三四五六七八九十]+\s*$/;
const FIELD = /^〖([A-Z]{2})[/／][^〗]*〗(.*)〖-\1[/／][^〗]*〗$/;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `corpus` (records of one-line header fields and a 正文 of paragraph lines) as an HTML page. */
export function toHtml(corpus: string): string {
  const out: string[] = ['<!DOCTYPE html>', '<html>', '<head><meta charset="utf-8"><title>RMRB</title></head>', '<body>'];
  let inRecord = false;
  let inBody = false;
  let inSection = false;
  for (const line of corpus.split('\n')) {
    if (line === '') continue;
    if (inBody) {
      if (line.startsWith('〖-ZW/')) {
        if (inSection) out.push('</section>');
        out.push('</zw>', '</article>');
        inBody = inSection = inRecord = false;
      } else if (SECTION.test(line)) {
        if (inSection) out.push('</section>');
        out.push(`<section><h2>${line.trim()}</h2>`);
        inSection = true;
      } else {
        out.push(`<p>${escape(line.trim())}</p>`);
      }
      continue;
    }
    if (!inRecord) {
      out.push('<article>');
      inRecord = true;
    }
    if (line.startsWith('〖ZW/')) {
      out.push('<zw>');
      inBody = true;
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) throw new Error(`not a one-line field: ${line.slice(0, 40)}`);
    const tag = m[1].toLowerCase();
    out.push(`<${tag}>${escape(m[2])}</${tag}>`);
  }
  if (inRecord) throw new Error('the corpus ends inside a record');
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/** The line of the title element nearest the middle of `html`, as the rmrb bench picks its title line. */
export function middleHtmlTitleLine(html: string): number {
  const at = html.indexOf('<bt>', Math.floor(html.length / 2));
  let line = 0;
  for (let i = html.indexOf('\n'); i !== -1 && i < at; i = html.indexOf('\n', i + 1)) line++;
  return line;
}
