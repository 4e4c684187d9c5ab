// The extension in a VS Code whose display language is Chinese (zh-cn), the way a proofreader
// with VS Code's Chinese language pack runs it: test/vscode/runInCodeServer.ts starts that VS Code
// with a language pack it makes for itself (test/vscode/languagePack.ts) and runs this suite in
// it. With `rmrb.language` at its default, `auto`, everything the extension says follows VS Code:
// its problems, its commands' titles and settings (package.nls.zh-cn.json), its own messages
// (l10n/bundle.l10n.zh-cn.json); `en` still gives English.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForValue } from './waitFor';

const BROKEN = 'broken.rmrb';
/** The first wait covers the extension's activation and the language server's start. */
const FIRST_WAIT_MS = 45_000;

/** A message in Chinese: Han characters in a row once tags and field names (`RQ（日期）`) are left out. */
const chinese = (text: string) => /\p{Script=Han}{2}/u.test(text.replace(/〖[^〗]*〗|（[^）]*）/g, ''));

const extension = () => vscode.extensions.all.find((e) => e.packageJSON?.name === 'rmrb-corpus');

function brokenUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code opened no workspace folder');
  return vscode.Uri.joinPath(folder.uri, BROKEN);
}

function messageOf(code: string): string {
  const found = vscode.languages.getDiagnostics(brokenUri()).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === code);
  return found?.message ?? '';
}

suite('RMRB Corpus in a VS Code whose display language is Chinese', () => {
  suiteSetup(async () => {
    const document = await vscode.workspace.openTextDocument(brokenUri());
    await vscode.window.showTextDocument(document, { preview: false });
  });

  test('VS Code runs in Chinese (the language pack took effect)', () => {
    assert.equal(vscode.env.language, 'zh-cn');
  });

  test('with rmrb.language at "auto", the problems are in Chinese', async () => {
    assert.equal(vscode.workspace.getConfiguration('rmrb').get('language'), 'auto');
    await waitForValue(() => messageOf('unknown-tag'), (m) => m !== '', () => 'broken.rmrb shows its unknown tag', FIRST_WAIT_MS);
    assert.equal(messageOf('unknown-tag'), '未知标记 〖QT/其他〗。');
    const all = vscode.languages.getDiagnostics(brokenUri()).map((d) => d.message);
    assert.ok(all.length >= 5 && all.every(chinese), `every problem in Chinese:\n${all.join('\n')}`);
  });

  test("the extension's commands and settings are titled in Chinese (package.nls.zh-cn.json)", () => {
    // VS Code gives a localized title as { value, original }.
    type Title = string | { value: string; original: string };
    const manifest = extension()?.packageJSON as { contributes: { commands: { command: string; title: Title }[]; configuration: { title: string } } } | undefined;
    assert.ok(manifest, 'the extension is installed');
    const shown = (title: Title | undefined) => (typeof title === 'object' ? title.value : (title ?? ''));
    assert.equal(shown(manifest.contributes.commands.find((c) => c.command === 'rmrb.checkWorkspace')?.title), '检查工作区');
    for (const c of manifest.contributes.commands) assert.match(shown(c.title), /\p{Script=Han}{2}/u, `${c.command}'s title`);
    assert.equal(manifest.contributes.configuration.title, '人民日报语料');
  });

  test("the extension's own messages are in Chinese: the status bar item's tooltip (vscode.l10n)", async () => {
    const api = extension()?.exports as { workspaceStatusTooltip(): string } | undefined;
    await waitForValue(
      () => api?.workspaceStatusTooltip() ?? '',
      (tip) => /语料/.test(tip),
      (tip) => `the status bar's tooltip in Chinese; it is “${tip}”`,
      FIRST_WAIT_MS,
    );
  });

  test('rmrb.language "en" gives English in a Chinese VS Code, at once; "auto" brings Chinese back', async () => {
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    try {
      await configuration().update('language', 'en', vscode.ConfigurationTarget.Workspace);
      await waitForValue(() => messageOf('unknown-tag'), (m) => m === 'Unknown tag 〖QT/其他〗.', (m) => `the unknown tag's message in English; it is ${m}`);
    } finally {
      await configuration().update('language', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForValue(() => messageOf('unknown-tag'), (m) => m === '未知标记 〖QT/其他〗。', (m) => `Chinese again; it is ${m}`);
  });
});
