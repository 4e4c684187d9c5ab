import type { Strings } from './strings';

const pad = (n: number) => String(n).padStart(2, '0');

export const en: Strings = {
  untitled: '(untitled)',
  outlineLimited: (shown, total) => `Outline limited to ${shown} of ${total} items (setting rmrb.outline.maxSymbols)`,
  placement: {
    header: 'header field (one line)',
    body: 'body field (many lines)',
    pairedInline: 'inline tag (paired)',
    standaloneInline: 'inline tag (stands alone)',
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
