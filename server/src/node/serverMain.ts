// The Node entry point: `rmrb-language-server --stdio` for any editor, IPC for VS Code.

import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { SERVER_NAME, SERVER_VERSION, startServer } from '../lsp/lspServer';
import { BIG_MESSAGE_BYTES, capYoungGeneration, idleCollector } from './memory';
import { StdioMessageReader } from './messageReader';

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
// in about half the time vscode-jsonrpc's takes); IPC, sockets and pipes are left to
// vscode-languageserver, which picks them from the arguments.
//
// The memory a big file took is given back (memory.ts): the young generation stays small, on
// every transport; after a big message or a close, once the server is idle, one full
// collection, over stdio, where the reader sees each message and its size.
capYoungGeneration();
const stdio = args.includes('--stdio');
const collector = stdio ? idleCollector() : undefined;
const reader = () =>
  new StdioMessageReader(process.stdin, {
    onMessage: (message, bytes) => collector?.message(bytes >= BIG_MESSAGE_BYTES || (message as { method?: string }).method === 'textDocument/didClose'),
  });
const connection = stdio
  ? createConnection(ProposedFeatures.all, reader(), new StreamMessageWriter(process.stdout))
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

startServer(connection);
