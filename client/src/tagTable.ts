// "Add 〖XX/名称〗 to the tag table": the language server offers it on an unknown tag and names
// this command; the command writes `rmrb.tags.extra` in the workspace settings, where a
// corpus's own tags belong (every file of the corpus then knows them), and offers to undo it.

import * as vscode from 'vscode';
import { t } from './say';

export const ADD_TAG_COMMAND = 'rmrb.addTagToTable';

/** What the server passes (AddTagArguments in the core). */
interface AddTag {
  uri: string;
  code: string;
  name: string;
  placement: 'header' | 'body' | 'inline';
}

interface ExtraTag {
  code: string;
  name: string;
  placement?: string;
  paired?: boolean;
}

export function registerTagTable(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(ADD_TAG_COMMAND, (args: AddTag) => addTag(args)));
}

async function addTag(args: AddTag): Promise<void> {
  const uri = vscode.Uri.parse(args.uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const config = vscode.workspace.getConfiguration('rmrb', uri);
  // A multi-root workspace keeps it with the folder; a single folder in its .vscode/settings.json;
  // a file opened on its own has only the user's settings.
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const target = !folder ? vscode.ConfigurationTarget.Global : multiRoot ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  const inspected = config.inspect<ExtraTag[]>('tags.extra');
  const before =
    target === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : target === vscode.ConfigurationTarget.Workspace
        ? inspected?.workspaceValue
        : inspected?.globalValue;
  const current = Array.isArray(before) ? before : [];
  const tag = `〖${args.code}/${args.name}〗`;
  if (current.some((t) => t?.code?.toUpperCase() === args.code)) {
    void vscode.window.showInformationMessage(t('{0} is already in rmrb.tags.extra.', tag));
    return;
  }
  const entry: ExtraTag = { code: args.code, name: args.name, placement: args.placement };
  await config.update('tags.extra', [...current, entry], target);
  // The command is done once the setting is written; the offer to undo stays open meanwhile.
  const undo = t('Undo');
  void vscode.window.showInformationMessage(t('Added {0} to the tag table (rmrb.tags.extra).', tag), undo).then(async (picked) => {
    if (picked === undo) await config.update('tags.extra', before, target);
  });
}
