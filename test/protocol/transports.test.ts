// The built server on each transport an editor may choose: stdio (read by our own reader),
// Node IPC, a socket and a named pipe (left to vscode-languageserver); and over stdio, the way
// it ends when the editor closes its input.

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createClientPipeTransport,
  createClientSocketTransport,
  createProtocolConnection,
  generateRandomPipeName,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentSymbol,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { SERVER } from './lspClient';

const SAMPLE = readFileSync(path.join(__dirname, '../fixtures/rmrb-20130908-002-3.txt'), 'utf8');

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

/** initialize, open the sample, and its outline: the server works on this transport. */
async function outlineOverConnection(connection: ProtocolConnection): Promise<string[]> {
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } } });
  await connection.sendNotification('initialized', {});
  const uri = 'file:///tmp/transport.rmrb';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rmrb', version: 1, text: SAMPLE } });
  const symbols = (await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  return symbols.map((s) => s.name);
}

async function shutDown(connection: ProtocolConnection, child: ChildProcess): Promise<number | null> {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  const code = await exited(child);
  connection.dispose();
  return code;
}

const TITLE = '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言';

describe('the server on every transport', () => {
  it('--stdio', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    assert.deepEqual(await outlineOverConnection(connection), [TITLE]);
    assert.equal(await shutDown(connection, child), 0);
  });

  it('--node-ipc', async () => {
    const child = spawn(process.execPath, [SERVER, '--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    assert.deepEqual(await outlineOverConnection(connection), [TITLE]);
    assert.equal(await shutDown(connection, child), 0);
  });

  it('--socket=PORT', async () => {
    // The editor listens; the server connects to it. A port the system picks, on loopback.
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const transport = await createClientSocketTransport(port);
    const child = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const [reader, writer]: [MessageReader, MessageWriter] = await transport.onConnected();
    const connection = createProtocolConnection(reader, writer);
    assert.deepEqual(await outlineOverConnection(connection), [TITLE]);
    assert.equal(await shutDown(connection, child), 0);
  });

  it('--pipe=NAME', async () => {
    const name = generateRandomPipeName();
    const transport = await createClientPipeTransport(name);
    const child = spawn(process.execPath, [SERVER, `--pipe=${name}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const [reader, writer] = await transport.onConnected();
    const connection = createProtocolConnection(reader, writer);
    assert.deepEqual(await outlineOverConnection(connection), [TITLE]);
    assert.equal(await shutDown(connection, child), 0);
  });

  describe('over stdio, when the editor closes the server’s input', () => {
    it('after a shutdown request: it exits with 0', async () => {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
      await outlineOverConnection(connection);
      await connection.sendRequest('shutdown');
      child.stdin!.end();
      assert.equal(await exited(child), 0);
      connection.dispose();
    });

    it('without one: it exits with 1', async () => {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
      await outlineOverConnection(connection);
      child.stdin!.end();
      assert.equal(await exited(child), 1);
      connection.dispose();
    });
  });
});
