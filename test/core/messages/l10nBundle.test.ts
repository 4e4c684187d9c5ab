// The client's words (client/src, through say.ts's `t`) each have their Chinese in
// l10n/bundle.l10n.zh-cn.json, with the same placeholders: rmrb.language zh-cn and VS Code's
// Chinese display language both read that bundle.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const BUNDLE = JSON.parse(readFileSync(path.join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('messages/l10n bundle of the client', () => {
  const dir = path.join(ROOT, 'client/src');
  const said = new Set<string>();
  // Recursive: the Node and browser entry points have folders of their own.
  for (const file of (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    // t('…') and t("…") with a literal first argument (the only kind the client uses).
    for (const m of source.matchAll(/\bt\((['"])((?:\\.|(?!\1).)*)\1/g)) said.add(m[2].replace(/\\(['"\\])/g, '$1'));
  }

  it('finds the client’s words', () => {
    assert.ok(said.size > 30, `${said.size} strings`);
  });

  it('has the Chinese of every one, with the same placeholders, in Chinese', () => {
    for (const message of said) {
      const zh = BUNDLE[message];
      assert.ok(zh, `no Chinese for “${message}”`);
      assert.deepEqual(placeholders(zh), placeholders(message), message);
      // A name kept as it is (“JSON Lines”) is the one thing not put in Chinese.
      if (zh !== message && /[A-Za-z]{3}/.test(message.replace(/\{\d+\}/g, ''))) assert.match(zh, /\p{Script=Han}/u, message);
    }
  });
});
