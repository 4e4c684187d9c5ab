import type { IssueNeighbour, Strings } from './strings';

const pad = (n: number) => String(n).padStart(2, '0');
/** 2nd, 3rd, 11th, 21st. */
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

export const en: Strings = {
  untitled: '(untitled)',
  outlineLimited: (shown, total) => `Outline limited to ${shown} of ${total} items (setting rmrb.outline.maxSymbols)`,
  // Page and item as the paper prints them, in Chinese like the tags' names: the same in every language.
  recordDetail: { page: (page) => `${page}版`, item: (item) => `${item}条`, separator: ' · ' },
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
  classificationClasses: {
    A: 'Marxism, Leninism, Mao Zedong Thought, Deng Xiaoping Theory',
    B: 'Philosophy and religion',
    C: 'Social sciences (general)',
    D: 'Politics and law',
    E: 'Military science',
    F: 'Economics',
    G: 'Culture, science, education and sports',
    H: 'Languages and scripts',
    I: 'Literature',
    J: 'Art',
    K: 'History and geography',
    N: 'Natural sciences (general)',
    O: 'Mathematics, physics and chemistry',
    P: 'Astronomy and earth sciences',
    Q: 'Life sciences',
    R: 'Medicine and health',
    S: 'Agricultural science',
    T: 'Industrial technology',
    U: 'Transportation',
    V: 'Aviation and aerospace',
    X: 'Environmental and safety science',
    Z: 'General works',
  },
  date: (y, m, d, weekday) => `${y}-${pad(m)}-${pad(d)}, ${weekday}`,
  hover: {
    mainClass: (name, gloss) => `${name} (${gloss})`,
    deeper: (code, known) => `${code} is more specific than this table, which stops at ${known}`,
    auxiliary: (number) => `auxiliary number ${number}`,
    issue: (zq, date, previous, next) => {
      const one = (n: IssueNeighbour) => (n.zq ? (n.date ? `${n.zq} of ${n.date}` : `${n.zq}, no date`) : n.date ? `no ZQ, of ${n.date}` : 'no ZQ or date');
      const verdicts: string[] = [];
      if (previous?.verdict === 'agrees' && next?.verdict === 'agrees') verdicts.push('Both agree with it: one date has one issue number, and it grows with the date.');
      else {
        for (const [which, n] of [['previous', previous], ['next', next]] as const) {
          if (n?.verdict === 'agrees') verdicts.push(`The ${which} record agrees with it.`);
          else if (n?.verdict === 'same-date-other-issue') verdicts.push(`The ${which} record disagrees: the same date with another issue number.`);
          else if (n?.verdict === 'not-growing') verdicts.push(`The ${which} record disagrees: the issue number does not grow with the date.`);
        }
      }
      return [
        date ? `Issue ${zq} of ${date}.` : `Issue ${zq}; the record has no date.`,
        `Previous record: ${previous ? one(previous) : 'none, this is the file’s first'}; next: ${next ? one(next) : 'none, this is the file’s last'}.`,
        ...verdicts,
      ].join('\n\n');
    },
    item: (p) =>
      `Item ${p.item} of page ${p.page} of ${p.date}.\n\n` +
      (p.count === 1
        ? 'It is the only record of the page in this file.'
        : `This file has ${p.count} records of the page (items ${p.items}); this is the ${p.index === 1 ? 'first' : p.index === p.count ? 'last' : ordinal(p.index)} of them.`),
    page: (p) =>
      `Page ${p.page}${p.pageName ? ` (${p.pageName})` : ''} of ${p.date}.\n\n` +
      (p.count === 1 ? `It is the page’s only record in this file${p.item ? ` (item ${p.item})` : ''}.` : `This file has ${p.count} records of the page${p.items ? `: items ${p.items}` : ''}.`),
  },
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
  renameRefused: { code: 'A tag’s code is two letters, such as BT.', name: 'A tag’s name is one to sixteen characters, without 〖, 〗, / or spaces.' },
  indexing: { title: 'Indexing the corpus', progress: (indexed, files) => `${indexed} of ${files} files` },
  completion: {
    missingField: (tag) => `This record has no ${tag} yet.`,
    nextField: 'It is the next field in the usual order.',
    newRecordField: (tag) => `Starts a new record with ${tag}.`,
    closes: (tag) => `Closes the open ${tag}.`,
    suggestValues: 'Suggest values',
    today: (date) => `Today, ${date}`,
    recordBefore: (date) => `The record before, ${date}`,
    used: (inFile, inWorkspace) => {
      const file = inFile === undefined ? '' : inFile === 1 ? 'once in this file' : `${inFile} times in this file`;
      const workspace = inWorkspace === undefined ? '' : inWorkspace === 1 ? 'in 1 file of the workspace' : `in ${inWorkspace} files of the workspace`;
      return `Used ${[file, workspace].filter(Boolean).join(' and ')}`;
    },
    separator: '; ',
    newRecord: (th) => (th ? `New record, TH ${th}` : 'New record'),
    newRecordDetail: (carried, th) => {
      const parts = [carried.length > 0 ? `${carried.map((f) => f.code).join(', ')} as in the record before` : '', th ? `TH ${th}` : ''].filter(Boolean);
      return parts.length > 0 ? `A whole record: ${parts.join('; ')}` : 'A whole record';
    },
  },
};
