// The command line: `rmrb check PATH…` checks corpus files and folders with the editor's rules,
// `rmrb fix PATH…` applies its safe fixes, `rmrb export PATH…` writes their records as data.
//
// Exit status (check): 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 a usage
// or I/O error that left nothing to check. A file that cannot be read or decoded is reported
// and the run goes on. Export exits 0, or 2 on a usage error or when nothing could be read.

import { VERSION } from '../lsp/version';
import { check, parseCheckArguments } from './checkCommand';
import { checkWork } from './checkFiles';
import { runFileWorker } from './fileThreads';
import { UsageError } from './cliArguments';
import { exportFiles, exportWork, parseExportArguments } from './exportCommand';
import { reason } from './corpusFiles';
import { fix, parseFixArguments } from './fixCommand';

const USAGE = `Usage: rmrb check [options] PATH…     report the problems of corpus files
       rmrb fix [options] PATH…       apply the safe fixes (the editor's "fix all")
       rmrb export [options] PATH…    write each record as one line of data

Corpus files are *.rmrb, and *.txt files whose first line opens with a tag. Folders are read
recursively (.git, node_modules and hidden folders are skipped); a file named is always read.

Options of every command:
  --encoding auto|utf-8|gb18030  how files are read (default auto: BOM, else UTF-8, else GB18030)
  --include GLOB               in folders, take only the files GLOB matches, or those under a
                               folder it matches (repeatable: any of them)
  --exclude GLOB               in folders, leave out the files and folders GLOB matches; a folder
                               left out is not read (repeatable). Globs match the path under the
                               folder walked, with /; one without / matches the base name at any
                               depth (--exclude '*.bak.txt', --exclude draft); one ending in /
                               matches folders only
  -h, --help                   show this help
  -v, --version                show the version

rmrb check:
  --format text|jsonl|github|sarif
                               one line per problem (default), one JSON object per problem,
                               GitHub Actions annotations, or one SARIF 2.1.0 log
  --files-from FILE            also check the paths listed in FILE, one a line (- : standard input)
  --null                       the list is NUL-separated (find -print0)
  --config FILE                the settings (the editor's rmrb.* as JSON); without it, the nearest
                               rmrb.json or .vscode/settings.json above each file is read
  --rule CODE=SEVERITY         override one rule: error, warning, information, hint or off
  --max-warnings N             exit 1 when there are more than N warnings
  --quiet                      report errors only
  --locale en|zh               the messages' language (default: Chinese when LANG, LC_MESSAGES
                               or LC_ALL names a Chinese locale, else English)
  -j, --jobs N                 check with N threads (default: one per core)
  --index-out FILE             write the run's articles (file, line, RQ, BH, TH, ZQ) as JSON Lines
  --index FILE…                add other runs' articles to the checks across files; with no
                               PATH, report the problems between those runs

rmrb fix: keeps every byte outside the fixes, and each file's encoding, BOM and line ends.
  --dry-run                    print a diff of the fixes and change nothing

rmrb export: its fields without markup (〖HH/换行〗 read as a line break), 正文's paragraphs and
sections, its problems by severity.
  --format jsonl|csv           one JSON object per record (default), or CSV (RFC 4180) as
                               UTF-8 with a BOM, so that Excel reads the Chinese right
  --fields RQ,BH,TH,BT,ZW      the CSV's columns after file,line (default RQ,BH,TH,BT,ZW)
  -j, --jobs N                 export with N threads (default: one per core); the order is the same
`;

async function main(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.includes('-v') || args.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = args;
  try {
    if (command === 'export') return await exportFiles(parseExportArguments(rest));
    if (command === 'fix') return await fix(parseFixArguments(rest));
    if (command !== 'check') throw new UsageError(command ? `unknown command “${command}” (rmrb check, fix or export)` : 'say what to do: rmrb check, fix or export PATH…');
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

// The same file runs the threads that check and export files for --jobs.
if (!runFileWorker({ check: checkWork, export: exportWork })) {
  void main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
