// The server's memory keeping (server/src/node/memory.ts): one full collection once the server
// is idle after a big text or a close, none while messages keep coming or the event loop is busy.

import * as assert from 'node:assert/strict';
import { AbstractMessageReader, type Message } from 'vscode-languageserver/node';
import { BIG_TEXT, idleCollector, watchedBy, worthCollecting } from '../../server/src/node/memory';

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
    assert.equal(collector.collections, 1);
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

describe('node/memory: which messages are worth a collection', () => {
  const open = (length: number) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a', languageId: 'rmrb', version: 1, text: 'x'.repeat(length) } } });
  const change = (...lengths: number[]) => ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///a', version: 2 }, contentChanges: lengths.map((n) => ({ text: 'x'.repeat(n) })) } });

  it('a big text opened or sent whole, and every close; nothing else', () => {
    assert.equal(worthCollecting(open(BIG_TEXT)), true);
    assert.equal(worthCollecting(open(BIG_TEXT - 1)), false);
    assert.equal(worthCollecting(change(3, BIG_TEXT)), true);
    assert.equal(worthCollecting(change(3, 4)), false);
    assert.equal(worthCollecting({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: 'file:///a' } } } as never), true);
    assert.equal(worthCollecting({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} } as never), false);
    assert.equal(worthCollecting({ jsonrpc: '2.0', id: 1, result: null } as never), false);
  });

  it('a watched reader shows each message to the collector, then hands it on unchanged', () => {
    const seen: boolean[] = [];
    const collector = { message: (big: boolean) => seen.push(big), collections: 0, dispose: () => undefined };
    let deliver!: (m: Message) => void;
    const reader = new (class extends AbstractMessageReader {
      listen(callback: (m: Message) => void) {
        deliver = callback;
        return { dispose: () => undefined };
      }
    })();
    const got: Message[] = [];
    watchedBy(collector, reader).listen((m) => got.push(m));
    const m = open(BIG_TEXT) as Message;
    deliver(m);
    deliver(change(1) as Message);
    assert.deepEqual(seen, [true, false]);
    assert.equal(got[0], m);
    assert.equal(got.length, 2);
  });
});
