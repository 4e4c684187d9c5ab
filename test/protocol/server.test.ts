// The built server, started over stdio, answering as it would in Neovim, Helix or VS Code.

import * as assert from 'node:assert/strict';
import type { Diagnostic, DocumentSymbol, FoldingRange, Hover, CodeAction, CompletionItem } from 'vscode-languageserver-protocol';
import { BROKEN, fmt, NEOVIM_07_LIKE, open, pull, SAMPLE, startServer, type TestClient, uris, VSCODE_LIKE } from './lspClient';

const uri = uris('doc');

describe('language server over stdio', () => {
  describe('with a client that pulls diagnostics (VS Code)', () => {
    let client: TestClient;
    before(async () => {
      client = await startServer(VSCODE_LIKE, { locale: 'en' });
    });
    after(() => client.close());

    it('announces pull diagnostics, incremental sync and the features', () => {
      const caps = client.initializeResult.capabilities;
      assert.deepEqual(caps.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
      for (const feature of ['foldingRangeProvider', 'documentSymbolProvider', 'hoverProvider', 'completionProvider', 'codeActionProvider', 'documentHighlightProvider', 'linkedEditingRangeProvider'] as const) {
        assert.ok(caps[feature], `${feature} missing`);
      }
      assert.equal(client.initializeResult.serverInfo?.name, 'rmrb-language-server');
    });

    it('gives the sample no diagnostics', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      assert.deepEqual(await pull(client, u), []);
    });

    it('gives each defect its diagnostic on the exact range', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const items = await pull(client, u);
      assert.deepEqual(items.map(fmt), ['1:7-1:15 invalid-date', '4:6-4:13 malformed-tag']);
      assert.equal(items[0].severity, 1);
      assert.equal(items[0].source, 'rmrb');
      assert.match(items[0].message, /RQ \(日期\)/);
    });

    it('re-validates after an incremental edit, and again after undoing it', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      // Break the separator of 〖BT/标题〗 on line 4.
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 4 } }, text: '；' }],
      });
      assert.deepEqual((await pull(client, u)).map(fmt), ['4:0-4:7 malformed-tag']);
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 3 },
        contentChanges: [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 4 } }, text: '/' }],
      });
      assert.deepEqual(await pull(client, u), []);
    });

    it('speaks the language rmrb.language asks for, whatever the editor’s, and changes at once', async () => {
      const zh = await startServer(VSCODE_LIKE, { locale: 'en', settings: { language: 'zh-cn' } });
      try {
        const u = uri();
        open(zh, u, BROKEN);
        const message = async () => (await pull(zh, u)).find((d) => d.code === 'invalid-date')!.message;
        assert.match(await message(), /\p{Script=Han}/u, 'Chinese in an English editor');
        zh.settings = { language: 'en' };
        zh.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        await new Promise((r) => setTimeout(r, 300));
        assert.doesNotMatch(await message(), /\p{Script=Han}{3}/u, 'English once the setting says so');
        zh.settings = { language: 'auto' };
        zh.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        await new Promise((r) => setTimeout(r, 300));
        assert.doesNotMatch(await message(), /\p{Script=Han}{3}/u, 'auto: the editor’s English');
      } finally {
        await zh.close();
      }
    });

    it('renames a tag’s name in both tags of the field (F2), and refuses a name no tag can have', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      const position = { line: 6, character: 5 }; // 版名 in 〖BM/版名〗要闻〖-BM/版名〗
      const prepared = (await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: u }, position })) as { range: unknown; placeholder: string };
      assert.deepEqual(prepared, { range: { start: { line: 6, character: 4 }, end: { line: 6, character: 6 } }, placeholder: '版名' });
      const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: u }, position, newName: '版面' })) as { changes: Record<string, Array<{ range: { start: { character: number } }; newText: string }>> };
      assert.deepEqual(edit.changes[u].map((e) => [e.range.start.character, e.newText]), [[4, '版面'], [14, '版面']]);
      await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri: u }, position, newName: '版/面' }), /name/);
      assert.equal(await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: u }, position: { line: 6, character: 8 } }), null);
    });

    it('holds back the malformed tag being typed at the end of a line for a moment, then shows it', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      await pull(client, u);
      const end = SAMPLE.split('\n')[4].length;
      // 〖 typed at the end of line 4: VS Code closes the pair, the cursor between the two.
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ range: { start: { line: 4, character: end }, end: { line: 4, character: end } }, text: '〖〗' }],
      });
      assert.deepEqual((await pull(client, u)).map(fmt), [], 'while typing');
      await new Promise((r) => setTimeout(r, 1700));
      assert.deepEqual((await pull(client, u)).map(fmt), [`4:${end}-4:${end + 2} malformed-tag`], 'once the moment is over');
    });

    it('workspace/symbol finds an article of any open document by title, by date, or by date, page and item', async () => {
      const a = 'file:///tmp/ws/19930713.rmrb';
      const b = 'file:///tmp/ws/20130908.rmrb';
      const art = (rq: string, bh: string, th: string, title: string) =>
        `〖RQ/日期〗${rq}〖-RQ/日期〗\r\n〖BH/版号〗${bh}〖-BH/版号〗\r\n〖TH/条号〗${th}〖-TH/条号〗\r\n〖BT/标题〗${title}〖-BT/标题〗\r\n〖ZW/正文〗\r\n正文\r\n〖-ZW/正文〗\r\n`;
      open(client, a, art('19930713', '01', '1', '农业丰收') + art('19930713', '02', '3', '𠀀城新貌'));
      open(client, b, art('20130908', '02', '3', '我国经济稳中向好'));
      await pull(client, a);
      await pull(client, b);
      type Found = Array<{ name: string; containerName?: string; location: { uri: string; range: { start: { line: number; character: number } } } }>;
      const find = async (query: string) => ((await client.connection.sendRequest('workspace/symbol', { query })) as Found).map((x) => `${x.name} | ${x.containerName} | ${x.location.uri.slice(-13)}:${x.location.range.start.line}:${x.location.range.start.character}`);
      assert.ok(client.initializeResult.capabilities.workspaceSymbolProvider);
      assert.deepEqual(await find('经济'), ['我国经济稳中向好 | 2013-09-08 · 2版 · 3条 | 20130908.rmrb:3:7']);
      assert.deepEqual(await find('1993年7月13日'), ['农业丰收 | 1993-07-13 · 1版 · 1条 | 19930713.rmrb:3:7', '𠀀城新貌 | 1993-07-13 · 2版 · 3条 | 19930713.rmrb:10:7']);
      assert.deepEqual(await find('19930713 2 3'), ['𠀀城新貌 | 1993-07-13 · 2版 · 3条 | 19930713.rmrb:10:7']);
      assert.deepEqual(await find('no such thing'), []);
    });

    it('a duplicate article points at the first with related information', async () => {
      const u = 'file:///tmp/ws/dup.rmrb';
      const rec = '〖RQ/日期〗20130908〖-RQ/日期〗\n〖BH/版号〗1〖-BH/版号〗\n〖TH/条号〗1〖-TH/条号〗\n〖BT/标题〗标题〖-BT/标题〗\n〖ZW/正文〗\n正文\n〖-ZW/正文〗\n';
      open(client, u, rec + rec);
      const [d] = (await pull(client, u)).filter((x) => x.code === 'duplicate-article');
      assert.deepEqual(d.relatedInformation, [{ location: { uri: u, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } } }, message: 'The same article, entered first here.' }]);
    });

    it('answers the outline with one record named by its title', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as DocumentSymbol[];
      assert.equal(symbols.length, 1);
      assert.equal(symbols[0].name, '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言');
      assert.equal(symbols[0].detail, '2013-09-08 · 2版 · 3条');
      assert.deepEqual(
        symbols[0].children!.map((c) => c.name),
        ['ZQ 总期', 'RQ 日期', 'BH 版号', 'TH 条号', 'BT 标题', 'FL 分类', 'BM 版名', 'TC 体裁', 'ZW 正文'],
      );
      const sections = symbols[0].children![8].children!.map((c) => c.name);
      assert.deepEqual(sections.map((n) => n.split(' ')[0]), ['一', '二', '三', '四', '五', '六', '七']);
      assert.equal(sections[0], '一 双方决定，遵循2002年12月…');
    });

    it('folds the record, the body and its sections', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      const ranges = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: u } })) as FoldingRange[];
      const lines = ranges.map((r) => `${r.startLine}-${r.endLine}`);
      assert.ok(lines.includes('0-55'), `record fold missing in ${lines}`);
      assert.ok(lines.includes('8-54'), `body fold missing in ${lines}`);
      assert.ok(lines.includes('12-16'), `section 一 fold missing in ${lines}`);
    });

    it('explains a tag on hover', async () => {
      const u = uri();
      open(client, u, SAMPLE);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 2 } })) as Hover;
      assert.match(JSON.stringify(hover.contents), /RQ\/日期/);
    });

    it('completes the closing tag of the open field', async () => {
      const u = uri();
      open(client, u, '〖BT/标题〗标题〖-');
      const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 12 } })) as CompletionItem[];
      const preselected = items.find((i) => i.preselect);
      assert.equal(preselected?.label, '〖-BT/标题〗');
    });

    it('links the names of a field’s two tags, so a wrong name is corrected once', async () => {
      const u = uri();
      open(client, u, '〖RQ/总期〗20130908〖-RQ/总期〗\n');
      const linked = (await client.connection.sendRequest('textDocument/linkedEditingRange', {
        textDocument: { uri: u },
        position: { line: 0, character: 5 },
      })) as { ranges: Array<{ start: { character: number }; end: { character: number } }> } | null;
      assert.deepEqual(linked?.ranges.map((r) => `${r.start.character}-${r.end.character}`), ['4-6', '20-22']);
    });

    it('offers a quick fix that rewrites a malformed tag', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } },
        context: { diagnostics: [], only: ['quickfix'] },
      })) as CodeAction[];
      assert.equal(actions[0].title, 'Rewrite as 〖JZ/加重〗');
      assert.deepEqual(actions[0].edit!.changes![u], [{ range: { start: { line: 4, character: 6 }, end: { line: 4, character: 13 } }, newText: '〖JZ/加重〗' }]);
    });

    it('caps the outline by rmrb.outline.maxSymbols, and says so in its last item', async () => {
      const capped = await startServer(VSCODE_LIKE, { locale: 'en', settings: { outline: { maxSymbols: 3 } } });
      try {
        const u = uri();
        open(capped, u, SAMPLE + SAMPLE.replace('20130908', '20130909'));
        const symbols = (await capped.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as DocumentSymbol[];
        assert.equal(symbols.length, 3);
        assert.equal(symbols[0].detail, '2013-09-08 · 2版 · 3条');
        assert.equal(symbols[1].detail, '2013-09-09 · 2版 · 3条');
        assert.match(symbols[2].name, /^Outline limited to 2 of \d+ items/);
      } finally {
        await capped.close();
      }
    });

    it('honours a settings change: a rule turned off', async () => {
      const u = uri();
      open(client, u, BROKEN);
      assert.ok((await pull(client, u)).some((d) => d.code === 'invalid-date'));
      client.settings = { diagnostics: { severity: { 'invalid-date': 'off' } } };
      client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      let items: Diagnostic[] = [];
      for (let i = 0; i < 50 && (items = await pull(client, u)).some((d) => d.code === 'invalid-date'); i++) {
        await new Promise((r) => setImmediate(r));
      }
      assert.deepEqual(items.map(fmt), ['4:6-4:13 malformed-tag']);
      client.settings = {};
      client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    });

    it('survives binary junk, a huge line and half-typed tags', async () => {
      const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
      const huge = '〖ZW/正文〗' + '〖JZ；'.repeat(200_000);
      for (const text of [junk, huge, '〖', '〖-', '〖Z', '〖ZW/正', '\uFFFD\u0000\uD800']) {
        const u = uri();
        open(client, u, text);
        await pull(client, u);
      }
      const u = uri();
      open(client, u, SAMPLE);
      assert.deepEqual(await pull(client, u), []);
    });
  });

  describe('with a client that only takes published diagnostics (Neovim 0.7)', () => {
    let client: TestClient;
    before(async () => {
      client = await startServer(NEOVIM_07_LIKE, { locale: 'zh-cn', initializationOptions: { settings: { requiredFields: ['RQ'] } } });
    });
    after(() => client.close());

    it('does not announce pull diagnostics', () => {
      assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    });

    it('publishes diagnostics in Chinese, and clears them when the defect is fixed', async () => {
      const u = uri();
      open(client, u, BROKEN);
      const items = await client.waitForPublished(u, (d) => d.length === 2);
      assert.deepEqual(items.map(fmt), ['1:7-1:15 invalid-date', '4:6-4:13 malformed-tag']);
      assert.match(items[0].message, /RQ（日期）/);
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: u, version: 2 },
        contentChanges: [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 10 } }, text: '/' }],
      });
      await client.waitForPublished(u, (d) => d.length === 1 && d[0].code === 'invalid-date');
    });

    it('counts positions in UTF-16 with CRLF, a BOM and characters outside the BMP', async () => {
      const u = uri();
      const text = '\uFEFF〖ZQ/总期〗1〖-ZQ/总期〗\r\n〖RQ/日期〗20130908〖-RQ/日期〗\r\n〖BT/标题〗𠀀𠀀〖JZ;加重〗x〖-JZ/加重〗〖-BT/标题〗\r\n';
      open(client, u, text);
      const items = await client.waitForPublished(u, (d) => d.length > 0);
      // 〖BT/标题〗 is 7 units, each 𠀀 is 2: the broken tag starts at 11.
      assert.deepEqual(items.map(fmt), ['2:11-2:18 malformed-tag']);
    });

    it('takes settings from initializationOptions', async () => {
      const u = uri();
      open(client, u, '〖RQ/日期〗20130908〖-RQ/日期〗\n');
      const items = await client.waitForPublished(u, () => true);
      assert.deepEqual(items, []); // only RQ is required here
    });

    it('publishes again when a setting changes what the checks find, without a new version', async () => {
      const u = uri();
      open(client, u, '〖RQ/日期〗19470101〖-RQ/日期〗\n');
      assert.deepEqual(await client.waitForPublished(u, () => true), []);
      client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { rmrb: { requiredFields: ['RQ'], dates: { earliest: '19490101' } } } });
      const items = await client.waitForPublished(u, (d) => d.length > 0);
      assert.deepEqual(items.map((d) => d.code), ['date-out-of-range']);
      client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { rmrb: { requiredFields: ['RQ'] } } });
      await client.waitForPublished(u, (d) => d.length === 0);
    });

    it('clears diagnostics when the document closes', async () => {
      const u = uri();
      open(client, u, BROKEN);
      await client.waitForPublished(u, (d) => d.length > 0);
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
      await client.waitForPublished(u, (d) => d.length === 0);
    });
  });
});
