// The workspace index over stdio: a fixture workspace on disk, the server reading its closed
// files, and a client asking as VS Code asks (workspace/diagnostic, workspace/symbol) or
// taking what is published, as a simple client does.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import type { Diagnostic, SymbolInformation, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { BROKEN, NEOVIM_07_LIKE, SAMPLE, VSCODE_LIKE, open, pull, startServer, type TestClient } from './lspClient';

const FIXTURES = path.join(__dirname, '../fixtures');
const MULTI = readFileSync(path.join(FIXTURES, 'multi-record.rmrb'), 'utf8');
/** A GB18030 article whose title holds 𠀀 (U+20000): four bytes in GB18030, none in GBK. */
const GB_ARTICLE = [
  '〖ZQ/总期〗20332〖-ZQ/总期〗',
  '〖RQ/日期〗20130909〖-RQ/日期〗',
  '〖BH/版号〗002〖-BH/版号〗',
  '〖TH/条号〗1〖-TH/条号〗',
  '〖BT/标题〗𠀀字见于扩展字符集〖-BT/标题〗',
  '〖ZW/正文〗',
  '    古籍中的𠀀字只能以四字节编码写入。',
  '〖-ZW/正文〗',
  '',
].join('\r\n');

const WITH_WORKSPACE = {
  ...VSCODE_LIKE,
  window: { workDoneProgress: true },
  workspace: { ...VSCODE_LIKE.workspace, workspaceFolders: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
};

/** A workspace on disk: the sample where the archive would file it, its copy, a broken file, a GB18030 file, and files that are no corpus. */
function makeWorkspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rmrb-ws-'));
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  };
  write('2013/09/08/201309080203.txt', SAMPLE);
  write('copies/copy.rmrb', SAMPLE);
  // Another issue number than the sample's: the same one on two dates is a problem of its own.
  write('broken.rmrb', BROKEN.replace('20330', '16000'));
  write('gb/201309090201.txt', iconv.encode(GB_ARTICLE, 'gb18030'));
  write('notes.txt', 'Meeting notes, not a corpus file.\n');
  write('node_modules/dep/x.rmrb', BROKEN);
  write('drafts/draft.rmrb', BROKEN);
  return root;
}

const uriOf = (root: string, rel: string) => pathToFileURL(path.join(root, rel)).href;

async function workspaceDiagnostics(client: TestClient, previousResultIds: Array<{ uri: string; value: string }> = []): Promise<WorkspaceDocumentDiagnosticReport[]> {
  const report = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds })) as WorkspaceDiagnosticReport;
  return report.items;
}

const codes = (items: Diagnostic[] | undefined) => (items ?? []).map((d) => d.code).sort();
const full = (items: WorkspaceDocumentDiagnosticReport[], uri: string) => {
  const item = items.find((i) => i.uri === uri);
  return item?.kind === 'full' ? item.items : undefined;
};
const ids = (items: WorkspaceDocumentDiagnosticReport[]) => items.filter((i) => i.resultId).map((i) => ({ uri: i.uri, value: i.resultId! }));

/** Resolves with the value, or with 'still held' if the promise has not settled within `ms`. */
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'still held'>((r) => setTimeout(() => r('still held'), ms))]);

describe('the workspace index over stdio', () => {
  let root: string;
  let client: TestClient;
  beforeEach(async () => {
    root = makeWorkspace();
    client = await startServer(WITH_WORKSPACE, { workspaceFolders: [root], settings: { workspace: { exclude: ['drafts/'] } } });
  });
  afterEach(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('announces workspace diagnostics and watches the files itself', async () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: true });
    await client.waitForStatus((s) => s.state === 'ready');
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watch, 'no file watcher registered');
  });

  it('answers the first workspace/diagnostic with every closed corpus file, none other', async () => {
    const items = await workspaceDiagnostics(client);
    const listed = items.map((i) => path.relative(root, new URL(i.uri).pathname)).sort();
    // notes.txt opens with no tag; node_modules is never read; drafts/ is excluded by the settings.
    assert.deepEqual(listed, ['2013/09/08/201309080203.txt', 'broken.rmrb', 'copies/copy.rmrb', 'gb/201309090201.txt']);
    assert.deepEqual(codes(full(items, uriOf(root, 'broken.rmrb'))), ['invalid-date', 'malformed-tag']);
    assert.deepEqual(full(items, uriOf(root, '2013/09/08/201309080203.txt')), []);
    for (const item of items) assert.equal(item.version, null);
  });

  it('decodes a GB18030 file as the command line does: no mojibake, and its title found', async () => {
    const items = await workspaceDiagnostics(client);
    assert.deepEqual(full(items, uriOf(root, 'gb/201309090201.txt')), []);
    const found = (await client.connection.sendRequest('workspace/symbol', { query: '𠀀字' })) as SymbolInformation[];
    assert.deepEqual(found.map((s) => [s.name, s.location.uri]), [['𠀀字见于扩展字符集', uriOf(root, 'gb/201309090201.txt')]]);
  });

  it('finds a duplicate article across files, pointing at the other file', async () => {
    const items = await workspaceDiagnostics(client);
    const dup = full(items, uriOf(root, 'copies/copy.rmrb'))!.find((d) => d.code === 'duplicate-article');
    assert.ok(dup, 'copy.rmrb has no duplicate-article');
    assert.match(dup.message, /2013\/09\/08\/201309080203\.txt/);
    assert.equal(dup.relatedInformation?.[0].location.uri, uriOf(root, '2013/09/08/201309080203.txt'));
    assert.deepEqual(dup.relatedInformation?.[0].location.range.start, { line: 0, character: 0 });
  });

  it('holds a request whose result ids are all current, and answers it when a file changes on disk', async () => {
    const first = await workspaceDiagnostics(client);
    const held = workspaceDiagnostics(client, ids(first));
    assert.equal(await within(held, 400), 'still held');
    const file = path.join(root, '2013/09/08/201309080203.txt');
    writeFileSync(file, SAMPLE.replace('〖TH/条号〗3', '〖TH/条号〗0'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
    const second = await within(held, 5000);
    assert.notEqual(second, 'still held');
    const items = second as WorkspaceDocumentDiagnosticReport[];
    assert.ok(codes(full(items, pathToFileURL(file).href)).includes('zero-number'));
    // The copy is no longer the same article: its duplicate is gone with it.
    assert.deepEqual(codes(full(items, uriOf(root, 'copies/copy.rmrb'))), []);
    assert.equal(items.find((i) => i.uri === uriOf(root, 'broken.rmrb'))?.kind, 'unchanged');
  });

  it('drops a deleted file and takes in an added one', async () => {
    const first = await workspaceDiagnostics(client);
    const held = workspaceDiagnostics(client, ids(first));
    unlinkSync(path.join(root, '2013/09/08/201309080203.txt'));
    writeFileSync(path.join(root, 'added.rmrb'), MULTI);
    client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(root, '2013/09/08/201309080203.txt'), type: 3 },
        { uri: uriOf(root, 'added.rmrb'), type: 1 },
      ],
    });
    let items = (await within(held, 5000)) as WorkspaceDocumentDiagnosticReport[];
    assert.notEqual(items, 'still held');
    // One change may come in two answers: ask again until both are in.
    const seen = new Map(items.map((i) => [i.uri, i]));
    while (!seen.has(uriOf(root, 'added.rmrb')) || seen.get(uriOf(root, '2013/09/08/201309080203.txt'))?.kind !== 'full') {
      items = await workspaceDiagnostics(client, ids([...seen.values()]));
      for (const i of items) seen.set(i.uri, i);
    }
    assert.deepEqual((seen.get(uriOf(root, '2013/09/08/201309080203.txt')) as { items: Diagnostic[] }).items, []);
    // With the first copy gone, copy.rmrb holds the only one: no duplicate.
    assert.deepEqual(codes(full([seen.get(uriOf(root, 'copies/copy.rmrb'))!], uriOf(root, 'copies/copy.rmrb')) ?? []), []);
    const added = (await client.connection.sendRequest('workspace/symbol', { query: '创刊号' })) as SymbolInformation[];
    assert.deepEqual(added.map((s) => s.location.uri), [uriOf(root, 'added.rmrb')]);
    const symbols = (await client.connection.sendRequest('workspace/symbol', { query: '2013-09-08' })) as SymbolInformation[];
    assert.ok(symbols.every((s) => s.location.uri !== uriOf(root, '2013/09/08/201309080203.txt')), 'the deleted file is still searched');
  });

  it('finds an article of a closed file by title, by date in each form, and by RQ BH TH', async () => {
    await client.waitForStatus((s) => s.state === 'ready');
    const search = async (query: string) =>
      ((await client.connection.sendRequest('workspace/symbol', { query })) as SymbolInformation[]).map((s) => path.relative(root, new URL(s.location.uri).pathname)).sort();
    const both = ['2013/09/08/201309080203.txt', 'copies/copy.rmrb'];
    assert.deepEqual(await search('哈萨克斯坦'), both);
    assert.deepEqual(await search('2013-09-08'), both);
    assert.deepEqual(await search('20130908'), both);
    assert.deepEqual(await search('2013年9月8日'), both);
    assert.deepEqual(await search('20130908 2 3'), both);
    assert.deepEqual(await search('20130909 2 1'), ['gb/201309090201.txt']);
    const [first] = (await client.connection.sendRequest('workspace/symbol', { query: '20130908 2 3' })) as SymbolInformation[];
    assert.match(first.containerName ?? '', /2013-09-08 · 2版 · 3条/);
  });

  it('gives an open document the problems it has with closed files, and the disk back when it closes', async () => {
    await client.waitForStatus((s) => s.state === 'ready');
    const uri = uriOf(root, 'zz-open.rmrb');
    writeFileSync(path.join(root, 'zz-open.rmrb'), '');
    open(client, uri, SAMPLE);
    const dup = (await pull(client, uri)).find((d) => d.code === 'duplicate-article');
    assert.ok(dup, 'the open copy has no duplicate-article');
    assert.equal(dup.relatedInformation?.[0].location.uri, uriOf(root, '2013/09/08/201309080203.txt'));
    assert.equal(dup.range.start.line, 0);
    // A line typed above the article: the problem moves with it.
    client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
    });
    const moved = (await pull(client, uri)).find((d) => d.code === 'duplicate-article');
    assert.equal(moved?.range.start.line, 1);
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    // Closed, it is the empty file on disk: nothing to show.
    assert.deepEqual(await pull(client, uri), []);
  });

  it('takes back the closed files’ problems when the index is turned off', async () => {
    const first = await workspaceDiagnostics(client);
    const held = workspaceDiagnostics(client, ids(first));
    client.settings = { workspace: { enabled: false } };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const items = (await within(held, 5000)) as WorkspaceDocumentDiagnosticReport[];
    assert.notEqual(items, 'still held');
    assert.equal(items.length, first.length);
    for (const item of items) assert.deepEqual(item.kind === 'full' && item.items, [], item.uri);
    assert.equal((await client.waitForStatus((s) => s.state === 'off')).files, 0);
  });

  it('counts an open file of the workspace among the corpus’s files', async () => {
    open(client, uriOf(root, 'broken.rmrb'), BROKEN);
    await pull(client, uriOf(root, 'broken.rmrb'));
    const status = (await client.connection.sendRequest('rmrb/checkWorkspace')) as { files: number; indexed: number };
    assert.equal(status.files, 4);
    assert.equal(status.indexed, 4);
  });

  it('reports the corpus’s counts in its status, and reads every file again on request', async () => {
    const ready = await client.waitForStatus((s) => s.state === 'ready');
    assert.equal(ready.files, 4);
    assert.equal(ready.errors, 2); // broken.rmrb's invalid date and malformed tag
    assert.ok(ready.warnings >= 1, 'the duplicate is a warning');
    writeFileSync(path.join(root, 'broken.rmrb'), SAMPLE.replace('20130908', '20130907'));
    const status = (await client.connection.sendRequest('rmrb/checkWorkspace')) as { state: string; errors: number };
    assert.equal(status.state, 'ready');
    assert.equal(status.errors, 0);
  });
});

describe('the workspace index for a client that takes published diagnostics', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('publishes the closed files’ problems only when rmrb.workspace.publishClosedFiles is on', async () => {
    root = makeWorkspace();
    const quiet = await startServer(NEOVIM_07_LIKE, { workspaceFolders: [root] });
    const loud = await startServer(NEOVIM_07_LIKE, { workspaceFolders: [root], initializationOptions: { settings: { workspace: { publishClosedFiles: true } } } });
    try {
      const broken = await loud.waitForPublished(uriOf(root, 'broken.rmrb'), (d) => d.length > 0);
      assert.deepEqual(codes(broken), ['invalid-date', 'malformed-tag']);
      await loud.waitForPublished(uriOf(root, 'copies/copy.rmrb'), (d) => d.some((x) => x.code === 'duplicate-article'));
      assert.equal(quiet.published.size, 0);
    } finally {
      await quiet.close();
      await loud.close();
    }
  });

  it('leaves out what files.exclude and rmrb.workspace.include leave out', async () => {
    root = makeWorkspace();
    const narrow = await startServer(WITH_WORKSPACE, { workspaceFolders: [root], filesExclude: { '**/gb': true, '**/*.bak': { when: '$(basename).txt' } }, settings: { workspace: { include: ['*.txt'] } } });
    try {
      const items = await workspaceDiagnostics(narrow);
      assert.deepEqual(items.map((i) => path.relative(root, new URL(i.uri).pathname)), ['2013/09/08/201309080203.txt']);
    } finally {
      await narrow.close();
    }
  });

  it('indexes a big closed file in slices, its articles found and its problems listed', async () => {
    root = makeWorkspace();
    let big = '';
    while (big.length < 3_000_000) big += MULTI;
    writeFileSync(path.join(root, 'big.rmrb'), big + BROKEN.replace('20330', '16001'));
    const client = await startServer(WITH_WORKSPACE, { workspaceFolders: [root] });
    try {
      const items = await workspaceDiagnostics(client);
      assert.ok(codes(full(items, uriOf(root, 'big.rmrb'))).includes('invalid-date'));
      const found = (await client.connection.sendRequest('workspace/symbol', { query: '创刊号' })) as SymbolInformation[];
      assert.ok(found.length > 100 && found.every((s) => s.location.uri === uriOf(root, 'big.rmrb')), `${found.length} found`);
    } finally {
      await client.close();
    }
  });

  it('answers the first request of a workspace with no corpus file, and holds the next', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'rmrb-ws-empty-'));
    writeFileSync(path.join(root, 'notes.txt'), 'no tag here\n');
    const empty = await startServer(WITH_WORKSPACE, { workspaceFolders: [root] });
    try {
      assert.deepEqual(await workspaceDiagnostics(empty), []);
      const next = workspaceDiagnostics(empty);
      assert.equal(await within(next, 400), 'still held');
      // A corpus file appears: the held request has something to say.
      writeFileSync(path.join(root, 'new.rmrb'), BROKEN);
      empty.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'new.rmrb'), type: 1 }] });
      const items = (await within(next, 5000)) as WorkspaceDocumentDiagnosticReport[];
      assert.deepEqual(codes(full(items, uriOf(root, 'new.rmrb'))), ['invalid-date', 'malformed-tag']);
    } finally {
      await empty.close();
    }
  });

  it('lists a corpus file it cannot read or decode, saying why, in English or Chinese', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'rmrb-ws-bad-'));
    writeFileSync(path.join(root, 'binary.rmrb'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    writeFileSync(path.join(root, 'latin1.rmrb'), Buffer.from([0x41, 0xff, 0x41, 0x0a])); // 0xFF leads no character in either
    writeFileSync(path.join(root, 'utf16.rmrb'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('〖BT/标题〗', 'utf16le')]));
    for (const locale of ['en', 'zh-cn']) {
      const client = await startServer(WITH_WORKSPACE, { workspaceFolders: [root], locale });
      try {
        const items = await workspaceDiagnostics(client);
        const message = (name: string) => {
          const list = full(items, uriOf(root, name)) ?? [];
          assert.deepEqual(codes(list), ['unreadable'], name);
          return list[0].message;
        };
        if (locale === 'en') {
          assert.match(message('binary.rmrb'), /binary file/);
          assert.match(message('latin1.rmrb'), /neither UTF-8 nor GB18030/);
          assert.match(message('utf16.rmrb'), /UTF-16/);
        } else {
          assert.match(message('binary.rmrb'), /二进制文件/);
          assert.match(message('latin1.rmrb'), /既不是 UTF-8 也不是 GB18030/);
        }
      } finally {
        await client.close();
      }
    }
  });

  it('indexes nothing when rmrb.workspace.enabled is off', async () => {
    root = makeWorkspace();
    const off = await startServer(WITH_WORKSPACE, { workspaceFolders: [root], settings: { workspace: { enabled: false } } });
    try {
      assert.equal((await off.waitForStatus((s) => s.state === 'off')).files, 0);
      assert.deepEqual(await off.connection.sendRequest('workspace/symbol', { query: '哈萨克斯坦' }), []);
    } finally {
      await off.close();
    }
  });
});
