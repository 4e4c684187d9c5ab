// The browser server's file source against the Node one: given a client that lists and reads a
// folder (here from this disk, as vscode.workspace.fs would), it takes the same files and reads
// the same texts, problems included, so that vscode.dev shows what the desktop shows.

import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/browser';
import { URI } from 'vscode-uri';
import { READ_FILE_REQUEST } from '../../../server/src/browser/fileRequests';
import { clientWorkspaceFiles } from '../../../server/src/browser/workspaceFiles';
import type { FileSelection, WorkspaceFileSystem } from '../../../server/src/lsp/workspaceIndex';
import { nodeWorkspaceFiles } from '../../../server/src/node/workspaceFiles';
import { answerFromDisk } from '../../protocol/diskFileRequests';

/** A client answering the file requests as the web client does, from this disk. */
function diskClient(): { connection: Connection; asked: string[] } {
  const asked: string[] = [];
  const connection = {
    async sendRequest(method: string, params: unknown) {
      asked.push(method);
      return answerFromDisk(method, params);
    },
  } as unknown as Connection;
  return { connection, asked };
}

async function corpus(fs: WorkspaceFileSystem, folder: string, selection: FileSelection) {
  const out: Array<{ uri: string; read: unknown }> = [];
  for (const f of await fs.findFiles(URI.file(folder).toString(), selection)) out.push({ uri: f.uri, read: await fs.readFile(f.uri, f.sniff) });
  return out;
}

describe('browser/workspaceFiles: the workspace read through the client', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rmrb-browser-files-'));
    cpSync(path.join(__dirname, '..', '..', 'integration', 'workspace'), dir, { recursive: true });
    for (const skipped of ['.git', 'node_modules', '.hidden']) {
      mkdirSync(path.join(dir, skipped));
      writeFileSync(path.join(dir, skipped, 'a.rmrb'), '〖RQ/日期〗19950101〖-RQ/日期〗\n');
    }
    mkdirSync(path.join(dir, 'drafts', 'old'), { recursive: true });
    writeFileSync(path.join(dir, 'drafts', 'old', 'd.rmrb'), '〖RQ/日期〗19950101〖-RQ/日期〗\n');
    writeFileSync(path.join(dir, 'binary.rmrb'), new Uint8Array([0x3c, 0, 1, 2]));
    writeFileSync(path.join(dir, "名字 with space (1)'s!.rmrb"), '\ufeff〖RQ/日期〗19950230〖-RQ/日期〗\r\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const selection of [
    { include: [], exclude: [] },
    { include: ['closed/'], exclude: [] },
    { include: [], exclude: ['drafts/', '*.txt'] },
  ]) {
    it(`takes and decodes the files the Node side does (include ${JSON.stringify(selection.include)}, exclude ${JSON.stringify(selection.exclude)})`, async () => {
      const node = await corpus(nodeWorkspaceFiles, dir, selection);
      const client = diskClient();
      const browser = await corpus(clientWorkspaceFiles(client.connection), dir, selection);
      assert.ok(node.length > 0);
      assert.deepEqual(browser, node);
      assert.ok(client.asked.includes(READ_FILE_REQUEST));
    });
  }

  it('the GB18030 file reads right, the plain .txt is no corpus file, the binary one is unreadable', async () => {
    const fs = clientWorkspaceFiles(diskClient().connection);
    const uri = (name: string) => URI.file(path.join(dir, name)).toString();
    const gb = await fs.readFile(uri('gb18030.rmrb'), false);
    assert.ok('text' in gb && gb.text.includes('𠀀'), JSON.stringify(gb).slice(0, 200));
    assert.deepEqual(await fs.readFile(uri('plain.txt'), true), { skipped: true });
    assert.deepEqual(await fs.readFile(uri('binary.rmrb'), false), { error: 'a binary file, not a corpus file' });
    assert.ok('error' in (await fs.readFile(uri('gone.rmrb'), false)));
  });

  it('tells a folder from a file by asking the client', async () => {
    const fs = clientWorkspaceFiles(diskClient().connection);
    assert.equal(await fs.isFolder(URI.file(path.join(dir, 'closed')).toString()), true);
    assert.equal(await fs.isFolder(URI.file(path.join(dir, 'broken.rmrb')).toString()), false);
    assert.equal(await fs.isFolder(URI.file(path.join(dir, 'gone')).toString()), false);
  });
});
