// The live progress line of `rmrb check`: drawn on a terminal only, redrawn in place, cleared
// before the summary.

import * as assert from 'node:assert/strict';
import { Progress } from '../../server/src/node/progress';

/** A stream that says it is a terminal (or not) and keeps what is written to it. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, s: { isTTY, columns: 60, write: (x: string) => written.push(x) } as unknown as NodeJS.WriteStream };
}

describe('progress line', () => {
  it('on a terminal: files, megabytes, problems, rate and time left, on one line redrawn with \\r, cleared at the end', () => {
    const t = stream(true);
    const p = new Progress(5000, t.s);
    p.add(2 * 1024 * 1024, 3);
    assert.equal(t.written.length, 1);
    assert.match(t.written[0], /^\r\u001b\[2K1 of 5,000 files · 2\.0 MB · 3 problems · /);
    assert.ok(t.written[0].length <= '\r\u001b[2K'.length + 59, 'cut to the terminal’s width, so it never wraps');
    p.add(100, 0); // within 100 ms of the last: not redrawn
    assert.equal(t.written.length, 1);
    p.end();
    assert.equal(t.written.at(-1), '\r\u001b[2K');
  });

  it('not on a terminal (a log, CI, a pipe): nothing at all', () => {
    const t = stream(false);
    const p = new Progress(5000, t.s);
    for (let i = 0; i < 10; i++) p.add(1000, 1);
    p.end();
    assert.deepEqual(t.written, []);
  });

  it('in Chinese with --locale zh, cut to the terminal’s columns counting a Chinese character as two', () => {
    const t = stream(true);
    const p = new Progress(5000, t.s, 'zh');
    p.add(2 * 1024 * 1024, 3);
    assert.match(t.written[0], /^\r\u001b\[2K1\/5,000 个文件 · 2\.0 MB · 3 个问题 · 每秒/);
    const shown = t.written[0].slice('\r\u001b[2K'.length);
    const columns = [...shown].reduce((n, c) => n + (c.charCodeAt(0) >= 0x1100 ? 2 : 1), 0);
    assert.ok(columns <= 59, `${columns} columns: ${shown}`);
  });
});
