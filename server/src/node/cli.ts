// The command line: `rmrb check PATH…` checks corpus files and folders with the editor's rules.
//
// Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 a usage
// or I/O error that left nothing to check. A file that cannot be read or decoded is reported
// and the run goes on.

import { SERVER_VERSION } from '../lsp/lspServer';
import { check, parseCheckArguments } from './checkCommand';
import { UsageError } from './cliArguments';
import { reason } from './corpusFiles';
import { fix, parseFixArguments } from './fixCommand';

const USAGE = `Usage: rmrb check [options] PATH…
       rmrb fix [--dry-run] [--encoding auto|utf-8|gb18030] PATH…

Checks 〖〗-tagged corpus files: *.rmrb, and *.txt files whose first line opens with a tag.
Folders are checked recursively (.git, node_modules and hidden folders are skipped).
rmrb fix applies the editor's "fix all" (the safe fixes only), keeping every other byte.

Options:
  --format text|jsonl          one line per problem (default), or one JSON object per problem
  --encoding auto|utf-8|gb18030  how files are read (default auto: BOM, else UTF-8, else GB18030)
  --max-warnings N             exit 1 when there are more than N warnings
  --quiet                      report errors only
  --dry-run                    (fix) print a diff of the safe fixes and change nothing
  -h, --help                   show this help
  -v, --version                show the version
`;

async function main(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.includes('-v') || args.includes('--version')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = args;
  try {
    if (command === 'fix') return await fix(parseFixArguments(rest));
    if (command !== 'check') throw new UsageError(command ? `unknown command “${command}” (try: rmrb check PATH…)` : 'say what to do: rmrb check PATH…');
    return await check(parseCheckArguments(rest));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rmrb: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`rmrb: ${reason(e)}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
