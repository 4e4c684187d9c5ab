// The Node entry point: `rmrb-language-server --stdio` for any editor, IPC for VS Code.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_NAME, SERVER_VERSION, startServer } from '../lsp/lspServer';

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

const connection = createConnection(ProposedFeatures.all);
// Over stdio, a stray console.log would corrupt the message stream: send it to the client's log.
console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
console.info = (...a: unknown[]) => connection.console.info(a.map(String).join(' '));
console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));

startServer(connection);
