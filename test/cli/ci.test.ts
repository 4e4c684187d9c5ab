// CI (`.ci/run`) runs the README's test commands, no more, no less: a reader who runs what the
// README says runs what CI runs. The README's commands are the shell block of its Development
// section; .ci/run's are its lines that are not comments, `set`, `cd` or blank.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function readmeCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\r\n/g, '\n');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Development\n'));
  assert.ok(section, 'the README has a Development section');
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'its test commands are in a sh block');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

function ciCommands(): string[] {
  return readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && !/^(set|cd)\b/.test(line));
}

describe('CI', () => {
  it("runs exactly the README's test commands, in the README's order", () => {
    assert.deepEqual(ciCommands(), readmeCommands());
  });
});
