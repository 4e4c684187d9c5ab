// Completion over stdio: the server's own clock for RQ, the workspace index's values for BM,
// TC and LM (closed files on disk), and the trigger characters that bring them.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { todayYYYYMMDD } from '../../server/src/text/dates';
import { VSCODE_LIKE, open, startServer, type TestClient } from './lspClient';

const f = (code: string, name: string, value: string) => `〖${code}/${name}〗${value}〖-${code}/${name}〗`;
const article = (bm: string, tc: string) => [f('RQ', '日期', '20130908'), f('BM', '版名', bm), f('TC', '体裁', tc), '〖ZW/正文〗', '    正文。', '〖-ZW/正文〗', ''].join('\n');

const WITH_WORKSPACE = { ...VSCODE_LIKE, workspace: { ...VSCODE_LIKE.workspace, workspaceFolders: true } };

async function complete(client: TestClient, uri: string, line: number, character: number): Promise<CompletionItem[]> {
  return (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionItem[];
}

describe('completion over stdio', () => {
  let root: string;
  let client: TestClient;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'rmrb-completion-'));
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    write('a.rmrb', article('要闻', '消息') + article('国际', '消息'));
    write('b.rmrb', article('国际', '通讯'));
    write('c/d.rmrb', article('理论', '评论'));
    client = await startServer(WITH_WORKSPACE, { workspaceFolders: [root] });
  });
  afterEach(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('brings value suggestions when a field’s opening tag is closed with 〗', () => {
    const triggers = client.initializeResult.capabilities.completionProvider?.triggerCharacters;
    assert.deepEqual(triggers, ['〖', '-', '〗']);
  });

  it('BM: the open file’s values first, then those of the closed files, by how many use them', async () => {
    await client.waitForStatus((s) => s.state === 'ready');
    const uri = pathToFileURL(path.join(root, 'new.rmrb')).href;
    open(client, uri, `${article('要闻', '消息')}〖BM/版名〗〖-BM/版名〗\n`);
    const items = (await complete(client, uri, 6, 7)).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [
        ['要闻', 'Used once in this file and in 1 file of the workspace'],
        ['国际', 'Used in 2 files of the workspace'],
        ['理论', 'Used in 1 file of the workspace'],
      ],
    );
    assert.ok(items[0].preselect);
    // A file opened is the editor's: its values are no longer the closed files'.
    open(client, pathToFileURL(path.join(root, 'b.rmrb')).href, article('国际', '通讯'));
    const after = await complete(client, uri, 6, 7);
    assert.equal(after.find((i) => i.label === '国际')?.detail, 'Used in 1 file of the workspace');
    // A closed file changed on disk: its new value is offered, its old one no longer.
    writeFileSync(path.join(root, 'c/d.rmrb'), article('副刊', '评论'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'c/d.rmrb')).href, type: 2 }] });
    let labels: string[] = [];
    for (let tries = 0; tries < 100 && !labels.includes('副刊'); tries++) {
      labels = (await complete(client, uri, 6, 7)).map((i) => String(i.label));
      if (!labels.includes('副刊')) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(labels.includes('副刊') && !labels.includes('理论'), `after d.rmrb's change: ${labels.join(', ')}`);
  });

  it('RQ: today by the server’s clock, and the date of the record before', async () => {
    const uri = pathToFileURL(path.join(root, 'today.rmrb')).href;
    open(client, uri, `${article('要闻', '消息')}〖RQ/日期〗\n`);
    const before = todayYYYYMMDD();
    const labels = (await complete(client, uri, 6, 7)).map((i) => i.label);
    const after = todayYYYYMMDD();
    assert.equal(labels[0], '20130908');
    assert.ok(labels[1] === before || labels[1] === after, labels.join(' '));
  });
});
