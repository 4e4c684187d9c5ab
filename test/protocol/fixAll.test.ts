// "Fix all" over the protocol: a light-bulb request stays cheap (no whole-file edit), the edit
// comes on codeAction/resolve for clients that resolve, and on an explicit request by kind
// (as on save) for those that cannot.

import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { NEOVIM_07_LIKE, open, pull, startServer, type TestClient, uris, VSCODE_LIKE } from './lspClient';

const FIX_ALL = 'source.fixAll.rmrb';
/** Two malformed tags (a wrong separator, a lowercase code) and an impossible date. */
const BROKEN = [
  '〖RQ/日期〗19930230〖-RQ/日期〗',
  '〖BT/标题〗标题〖-BT/标题〗',
  '〖ZW/正文〗',
  '    正文〖JZ；加重〗重点〖-JZ/加重〗',
  '    正文〖jz/加重〗重点〖-JZ/加重〗',
  '〖-ZW/正文〗',
  '',
].join('\n');
const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const uri = uris('fix');

const codeActions = (client: TestClient, u: string, only?: string[]) =>
  client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: AT_START, context: { diagnostics: [], only } }) as Promise<CodeAction[]>;

describe('fix all over the protocol', () => {
  describe('with a client that resolves code actions (VS Code)', () => {
    let client: TestClient;
    before(async () => {
      client = await startServer(VSCODE_LIKE, { locale: 'en' });
    });
    after(() => client.close());

    it('announces that code actions resolve', () => {
      assert.equal((client.initializeResult.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    });

    it('offers fix all on a light-bulb request without its edit; resolving it gives the edit, which fixes the malformed tags', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const fixAll = (await codeActions(client, u)).find((a) => a.kind === FIX_ALL);
      assert.ok(fixAll, 'fix all offered');
      assert.equal(fixAll.edit, undefined);
      // Counting the fixes would mean computing them: the light bulb's title has no count.
      assert.equal(fixAll.title, 'Fix all auto-fixable problems');

      const resolved = (await client.connection.sendRequest('codeAction/resolve', fixAll)) as CodeAction;
      assert.equal(resolved.title, fixAll.title);
      const edits = resolved.edit?.changes?.[u];
      assert.ok(edits?.length, 'the resolved action has its edit');
      const fixed = TextDocument.applyEdits(TextDocument.create(u, 'rmrb', 1, BROKEN), edits);
      assert.equal(fixed.split('〖JZ/加重〗').length - 1, 2);

      const v = uri();
      open(client, v, fixed);
      assert.deepEqual((await pull(client, v)).map((d) => d.code), ['invalid-date']);
    });

    it('resolving the fix all of a document closed since gives the action back as it was', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const fixAll = (await codeActions(client, u)).find((a) => a.kind === FIX_ALL)!;
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
      assert.deepEqual(await client.connection.sendRequest('codeAction/resolve', fixAll), fixAll);
    });
  });

  describe('with a client that cannot resolve code actions (Neovim 0.7)', () => {
    let client: TestClient;
    before(async () => {
      client = await startServer(NEOVIM_07_LIKE, { locale: 'en' });
    });
    after(() => client.close());

    it('gives no fix all on a light-bulb request, only the quick fixes', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } },
        context: { diagnostics: [] },
      }) as CodeAction[];
      assert.deepEqual(actions.map((a) => a.kind), ['quickfix']);
    });

    it('gives the fix all with its edit when asked for source.fixAll (as on save)', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const actions = await codeActions(client, u, ['source.fixAll']);
      assert.deepEqual(actions.map((a) => a.kind), [FIX_ALL]);
      const fixed = TextDocument.applyEdits(TextDocument.create(u, 'rmrb', 1, BROKEN), actions[0].edit!.changes![u]);
      assert.ok(!fixed.includes('〖JZ；') && !fixed.includes('〖jz/'));
    });
  });
});
