// The server's memory keeping (server/src/node/memory.ts): one full collection once the server
// is idle after a big message, none while messages keep coming or the event loop is busy.

import * as assert from 'node:assert/strict';
import { idleCollector } from '../../server/src/node/memory';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('node/memory: the idle collection', () => {
  it('runs once, after the server has been idle, for a big message', async function () {
    this.timeout(10_000);
    let runs = 0;
    const collector = idleCollector(() => runs++);
    collector.message(true);
    await sleep(200);
    assert.equal(runs, 0, 'not while the message is fresh');
    await sleep(1500);
    assert.equal(runs, 1);
    await sleep(1100);
    assert.equal(runs, 1, 'once');
    collector.dispose();
  });

  it('waits while messages keep coming, and does nothing for small ones', async function () {
    this.timeout(10_000);
    let runs = 0;
    const collector = idleCollector(() => runs++);
    collector.message(false);
    await sleep(1200);
    assert.equal(runs, 0, 'small messages are no reason');
    collector.message(true);
    for (let i = 0; i < 6; i++) {
      await sleep(200);
      collector.message(false);
    }
    assert.equal(runs, 0, 'not while messages come');
    await sleep(1500);
    assert.equal(runs, 1);
    collector.dispose();
  });

  it('waits while the event loop is busy (a parse running in turns)', async function () {
    this.timeout(10_000);
    let runs = 0;
    const collector = idleCollector(() => runs++);
    collector.message(true);
    const until = performance.now() + 1500;
    while (performance.now() < until) {
      const t = performance.now();
      while (performance.now() - t < 20); // a turn of work, then a breath
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(runs, 0);
    await sleep(1500);
    assert.equal(runs, 1);
    collector.dispose();
  });
});
