// The server never stalls: a big document is parsed in slices while other documents are
// answered, a newer version replaces the parse of an older one, cancelled requests are
// answered as cancelled, and settings that arrive late still govern the first diagnostics.

import * as assert from 'node:assert/strict';
import { CancellationTokenSource, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { BROKEN, NEOVIM_07_LIKE, open, pull, SAMPLE, startServer, type TestClient, uris, VSCODE_LIKE } from './lspClient';

/** About 20 million characters: a broken record, then the sample 5000 times. */
const BIG = BROKEN + SAMPLE.repeat(5000);
/** One record with a malformed tag on each of 14 lines. */
const MANY_PROBLEMS = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n' + '正文〖JZ；加重〗重点〖-JZ/加重〗\n'.repeat(14) + '〖-ZW/正文〗\n';

const uri = uris('busy');

const symbolsOf = (client: TestClient, u: string) => client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }) as Promise<DocumentSymbol[]>;

describe('the server never stalls', function () {
  this.timeout(60000);

  describe('with a client that takes published diagnostics', () => {
    let client: TestClient;
    before(async () => {
      client = await startServer(NEOVIM_07_LIKE, { locale: 'en' });
    });
    after(() => client.close());

    it('answers a request for a small document sent right behind a big one before the big one is validated', async () => {
      const big = uri();
      const small = uri();
      open(client, big, BIG);
      open(client, small, SAMPLE);
      const symbols = await symbolsOf(client, small);
      assert.equal(symbols.length, 1);
      assert.equal(client.published.has(big), false, 'the big document is validated only after the small one is answered');
      const items = await client.waitForPublished(big, () => true, 50000);
      assert.ok(items.some((d) => d.code === 'invalid-date'));
    });

    it('a newer version sent while the first is parsed replaces it: only its diagnostics are published', async () => {
      const u = uri();
      open(client, u, BIG);
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: BROKEN }] });
      await client.waitForPublished(u, () => true, 50000);
      const mine = client.history.filter((p) => p.uri === u);
      assert.deepEqual(mine.map((p) => p.version), [2]);
      assert.deepEqual(mine[0].diagnostics.map((d) => d.code), ['invalid-date', 'malformed-tag']);
    });

    it('edits sent while a document is parsed apply to its text', async () => {
      const u = uri();
      open(client, u, BIG);
      // Fix the date on line 1 (19930230 → 19930228), then the tag on line 4, in two versions.
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 15 } }, text: '28' }],
      });
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 3 },
        contentChanges: [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 10 } }, text: '/' }],
      });
      const items = await client.waitForPublished(u, () => true, 50000);
      assert.deepEqual(client.history.filter((p) => p.uri === u).map((p) => p.version), [3]);
      const firstRecord = items.filter((d) => d.range.start.line < 6).map((d) => d.code);
      assert.ok(!firstRecord.includes('invalid-date') && !firstRecord.includes('malformed-tag'), `the first record is fixed: ${firstRecord}`);
    });

    it('a document closed while it is parsed gets no diagnostics after the empty ones', async () => {
      const u = uri();
      open(client, u, BIG);
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
      // A second big document parses in turn with the first: had the first gone on, its
      // diagnostics would come before these.
      const other = uri();
      open(client, other, BIG);
      await client.waitForPublished(other, () => true, 50000);
      assert.deepEqual(client.history.filter((p) => p.uri === u).map((p) => p.diagnostics.length), [0]);
    });
  });

  describe('with a client that pulls diagnostics', () => {
    let client: TestClient;
    before(async () => {
      client = await startServer(VSCODE_LIKE, { locale: 'en' });
    });
    after(() => client.close());

    it('answers a request cancelled while its document is parsed with RequestCancelled, and goes on', async () => {
      const u = uri();
      open(client, u, BIG);
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }, source.token);
      source.cancel();
      await assert.rejects(answer, (e: { code?: number }) => e.code === -32800);
      // The document itself is still parsed and answered.
      assert.ok((await pull(client, u)).some((d) => d.code === 'invalid-date'));
      assert.ok((await symbolsOf(client, u)).length > 1);
    });

    it('a pull request for a document being parsed waits for its parse', async () => {
      const u = uri();
      open(client, u, BIG);
      const items = await pull(client, u);
      assert.ok(items.some((d) => d.code === 'invalid-date'));
    });
  });

  describe('settings that arrive after the first document opened', () => {
    const settings = { diagnostics: { maxProblems: 2 } };
    const WITH_CONFIGURATION = { ...NEOVIM_07_LIKE, workspace: { configuration: true } };

    it('govern its first published diagnostics', async () => {
      const client = await startServer(WITH_CONFIGURATION, { settings, configurationDelayMs: 100 });
      try {
        const u = uri();
        open(client, u, MANY_PROBLEMS);
        await client.waitForPublished(u, (d) => d.length > 0);
        const counts = client.history.filter((p) => p.uri === u).map((p) => p.diagnostics.length);
        assert.ok(counts.every((n) => n <= 2), `diagnostics published: ${counts}`);
        assert.deepEqual(counts, [2]);
      } finally {
        await client.close();
      }
    });

    it('govern its first pulled diagnostics', async () => {
      const client = await startServer(VSCODE_LIKE, { settings, configurationDelayMs: 100 });
      try {
        const u = uri();
        open(client, u, MANY_PROBLEMS);
        assert.equal((await pull(client, u)).length, 2);
      } finally {
        await client.close();
      }
    });
  });
});
