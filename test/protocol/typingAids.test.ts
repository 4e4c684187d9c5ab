// The typing aids over stdio: textDocument/selectionRange for any editor's Expand Selection,
// and rmrb/autoInsert, which a client asks once a `〗` is typed (as VS Code's HTML client asks
// html/autoInsert), here after the same incremental edit a typed `〗` sends.

import * as assert from 'node:assert/strict';
import type { SelectionRange } from 'vscode-languageserver-protocol';
import { open, SAMPLE, startServer, type TestClient, uris, VSCODE_LIKE } from './lspClient';

const uri = uris('typing');

describe('typing aids over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer(VSCODE_LIKE, { locale: 'en' });
  });
  after(() => client.close());

  it('announces selection ranges and answers value → field → record, one chain per position', async () => {
    assert.equal(client.initializeResult.capabilities.selectionRangeProvider, true);
    const u = uri();
    open(client, u, SAMPLE);
    const answers = (await client.connection.sendRequest('textDocument/selectionRange', {
      textDocument: { uri: u },
      positions: [
        { line: 1, character: 10 }, // in 20130908 of 〖RQ/日期〗20130908〖-RQ/日期〗
        { line: 6, character: 2 }, // on the code of 〖BM/版名〗
      ],
    })) as SelectionRange[];
    const chain = (r: SelectionRange | undefined): string[] => (r ? [`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`, ...chain(r.parent)] : []);
    const lines = SAMPLE.split('\n');
    const lastLine = lines.length - 2; // the file ends with a line break
    const record = `0:0-${lastLine}:${lines[lastLine].length}`;
    assert.deepEqual(chain(answers[0]), ['1:7-1:15', '1:0-1:23', record]);
    assert.deepEqual(chain(answers[1]), ['6:1-6:3', '6:0-6:7', '6:0-6:17', record]);
  });

  it('answers rmrb/autoInsert with the closing tag of the field just opened, and null once it is closed', async () => {
    const u = uri();
    const text = '〖RQ/日期〗20130908〖-RQ/日期〗\n\n';
    open(client, u, text);
    const ask = (line: number, character: number) => client.connection.sendRequest('rmrb/autoInsert', { textDocument: { uri: u }, position: { line, character } });
    // 〖BT/标题 was typed on line 1, then its 〗.
    client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '〖BT/标题' },
        { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 } }, text: '〗' },
      ],
    });
    assert.equal(await ask(1, 7), '$0〖-BT/标题〗');
    assert.equal(await ask(0, 7), null, 'the RQ field is closed already');
    assert.equal(await ask(0, 23), null, 'after a closing tag');
    assert.equal(await client.connection.sendRequest('rmrb/autoInsert', { textDocument: { uri: 'file:///tmp/never-opened.rmrb' }, position: { line: 0, character: 0 } }), null);
  });
});
