import type { Strings } from './strings';

const pad = (n: number) => String(n).padStart(2, '0');

export const en: Strings = {
  untitled: '(untitled)',
  outlineLimited: (shown, total) => `Outline limited to ${shown} of ${total} items (setting rmrb.outline.maxSymbols)`,
  // Page and item as the paper prints them, in Chinese like the tags' names: the same in every language.
  recordDetail: { page: (page) => `第${page}版`, item: (item) => `第${item}条`, separator: ' · ' },
  tagDescriptions: {
    ZQ: 'Cumulative issue number since the first issue',
    RQ: 'Publication date, YYYYMMDD',
    BH: 'Page number',
    TH: 'Item number on the page',
    YT: 'Kicker line above the headline',
    BT: 'Headline',
    FT: 'Subtitle',
    ZZ: 'Author(s)',
    FL: 'Chinese Library Classification code (e.g. D822, F125.5, EI279.21, Ej94)',
    LM: 'Column the article ran in (an editorial, a series, a regular feature)',
    BM: 'Page name',
    GJ: 'Keywords, separated by /; a person is written RW：name/role',
    TC: 'Genre',
    ZW: 'Body text',
    HH: 'Line break',
    JZ: 'Emphasis',
    ZI: 'Character markup',
    TM: 'A picture in the body: 〖TM/中图〗 alone on its line, then one line for its page (〖BH/版号〗) and one for its file (〖WJ/文件〗), then 〖-TM/中图〗',
    WJ: 'The file name of a picture in a 〖TM/中图〗 block (201206010101.T01: the article’s date, page and item, then the picture’s number)',
  },
  tagFromSettings: 'Tag added in the settings',
  placement: {
    header: 'header field (one line)',
    body: 'body field (many lines)',
    pairedInline: 'inline tag (paired)',
    standaloneInline: 'inline tag (stands alone)',
    block: 'block in the body (alone on its line; one field a line after it, up to its closing tag)',
    blockField: 'field of a block in the body (one line)',
  },
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  date: (y, m, d, weekday) => `${y}-${pad(m)}-${pad(d)}, ${weekday}`,
  fix: {
    rewriteAs: (tag) => `Rewrite as ${tag}`,
    useName: (name) => `Use the name ${name}`,
    rewriteDate: (date) => `Rewrite the date as ${date}`,
    remove: (what) => `Remove ${what}`,
    replaceWith: (tag) => `Replace with ${tag}`,
    closeWith: (tag) => `Close with ${tag}`,
    addTag: (tag) => `Add ${tag} to the tag table (rmrb.tags.extra)`,
    all: (count) => (count === undefined ? 'Fix all auto-fixable problems' : `Fix all auto-fixable problems (${count})`),
  },
};
