// "Reopen with GB18030": VS Code's guess for Simplified Chinese can only pick gb2312 (decoded as
// GBK, so GB18030's four-byte characters come out as U+FFFD), and a GB2312 `.txt` is often read
// as UTF-8 or windows-1252. The server reports the marks (`mojibake`, `suspicious-character` on
// U+FFFD); the client offers to reopen the file as GB18030, as a quick fix on those diagnostics
// and once per opened document as a notification. The server never re-encodes a file: this is
// VS Code reading the same bytes again.
//
// A GB18030 file read as UTF-8 is worse: every 〖〗 comes out as U+FFFD, so a `.txt` is not even
// seen as a corpus file and the server finds no records to report on. The client catches that
// case itself from the file's bytes (not valid UTF-8, valid GB18030, a tag on the first line):
// it shows a `mojibake` problem of its own on the first line, with the same quick fix and
// notification, and once the file is reopened gives a `.txt` the rmrb language.
//
// The engine stays ^1.82.0: `openTextDocument(uri, { encoding })` and `TextDocument.encoding`
// are API from VS Code 1.100 on, so they are declared here and looked for at run time: a
// document with a string `encoding` comes from a VS Code that has both. Elsewhere the command
// says how to do it by hand (the status bar's encoding → Reopen with Encoding → GB18030).

import * as vscode from 'vscode';
import { t } from './say';
import { decode } from '../../server/src/files/corpusBytes';
import { detectLanguage, FIRST_LINE, LANGUAGE_ID } from './language';

export const REOPEN_COMMAND = 'rmrb.reopenWithGb18030';
const TARGET = 'gb18030';
/** workspaceState: the folders (URI strings) where the notification is not to be shown. */
const DONT_ASK_KEY = 'rmrb.reopenGb18030.dontAskFolders';

/** The part of VS Code 1.100's API used here (@types/vscode is 1.82's). */
interface EncodingAware {
  readonly encoding?: string;
}
type OpenWithEncoding = (uri: vscode.Uri, options: { encoding: string }) => Thenable<vscode.TextDocument>;

/** The document's encoding where VS Code tells it (1.100 on); undefined in older versions. */
export function encodingOf(document: vscode.TextDocument): string | undefined {
  const encoding = (document as vscode.TextDocument & EncodingAware).encoding;
  return typeof encoding === 'string' ? encoding : undefined;
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);

/** A diagnostic of the server's that means "read with the wrong encoding". */
export function isEncodingMark(document: vscode.TextDocument, d: vscode.Diagnostic): boolean {
  if (d.source !== 'rmrb') return false;
  const code = codeOf(d);
  if (code === 'mojibake') return true;
  // suspicious-character also reports zero-width characters: only U+FFFD is a broken decode.
  return code === 'suspicious-character' && document.getText(d.range).includes('\uFFFD');
}

const alreadyGb18030 = (document: vscode.TextDocument) => encodingOf(document)?.toLowerCase() === TARGET;

class ReopenProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    if (alreadyGb18030(document)) return [];
    const marks = context.diagnostics.filter((d) => isEncodingMark(document, d));
    if (marks.length === 0) return [];
    const action = new vscode.CodeAction(t('Reopen with GB18030'), vscode.CodeActionKind.QuickFix);
    action.diagnostics = marks;
    action.command = { command: REOPEN_COMMAND, title: action.title, arguments: [document.uri] };
    // VS Code refuses to reopen a document with unsaved edits: the action says why it cannot run.
    if (document.isDirty) action.disabled = { reason: unsavedMessage() };
    return [action];
  }
}

const unsavedMessage = () => t('Save or revert your changes first: VS Code reopens a file in another encoding only when it has no unsaved changes.');

const byHandMessage = () =>
  t('This version of VS Code cannot reopen a file in another encoding for an extension. Click the encoding in the status bar, choose “Reopen with Encoding”, then “Simplified Chinese (GB18030)”.');

/**
 * Reopens the document as GB18030 and shows it; resolves to the reopened document, or to
 * undefined when it could not (a message then says why, or how to do it by hand).
 */
export async function reopenWithGb18030(target: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : (target ?? vscode.window.activeTextEditor?.document.uri);
  if (!uri) return undefined;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document && encodingOf(document) === undefined) {
    void vscode.window.showInformationMessage(byHandMessage());
    return undefined;
  }
  if (document?.isDirty) {
    void vscode.window.showWarningMessage(unsavedMessage());
    return undefined;
  }
  try {
    const reopened = await (vscode.workspace.openTextDocument as unknown as OpenWithEncoding)(uri, { encoding: TARGET });
    if (encodingOf(reopened) === undefined) {
      // An older VS Code ignored the option.
      void vscode.window.showInformationMessage(byHandMessage());
      return undefined;
    }
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === reopened);
    await vscode.window.showTextDocument(reopened, { viewColumn: shown?.viewColumn, preview: false });
    // A `.txt` read as UTF-8 had no tag on its first line to be known by; now it has.
    return await detectLanguage(reopened);
  } catch (error) {
    void vscode.window.showErrorMessage(t('Could not reopen {0} as GB18030: {1}', uri.path.split('/').pop() ?? uri.toString(), error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/** The notification, once per opened document, unless its folder said "Don't ask". */
function registerNotification(context: vscode.ExtensionContext): (document: vscode.TextDocument) => void {
  const asked = new Set<string>();
  const dontAsk = () => context.workspaceState.get<string[]>(DONT_ASK_KEY, []);
  const offer = async (document: vscode.TextDocument) => {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (folder && dontAsk().includes(folder.uri.toString())) return;
    const reopen = t('Reopen with GB18030');
    const never = t("Don't ask for this folder");
    const buttons = folder ? [reopen, never] : [reopen];
    const picked = await vscode.window.showWarningMessage(t('This file looks like it was read in the wrong encoding. Reopen it as GB18030?'), ...buttons);
    if (picked === reopen) await reopenWithGb18030(document.uri);
    else if (picked === never && folder) await context.workspaceState.update(DONT_ASK_KEY, [...new Set([...dontAsk(), folder.uri.toString()])]);
  };
  const offerOnce = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    if (asked.has(key) || alreadyGb18030(document)) return;
    asked.add(key);
    void offer(document);
  };
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics(({ uris }) => {
      for (const uri of uris) {
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (!document || document.languageId !== LANGUAGE_ID) continue;
        if (vscode.languages.getDiagnostics(uri).some((d) => isEncodingMark(document, d))) offerOnce(document);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => asked.delete(document.uri.toString())),
  );
  return offerOnce;
}

// ---------------------------------------------------------------------------------------------
// GB18030 read as UTF-8: told from the file's bytes, since the text has lost what would tell.

const SEVERITIES: Record<string, vscode.DiagnosticSeverity | undefined> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A document that may be a corpus file read as UTF-8 while its bytes are GB18030. */
function mayBeMisread(document: vscode.TextDocument): boolean {
  if (encodingOf(document)?.toLowerCase() !== 'utf8') return false; // unknown (before 1.100), or not UTF-8
  const txt = /\.txt$/i.test(document.uri.path);
  const corpusName = txt || /\.rmrb$/i.test(document.uri.path);
  if (!(document.languageId === LANGUAGE_ID || (document.languageId === 'plaintext' && corpusName))) return false;
  if (txt && !vscode.workspace.getConfiguration('rmrb', document.uri).get<boolean>('detectTxtFiles', true)) return false;
  // Only a file system's files have bytes to look at (not untitled documents, not git's views).
  if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === undefined) return false;
  // 〖 is A1 BC in GB18030, no UTF-8: such a file's first line opens with U+FFFD. Looking there
  // first keeps the file's bytes unread for the many text files that merely hold a U+FFFD.
  return document.lineCount > 0 && /^\uFEFF?\s*\uFFFD/.test(document.lineAt(0).text);
}

/** The file's bytes are not UTF-8 but are GB18030 whose first line opens with a tag. */
async function bytesAreGb18030Corpus(uri: vscode.Uri): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return false;
  }
  if (decode(bytes, 'utf-8')) return false;
  const text = decode(bytes, 'gb18030')?.text;
  return text !== undefined && FIRST_LINE.test(text.slice(0, text.search(/\r?\n|$/)));
}

/** The problem shown on such a file's first line, as the server's `mojibake` would be. */
function misreadDiagnostic(document: vscode.TextDocument): vscode.Diagnostic | undefined {
  const setting = vscode.workspace.getConfiguration('rmrb', document.uri).get<Record<string, string>>('diagnostics.severity', {})?.mojibake ?? 'warning';
  if (setting === 'off') return undefined;
  const line = document.lineAt(0);
  const range = new vscode.Range(0, line.firstNonWhitespaceCharacterIndex, 0, line.text.length);
  const diagnostic = new vscode.Diagnostic(
    range.isEmpty ? line.range : range,
    t('This file is GB18030 (or GB2312, GBK) opened as UTF-8: its 〖〗 tags come out as U+FFFD (�). Reopen it with GB18030; saving it as it is would write the U+FFFD into the file.'),
    SEVERITIES[setting] ?? vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'rmrb';
  diagnostic.code = 'mojibake';
  return diagnostic;
}

function registerMisreadCheck(context: vscode.ExtensionContext, offer: (document: vscode.TextDocument) => void): void {
  const problems = vscode.languages.createDiagnosticCollection('rmrb-encoding');
  /** Each document's latest look: an answer from an older one (the file read again, closed…) is dropped. */
  const looks = new Map<string, number>();
  const check = async (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    const look = (looks.get(key) ?? 0) + 1;
    looks.set(key, look);
    if (!mayBeMisread(document)) {
      problems.delete(document.uri);
      return;
    }
    const misread = await bytesAreGb18030Corpus(document.uri);
    const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!now || looks.get(key) !== look || !mayBeMisread(now)) return;
    const diagnostic = misread ? misreadDiagnostic(now) : undefined;
    problems.set(now.uri, diagnostic ? [diagnostic] : []);
    if (misread) offer(now);
  };
  context.subscriptions.push(
    problems,
    vscode.workspace.onDidOpenTextDocument((d) => void check(d)),
    // Reopened in another encoding (the text changes), or saved (the bytes change, and are read again).
    vscode.workspace.onDidChangeTextDocument(({ document }) => {
      if (problems.has(document.uri) && !mayBeMisread(document)) problems.delete(document.uri);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => void check(d)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      problems.delete(d.uri);
      looks.delete(d.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rmrb.diagnostics.severity') || e.affectsConfiguration('rmrb.detectTxtFiles')) {
        for (const d of vscode.workspace.textDocuments) void check(d);
      }
    }),
  );
  for (const d of vscode.workspace.textDocuments) void check(d);
}

export function registerReopenEncoding(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(REOPEN_COMMAND, (target?: vscode.Uri | string) => reopenWithGb18030(target)),
    // Plain text too: a `.txt` read as UTF-8 is plain text until it is reopened.
    vscode.languages.registerCodeActionsProvider([{ language: LANGUAGE_ID }, { language: 'plaintext' }], new ReopenProvider(), { providedCodeActionKinds: ReopenProvider.kinds }),
  );
  registerMisreadCheck(context, registerNotification(context));
}
