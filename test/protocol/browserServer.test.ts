// The browser server as the web client runs it: dist/browser/server.js in a worker (here a
// worker thread, over a MessageChannel), reading the workspace only through its client's file
// requests. Its workspace index must show what the Node server shows on the same folder.

import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';

interface FileReport {
  uri: string;
  kind: string;
  items?: Diagnostic[];
}
import { BROKEN, startServer, VSCODE_LIKE, type TestClient } from './lspClient';

const CAPABILITIES = {
  ...VSCODE_LIKE,
  window: { workDoneProgress: true },
  workspace: { ...VSCODE_LIKE.workspace, workspaceFolders: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
};

/** Every closed file's report, without the result ids (each server makes its own). */
async function corpusReport(client: TestClient): Promise<FileReport[]> {
  const report = (await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
  return report.items.map(({ resultId: _, ...rest }) => rest as FileReport).sort((a, b) => (a.uri < b.uri ? -1 : 1));
}

describe('the browser server in a worker, reading the workspace through its client', function () {
  this.timeout(30_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'rmrb-browser-ws-'));
    // The integration suite's workspace: UTF-8 and GB18030 files, a .txt that is no corpus file, a duplicate article.
    cpSync(path.join(__dirname, '..', 'integration', 'workspace'), root, { recursive: true });
    mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'dep', 'x.rmrb'), BROKEN);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const indexed = async (browser: boolean) => {
    const client = await startServer(CAPABILITIES, { workspaceFolders: [root], browser });
    try {
      const status = await client.waitForStatus((s) => s.state === 'ready');
      return { status, report: await corpusReport(client) };
    } finally {
      await client.close();
    }
  };

  it('indexes the folder as the Node server does: the same files, the same problems, the same counts', async () => {
    const node = await indexed(false);
    const browser = await indexed(true);
    assert.equal(node.status.files, 7);
    assert.ok(node.report.some((r) => r.items?.some((d) => d.code === 'duplicate-article')));
    assert.deepEqual(browser.status, node.status);
    assert.deepEqual(browser.report, node.report);
  });

  it('takes in a file and a folder created later, asking the client whether each is a folder', async () => {
    const client = await startServer(CAPABILITIES, { workspaceFolders: [root], browser: true });
    try {
      await client.waitForStatus((s) => s.state === 'ready');
      writeFileSync(path.join(root, 'added.rmrb'), BROKEN);
      mkdirSync(path.join(root, 'later'));
      writeFileSync(path.join(root, 'later', 'inside.rmrb'), BROKEN);
      const added = [pathToFileURL(path.join(root, 'added.rmrb')).href, pathToFileURL(path.join(root, 'later')).href];
      client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: added.map((uri) => ({ uri, type: 1 })) });
      const wanted = [added[0], pathToFileURL(path.join(root, 'later', 'inside.rmrb')).href];
      let report = await corpusReport(client);
      for (let tries = 0; tries < 100 && !wanted.every((uri) => report.some((r) => r.uri === uri)); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        report = await corpusReport(client);
      }
      for (const uri of wanted) {
        const file = report.find((r) => r.uri === uri);
        assert.ok(file && file.kind === 'full', `${uri} is in the index: ${report.map((r) => r.uri).join(', ')}`);
        // Its own problems (and, across files, an issue number the fixtures' do not share).
        for (const code of ['invalid-date', 'malformed-tag']) assert.ok(file.items?.some((d) => d.code === code), `${uri}: ${code}`);
      }
    } finally {
      await client.close();
    }
  });
});
