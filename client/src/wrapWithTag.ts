// "RMRB: Wrap with Tag…": puts each selection between the opening and closing tags of an inline
// tag picked from the tag table (the built-in ones and rmrb.tags.extra's, as the server reads
// them), in one edit that one undo takes back. Inline tags only: a field's tags stand on lines
// of their own or hold a whole header value, which completion already writes.

import * as vscode from 'vscode';
import { normalizeSettings } from '../../server/src/settings';
import { createTagTable, type TagDef } from '../../server/src/tags/tagTable';
import { inChinese, t } from './say';

export const WRAP_WITH_TAG_COMMAND = 'rmrb.wrapWithTag';

export function registerWrapWithTag(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    // A plain command, not a text editor command: VS Code does not wait for the latter's
    // promise, and a caller (a keybinding's args, a test) may name the tag: `JZ`.
    vscode.commands.registerCommand(WRAP_WITH_TAG_COMMAND, async (code?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return false;
      const tags = inlineTags(editor.document);
      const def = typeof code === 'string' ? tags.find((d) => d.code === code.toUpperCase()) : await pick(tags);
      if (!def) return false;
      return wrap(editor, def);
    }),
  );
}

/** The tags that may wrap words: inline, paired, and no part of a picture block. */
function inlineTags(document: vscode.TextDocument): TagDef[] {
  // rmrb.tags.extra read as the server reads it, so the two tables agree.
  const extra = vscode.workspace.getConfiguration('rmrb', document.uri).get<unknown>('tags.extra');
  const table = createTagTable(normalizeSettings({ tags: { extra } }).extraTags);
  return table.all().filter((d) => d.placement === 'inline' && d.paired && !d.block);
}

async function pick(tags: readonly TagDef[]): Promise<TagDef | undefined> {
  const chinese = inChinese();
  const items = tags.map((def) => ({ label: `〖${def.code}/${def.name}〗`, description: chinese ? def.zh : def.en, def }));
  const picked = await vscode.window.showQuickPick(items, { title: t('Wrap with Tag'), placeHolder: t('The inline tag to put around the selection'), matchOnDescription: true });
  return picked?.def;
}

async function wrap(editor: vscode.TextEditor, def: TagDef): Promise<boolean> {
  const open = `〖${def.code}/${def.name}〗`;
  const close = `〖-${def.code}/${def.name}〗`;
  const document = editor.document;
  const version = document.version;
  // Selections by position, each with where its words start and end, to select them again
  // between their tags once the edit is made (offsets move by the tags put before them).
  const spans = editor.selections
    .map((s) => [document.offsetAt(s.start), document.offsetAt(s.end)] as const)
    .sort((a, b) => a[0] - b[0])
    .filter((s, i, all) => i === 0 || s[0] >= all[i - 1][1]);
  // What goes at each place, in order: an empty selection's two tags, or one selection's
  // closing tag and the next one's opening, are one insertion, so nothing decides their order.
  const inserts: Array<[number, string]> = [];
  for (const [start, end] of spans) {
    for (const [at, text] of [[start, open], [end, close]] as const) {
      const last = inserts[inserts.length - 1];
      if (last && last[0] === at) last[1] += text;
      else inserts.push([at, text]);
    }
  }
  const done = await editor.edit(
    (edit) => {
      for (const [at, text] of inserts) edit.insert(document.positionAt(at), text);
    },
    { undoStopBefore: true, undoStopAfter: true },
  );
  if (!done || document.version === version) return false;
  const added = open.length + close.length;
  editor.selections = spans.map(([start, end], i) => {
    const s = start + i * added + open.length;
    return new vscode.Selection(document.positionAt(s), document.positionAt(s + end - start));
  });
  return true;
}
