// "RMRB: Go to Matching Tag": from a field's opening tag to its closing tag and back, as the
// HTML extension's command does. The server answers where the partner is (Go to Definition on
// a tag); the cursor lands on the partner's start, where the command takes it back again.

import * as vscode from 'vscode';
import { t } from './say';

export function registerMatchingTag(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    // A plain command, not a text editor command: VS Code does not wait for the latter's promise.
    vscode.commands.registerCommand('rmrb.goToMatchingTag', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', editor.document.uri, editor.selection.active);
      const same = (found ?? []).map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : l)).find((l) => l.uri.toString() === editor.document.uri.toString());
      if (!same) {
        vscode.window.setStatusBarMessage(t('The cursor is on no tag of a field closed by its partner.'), 3000);
        return;
      }
      editor.selection = new vscode.Selection(same.range.start, same.range.start);
      editor.revealRange(same.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
}
