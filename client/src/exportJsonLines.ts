// "RMRB: Export to JSON Lines…": the command line's `rmrb export` of the current file or a
// folder, written to a file the user picks, with progress and a way to cancel. The bundled
// command line does the work in a process of its own, so a big folder never slows the editor.

import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { t } from './say';

export const EXPORT_COMMAND = 'rmrb.exportJsonLines';

export function registerExportJsonLines(context: vscode.ExtensionContext): void {
  const cli = context.asAbsolutePath(path.join('dist', 'cli', 'rmrb.js'));
  context.subscriptions.push(vscode.commands.registerCommand(EXPORT_COMMAND, (resource?: vscode.Uri, target?: vscode.Uri) => exportJsonLines(cli, resource, target)));
}

/**
 * Exports `resource` (a file or folder: the explorer's, else the active editor's document, else
 * one the user picks) to `target` (else a file the user picks). Resolves to the target written,
 * or undefined when nothing was.
 */
async function exportJsonLines(cli: string, resource: vscode.Uri | undefined, target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const source = resource instanceof vscode.Uri ? resource : (vscode.window.activeTextEditor?.document.uri ?? (await pickSource()));
  if (!source) return undefined;
  if (source.scheme !== 'file') {
    void vscode.window.showErrorMessage(t('Only files on this computer can be exported.'));
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
  if (open?.isDirty) void vscode.window.showWarningMessage(t('{0} has unsaved changes: the saved file is exported.', path.basename(source.fsPath)));
  const to =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(source.fsPath.replace(/(\.[^./\\]*)?$/, '.jsonl')),
      filters: { [t('JSON Lines')]: ['jsonl'] },
      title: t('Export to JSON Lines'),
    }));
  if (!to) return undefined;
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Exporting {0}…', path.basename(source.fsPath)), cancellable: true },
    (_progress, token) => runExport(cli, source.fsPath, to.fsPath, token),
  );
  if (outcome.cancelled) return undefined;
  if (outcome.status !== 0) {
    void vscode.window.showErrorMessage(t('The export failed: {0}', outcome.stderr.trim().split('\n')[0] || String(outcome.status)));
    return undefined;
  }
  const message = t('Exported {0} records to {1}.', outcome.records.toLocaleString(), path.basename(to.fsPath));
  void vscode.window.showInformationMessage(message, t('Open')).then((choice) => {
    if (choice) void vscode.window.showTextDocument(to);
  });
  return to;
}

async function pickSource(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: false, title: t('Export to JSON Lines') });
  return picked?.[0];
}

/** `rmrb export SOURCE` into the file `to`, in a Node process of its own (VS Code's). */
function runExport(cli: string, source: string, to: string, token: vscode.CancellationToken): Promise<{ status: number | null; stderr: string; cancelled: boolean; records: number }> {
  return new Promise((resolve) => {
    // ELECTRON_RUN_AS_NODE makes VS Code's own binary a plain Node, as the language client does.
    const child = fork(cli, ['export', '--', source], { execArgv: [], silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
    const out = createWriteStream(to);
    child.stdout!.pipe(out);
    // One record a line: counted as they pass, rather than read back from the command's summary.
    let records = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      for (let k = chunk.indexOf(0x0a); k !== -1; k = chunk.indexOf(0x0a, k + 1)) records++;
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let cancelled = false;
    token.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    child.on('error', (e) => resolve({ status: -1, stderr: String(e), cancelled, records }));
    child.on('close', (status) => out.end(() => resolve({ status, stderr, cancelled, records })));
  });
}
