// The corpus in the status bar, and "RMRB: Check Workspace". The language server indexes every
// corpus file of the workspace, open or not, and tells the client how far it is and how many
// problems the corpus has (`rmrb/workspaceStatus`); the status bar shows it, and a click opens
// the Problems panel, where the closed files' problems are listed (workspace diagnostics). The
// command asks the server to walk and read the workspace again (`rmrb/checkWorkspace`): for
// files changed outside the editor's sight, or after settings that change what is indexed.

import * as vscode from 'vscode';
import { t } from './say';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { WorkspaceStatus } from '../../server/src/lsp/workspaceIndex';

export const CHECK_WORKSPACE_COMMAND = 'rmrb.checkWorkspace';
const STATUS_NOTIFICATION = 'rmrb/workspaceStatus';
const CHECK_REQUEST = 'rmrb/checkWorkspace';

/** The server's `rmrb/workspaceStatus` notification, and its answer to `rmrb/checkWorkspace`. */
export type { WorkspaceStatus } from '../../server/src/lsp/workspaceIndex';

/** What the extension's API tells about the status bar (the integration tests read it). */
export interface WorkspaceStatusApi {
  /** The status bar item's text while it is shown; undefined while it is hidden. */
  workspaceStatusText(): string | undefined;
  /** Its tooltip while it is shown. */
  workspaceStatusTooltip(): string | undefined;
  /** The server's last status, undefined before the first. */
  workspaceStatus(): WorkspaceStatus | undefined;
}

/** Numbers grouped as the display language groups them (1,234). */
function formatNumber(n: number): string {
  try {
    return new Intl.NumberFormat(vscode.env.language).format(n);
  } catch {
    return n.toLocaleString();
  }
}

const filesText = (n: number) => (n === 1 ? t('1 file') : t('{0} files', formatNumber(n)));
const errorsText = (n: number) => (n === 1 ? t('1 error') : t('{0} errors', formatNumber(n)));
const warningsText = (n: number) => (n === 1 ? t('1 warning') : t('{0} warnings', formatNumber(n)));

function isStatus(value: unknown): value is WorkspaceStatus {
  const s = value as WorkspaceStatus | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    (s.state === 'indexing' || s.state === 'ready' || s.state === 'off') &&
    [s.files, s.indexed, s.errors, s.warnings].every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rmrb.workspaceStatus', vscode.StatusBarAlignment.Left, 50);
  private shown = false;
  last: WorkspaceStatus | undefined;

  constructor() {
    this.item.name = t('RMRB Corpus Workspace');
    this.item.command = { command: 'workbench.actions.view.problems', title: t('Show Problems') };
  }

  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  get tooltip(): string | undefined {
    return this.shown && typeof this.item.tooltip === 'string' ? this.item.tooltip : undefined;
  }

  update(status: WorkspaceStatus): void {
    this.last = status;
    // Off, or a workspace with no corpus file (the server started for a file opened on its
    // own): nothing to count, so nothing in the status bar.
    if (status.state === 'off' || (status.state === 'ready' && status.files === 0)) return this.hide();
    if (status.state === 'indexing' && status.files === 0) {
      // Still walking the folders: there is no count to show yet.
      const finding = t('RMRB: finding corpus files');
      this.item.text = `$(sync~spin) ${finding}`;
      this.item.tooltip = t('Looking for the corpus files of the workspace folders. Click to open the Problems panel.');
      this.item.accessibilityInformation = { label: finding };
    } else if (status.state === 'indexing') {
      const progress = t('RMRB: indexing {0}/{1}', formatNumber(status.indexed), formatNumber(status.files));
      this.item.text = `$(sync~spin) ${progress}`;
      this.item.tooltip = t('Reading the corpus files of the workspace to check them: {0} of {1}. Click to open the Problems panel.', formatNumber(status.indexed), formatNumber(status.files));
      this.item.accessibilityInformation = { label: progress };
    } else {
      this.item.text = `RMRB $(error) ${formatNumber(status.errors)} $(warning) ${formatNumber(status.warnings)}`;
      const counts = t('{0}, {1}', errorsText(status.errors), warningsText(status.warnings));
      this.item.tooltip =
        status.files === 1
          ? t("Problems in the corpus's one file: {0}. Click to open the Problems panel.", counts)
          : t("Problems in the corpus's {0} files: {1}. Click to open the Problems panel.", formatNumber(status.files), counts);
      this.item.accessibilityInformation = { label: t('RMRB Corpus: {0} in {1}', counts, filesText(status.files)) };
    }
    this.item.show();
    this.shown = true;
  }

  hide(): void {
    this.item.hide();
    this.shown = false;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/**
 * The status bar item and the command. `start` starts the server if it is not running (the
 * command works before any corpus file is open).
 */
export function registerWorkspaceStatus(context: vscode.ExtensionContext, client: LanguageClient, start: () => Promise<void>): WorkspaceStatusApi {
  const item = new StatusItem();
  const statusChanged = new vscode.EventEmitter<WorkspaceStatus>();
  context.subscriptions.push(
    item,
    statusChanged,
    // Registered before the client starts: the client keeps it until there is a connection.
    client.onNotification(STATUS_NOTIFICATION, (status: unknown) => {
      if (!isStatus(status)) return;
      item.update(status);
      statusChanged.fire(status);
    }),
    // A stopped server counts nothing; a restarted one sends its status again.
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Stopped) item.hide();
    }),
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(client, start, statusChanged.event, item)),
  );
  return { workspaceStatusText: () => item.text, workspaceStatusTooltip: () => item.tooltip, workspaceStatus: () => item.last };
}

/** Re-reads the workspace with progress, then says what it found; resolves to the status. */
async function checkWorkspace(
  client: LanguageClient,
  start: () => Promise<void>,
  onStatus: vscode.Event<WorkspaceStatus>,
  item: StatusItem,
): Promise<WorkspaceStatus | undefined> {
  let status: WorkspaceStatus;
  try {
    status = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Checking the corpus files of the workspace…') },
      async (progress) => {
        await start();
        // The server sends its status every quarter second while it reads: the bar follows it.
        let done = 0;
        const following = onStatus((s) => {
          if (s.state !== 'indexing' || s.files === 0) return;
          const now = Math.min(100, (100 * s.indexed) / s.files);
          progress.report({ message: t('{0} of {1}', formatNumber(s.indexed), filesText(s.files)), increment: Math.max(0, now - done) });
          done = Math.max(done, now);
        });
        try {
          const answer: unknown = await client.sendRequest(CHECK_REQUEST);
          if (!isStatus(answer)) throw new Error(t('the language server gave no status'));
          return answer;
        } finally {
          following.dispose();
        }
      },
    );
  } catch (error) {
    void vscode.window.showErrorMessage(t('Could not check the workspace: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  item.update(status);
  if (status.state === 'off') {
    const settings = t('Open Settings');
    void vscode.window
      .showInformationMessage(t('The workspace index is off (rmrb.workspace.enabled): only open files are checked.'), settings)
      .then((picked) => picked && vscode.commands.executeCommand('workbench.action.openSettings', 'rmrb.workspace'));
  } else if (status.files === 0) {
    void vscode.window.showInformationMessage(t('The workspace has no corpus files: no .rmrb files, and no .txt files whose first line opens with a tag.'));
  } else {
    const show = t('Show Problems');
    const counts = t('{0}, {1}', errorsText(status.errors), warningsText(status.warnings));
    void vscode.window
      .showInformationMessage(t('Checked {0}: {1}.', filesText(status.files), counts), show)
      .then((picked) => picked && vscode.commands.executeCommand('workbench.actions.view.problems'));
  }
  return status;
}
