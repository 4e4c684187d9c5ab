// The Node entry point: `rmrb-language-server --stdio` for any editor, IPC for VS Code.

import { inspect } from 'node:util';
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, SERVER_VERSION, startServer } from '../lsp/lspServer';
import { idleCollector, watchedBy } from './memory';
import { StdioMessageReader } from './messageReader';
import { StdioMessageWriter } from './messageWriter';
import { nodeWorkspaceFiles } from './workspaceFiles';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || args.includes('--version') || args.includes('-v')) {
  process.stdout.write(
    args.includes('--version') || args.includes('-v')
      ? `${SERVER_VERSION}\n`
      : `${SERVER_NAME}: a language server for 〖〗-tagged newspaper corpus files.\n` +
          `Usage: ${SERVER_NAME} --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME)\n`,
  );
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write(`${SERVER_NAME}: say how to talk to the editor, e.g. \`${SERVER_NAME} --stdio\` (see --help).\n`);
  process.exit(2);
}

// Over stdio the messages are read by our own reader (messageReader.ts: a big didOpen is read
// in about half the time vscode-jsonrpc's takes) and written by our own writer (messageWriter.ts:
// a big outline is sent as the bytes encodedJson.ts made, not stringified). Node IPC (VS Code's transport) keeps
// vscode-jsonrpc's reader and writer, made here just as vscode-languageserver makes them;
// sockets and pipes are left to vscode-languageserver, which picks them from the arguments.
//
// The memory a big file took is given back (memory.ts): after a big text or a close, once the
// server is idle, one full collection. For that the messages are watched on their way in, over
// stdio and over IPC.
const stdio = args.includes('--stdio');
const ipc = !stdio && args.includes('--node-ipc');
const collector = idleCollector();
const connection = stdio
  ? createConnection(ProposedFeatures.all, watchedBy(collector, new StdioMessageReader(process.stdin)), new StdioMessageWriter(process.stdout))
  : ipc
    ? createConnection(ProposedFeatures.all, watchedBy(collector, new IPCMessageReader(process)), new IPCMessageWriter(process))
    : createConnection(ProposedFeatures.all);
if (stdio) {
  // What vscode-languageserver does for the streams it opens itself: the editor closing our
  // input ends the server, with 0 only after a shutdown request.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const end = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
}
// Over stdio, a stray console.log would corrupt the message stream: send it to the client's log.
const text = (a: unknown[]) => a.map((x) => (typeof x === 'string' ? x : inspect(x))).join(' ');
console.log = (...a: unknown[]) => connection.console.log(text(a));
console.info = (...a: unknown[]) => connection.console.info(text(a));
console.debug = (...a: unknown[]) => connection.console.log(text(a));
console.dir = (o: unknown) => connection.console.log(inspect(o));
console.warn = (...a: unknown[]) => connection.console.warn(text(a));
console.error = (...a: unknown[]) => connection.console.error(text(a));
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));

startServer(connection, { encodedJson: stdio, workspaceFiles: nodeWorkspaceFiles, leftGarbage: () => collector.message(true) });
