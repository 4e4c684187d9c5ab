// The extension in a real VS Code, seen through the `vscode` API the way a user sees it: which
// language a file opens with, the Problems a file shows, the Outline, folding, an edit and its
// undo, a settings change. Run by test/vscode/runInCodeServer.ts (VS Code server in Chromium)
// and test/vscode/runInDesktop.ts (@vscode/test-electron) on a copy of ./workspace.
//
// Positions in this file are the API's: lines and characters counted from 0, characters in
// UTF-16 code units (every character of these files is one unit).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, waitForValue } from './waitFor';

const SAMPLE = 'rmrb-20130908-002-3.txt';
const BROKEN = 'broken.rmrb';
const PLAIN = 'plain.txt';
/** GB18030 bytes, CRLF (scripts/encodeFixture.mjs): GB2312 text and 𠀀 (U+20000), four bytes in GB18030. */
const GB18030_FILE = 'gb18030.rmrb';
/** Its title and body lines, as GB18030 reads them. */
const GB18030_TITLE = '〖BT/标题〗𠀀字见于扩展字符集〖-BT/标题〗';
const GB18030_BODY = '    古籍中的𠀀字只能以四字节编码写入，人民日报语料的其余文字都在国标二三一二之内。';
/** GB18030 bytes, CRLF, GB2312's characters only: opened as UTF-8, its tags come out as U+FFFD. */
const GB18030_TXT = 'archive-gb18030.txt';
const GB18030_TXT_LINES = {
  0: '〖ZQ/总期〗20333〖-ZQ/总期〗',
  4: '〖BT/标题〗档案中的文件多为国标编码〖-BT/标题〗',
  7: '    这份文件以国标编码保存，以统一码打开时，标记和汉字都会变成替换字符。',
};
/** Files no test opens: their problems and articles reach VS Code through the workspace index. */
const CLOSED = 'closed/sanxia.rmrb';
const CLOSED_TITLE = '举世瞩目的长江三峡工程正式开工';
const CLOSED_PROBLEMS = ['9:36-9:43 Error malformed-tag']; // 〖JZ:加重〗: a colon for the slash
/** The same article (1995-11-16, page 2, item 4) entered in two files. */
const DUPLICATES = ['closed/jingjiu.rmrb', 'closed/jingjiu-again.rmrb'];
/**
 * The workspace's corpus: 7 files (plain.txt is none), and their problems under the shipped
 * settings: broken.rmrb's 2 errors and 3 warnings, sanxia.rmrb's error, one duplicate-article.
 * The fixtures' ZQ grow with their dates across files, so no inconsistent-issue-number.
 */
const CORPUS = { files: 7, errors: 3, warnings: 4 };
/** The first wait covers the extension's activation and the language server's start. */
const FIRST_WAIT_MS = 45_000;

/** broken.rmrb's problems: `line:char-line:char Severity code`, sorted by position. */
const BROKEN_PROBLEMS = [
  '1:7-1:15 Error invalid-date', // 〖RQ/日期〗19930230: there is no 30 February (the value)
  '3:7-3:8 Warning zero-number', // 〖TH/条号〗0 (the value)
  '7:4-7:6 Warning wrong-field-name', // 〖TC/题材〗…〖-TC/题材〗: TC is 体裁, in both tags (one problem, on the opening tag's name)
  '8:0-8:7 Warning unknown-tag', // 〖QT/其他〗 (the tag)
  '10:18-10:25 Error malformed-tag', // 〖JZ；加重〗: wrong separator (the tag)
];

/** The diagnostics that mean "read in the wrong encoding": mojibake, and U+FFFD. */
function encodingMarks(uri: vscode.Uri): string[] {
  const document = documentOf(uri);
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => codeOf(d) === 'mojibake' || (codeOf(d) === 'suspicious-character' && document?.getText(d.range).includes('\uFFFD')))
    .map(describeDiagnostic);
}

/** `TextDocument.encoding` (VS Code 1.100 on; @types/vscode is 1.82's). */
const encodingOf = (document: vscode.TextDocument | undefined) => (document as { encoding?: string } | undefined)?.encoding;

function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code opened no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The document as VS Code holds it now (a language change replaces it). */
function documentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** The document read in `encoding` (openTextDocument's option of VS Code 1.100; the suite runs in 1.139), shown. */
async function showWithEncoding(uri: vscode.Uri, encoding: string): Promise<vscode.TextDocument> {
  const open = vscode.workspace.openTextDocument as unknown as (uri: vscode.Uri, options: { encoding: string }) => Thenable<vscode.TextDocument>;
  const document = await open(uri, { encoding });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** What the extension's `activate` returned. */
const extensionApi = () => vscode.extensions.all.find((e) => e.packageJSON?.name === 'rmrb-corpus')?.exports as RmrbApi | undefined;

async function show(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
}

/** Puts back a file's text after a test edited it, so the next test starts from the fixture. */
async function restoreText(uri: vscode.Uri, original: string): Promise<void> {
  const document = documentOf(uri);
  if (document?.isDirty && document.getText() !== original) {
    const restore = new vscode.WorkspaceEdit();
    restore.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), original);
    await vscode.workspace.applyEdit(restore);
  }
}

function languageOf(uri: vscode.Uri): string {
  return documentOf(uri)?.languageId ?? '(not open)';
}

function position(p: vscode.Position): string {
  return `${p.line}:${p.character}`;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

function describeDiagnostic(d: vscode.Diagnostic): string {
  return `${position(d.range.start)}-${position(d.range.end)} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}`;
}

/** The problems VS Code shows for a file, as `line:char-line:char Severity code`, by position. */
function problems(uri: vscode.Uri): string[] {
  return [...vscode.languages.getDiagnostics(uri)]
    .sort((a, b) => a.range.start.compareTo(b.range.start) || a.range.end.compareTo(b.range.end))
    .map(describeDiagnostic);
}

function sameList(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((item, i) => item === expected[i]);
}

function listing(list: readonly string[]): string {
  return list.length === 0 ? '(none)' : `\n    ${list.join('\n    ')}`;
}

/** Waits until the file's problems are exactly `expected`; then asserts it (for a readable diff). */
async function expectProblems(uri: vscode.Uri, expected: readonly string[], timeoutMs = 20_000): Promise<void> {
  const name = uri.path.split('/').pop();
  await waitFor(
    () => sameList(problems(uri), expected),
    () => `${name}'s problems should be:${listing(expected)}\n  they are:${listing(problems(uri))}`,
    timeoutMs,
  ).catch(() => undefined);
  assert.deepEqual(problems(uri), expected, `${name}'s problems`);
}

/** Errors and warnings of the rmrb source over every file VS Code knows problems of. */
function problemCounts(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) {
    for (const d of list) {
      if (d.source !== 'rmrb') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}

/** The extension's API (what `activate` returns). */
interface RmrbApi {
  workspaceStatusText(): string | undefined;
  workspaceStatusTooltip(): string | undefined;
}

type DocSymbol = vscode.DocumentSymbol;

async function documentSymbols(uri: vscode.Uri, timeoutMs = 20_000): Promise<DocSymbol[]> {
  return waitForValue(
    async () => (await vscode.commands.executeCommand<DocSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [],
    (symbols) => symbols.length > 0,
    (symbols) => `document symbols of ${uri.path.split('/').pop()}: got ${symbols ? symbols.length : 'nothing yet'}`,
    timeoutMs,
  );
}

/** The corpus and text files open in VS Code (VS Code itself may hold a settings.json). */
const openFiles = () =>
  vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && /\.(rmrb|txt)$/i.test(d.uri.path)).map((d) => d.uri.path.split('/').pop());

// First, before any test opens a file: the folder alone starts the server.
suite('RMRB Corpus in a folder where no file is open', () => {
  test('the language server starts for a folder holding corpus files: a closed file shows its problems, and the status bar counts', async () => {
    assert.deepEqual(openFiles(), [], 'no corpus or text file is open yet');
    await expectProblems(workspaceUri(CLOSED), CLOSED_PROBLEMS, FIRST_WAIT_MS);
    const api = extensionApi();
    await waitFor(
      () => /^RMRB \$\(error\) \d+ \$\(warning\) \d+$/.test(api?.workspaceStatusText() ?? ''),
      () => `the status bar should show the corpus's counts; it reads “${api?.workspaceStatusText() ?? '(hidden)'}”`,
    );
    assert.deepEqual(openFiles(), [], 'still none open');
  });
});

suite('RMRB Corpus in VS Code', () => {
  const sample = () => workspaceUri(SAMPLE);
  const broken = () => workspaceUri(BROKEN);
  const plain = () => workspaceUri(PLAIN);
  const extension = () => vscode.extensions.all.find((e) => e.packageJSON?.name === 'rmrb-corpus');

  suiteSetup(async () => {
    // As a user would: the plain text file first, then the corpus files, each in an editor.
    await show(plain());
    await show(broken());
    await show(sample());
  });

  test('the corpus .txt opens as rmrb (by its first line), plain.txt stays plain text, .rmrb is rmrb', async () => {
    assert.ok(extension(), 'the rmrb-corpus extension is not installed in this VS Code');
    await waitFor(
      () => languageOf(sample()) === 'rmrb',
      () => `${SAMPLE} should have the language rmrb; it has ${languageOf(sample())} (extension active: ${extension()?.isActive})`,
      FIRST_WAIT_MS,
    );
    // plain.txt was opened before the sample, so whatever decided the sample's language has
    // seen plain.txt already.
    assert.equal(languageOf(plain()), 'plaintext', `${PLAIN} (first line not a tag) must stay plain text`);
    assert.equal(languageOf(broken()), 'rmrb', `${BROKEN} by its extension`);
  });

  test("broken.rmrb shows each defect's problem on the exact range with its code and severity", async () => {
    await waitFor(
      () => problems(broken()).length > 0,
      () => `${BROKEN} should show problems; it shows none (extension active: ${extension()?.isActive})`,
      FIRST_WAIT_MS,
    );
    await expectProblems(broken(), BROKEN_PROBLEMS);
    for (const d of vscode.languages.getDiagnostics(broken())) {
      assert.equal(d.source, 'rmrb', `source of ${describeDiagnostic(d)}`);
      assert.ok(d.message.trim().length > 0, `message of ${describeDiagnostic(d)}`);
    }
  });

  test('the sample shows no errors or warnings', async () => {
    // The language server has read the sample once it answers with its outline.
    await documentSymbols(sample(), FIRST_WAIT_MS);
    const serious = vscode.languages
      .getDiagnostics(sample())
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning)
      .map(describeDiagnostic);
    assert.deepEqual(serious, [], `${SAMPLE}'s errors and warnings`);
  });

  test('hovers: FL down to its second- and third-level classes, ZQ with the records around it, TH with its place on the page; in Chinese through rmrb.language', async () => {
    const hoverText = async (uri: vscode.Uri, line: number, character: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const hoverUntil = (uri: vscode.Uri, line: number, character: number, expected: RegExp) =>
      waitForValue(
        () => hoverText(uri, line, character),
        (text) => expected.test(text),
        (text) => `the hover at ${line}:${character} should match ${expected}; it is “${text}”`,
      );
    await documentSymbols(sample(), FIRST_WAIT_MS);
    // The sample's 〖FL/分类〗D822: the value starts at character 7.
    await hoverUntil(sample(), 5, 8, /^D — 政治、法律 \(Politics and law\) › D8 — 外交、国际关系 › D82 — 中国外交 › D822 — 对外关系$/);
    // Three records of one file, made here: no fixture has neighbours. Their dates, pages and
    // issues fit the corpus's (the sample is 2013-09-08, issue 20330, page 002 item 3).
    const rec = (zq: string, rq: string, th: string, title: string) =>
      [`〖ZQ/总期〗${zq}〖-ZQ/总期〗`, `〖RQ/日期〗${rq}〖-RQ/日期〗`, '〖BH/版号〗004〖-BH/版号〗', `〖TH/条号〗${th}〖-TH/条号〗`, `〖BT/标题〗${title}〖-BT/标题〗`, '〖FL/分类〗D633.2〖-FL/分类〗', '〖ZW/正文〗', `    ${title}的正文。`, '〖-ZW/正文〗', ''].join('\n');
    const page = await vscode.workspace.openTextDocument({
      language: 'rmrb',
      content: rec('20329', '20130907', '1', '前一天的报道') + rec('20330', '20130908', '1', '当天的第一篇报道') + rec('20330', '20130908', '2', '当天的第二篇报道'),
    });
    const second = 9; // the second record's first line, its ZQ
    await hoverUntil(page.uri, second, 8, /^Issue 20330 of 2013-09-08\.\n\nPrevious record: 20329 of 2013-09-07; next: 20330 of 2013-09-08\.\n\nBoth agree with it/);
    assert.equal(
      await hoverText(page.uri, second + 3, 7),
      'Item 1 of page 004 of 2013-09-08.\n\nThis file has 2 records of the page (items 1, 2); this is the first of them.',
      'the hover on its TH',
    );
    assert.match(await hoverText(page.uri, second + 5, 8), /› D63 — 国家行政管理 › D633 — 民族工作 · D633\.2 is more specific than this table, which stops at D633$/);
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    try {
      await configuration().update('language', 'zh-cn', vscode.ConfigurationTarget.Workspace);
      await hoverUntil(sample(), 5, 8, /^D — 政治、法律 › D8 — 外交、国际关系 › D82 — 中国外交 › D822 — 对外关系$/);
      assert.match(await hoverText(page.uri, second, 8), /^2013-09-08 第 20330 期。\n\n上一条记录：2013-09-07 第 20329 期；下一条：2013-09-08 第 20330 期。\n\n前后两条记录都与之一致/);
      assert.match(await hoverText(page.uri, second + 3, 7), /^2013-09-08 第004版 第1条。\n\n本文件有该版 2 条记录（第 1, 2 条），这是其中第一条。$/);
    } finally {
      await configuration().update('language', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await hoverUntil(sample(), 5, 8, /\(Politics and law\)/);
  });

  test('the outline: one symbol per record named by its title, fields below it, sections below 正文', async () => {
    const symbols = await documentSymbols(sample());
    assert.equal(symbols.length, 1, `records in the outline: ${symbols.map((s) => s.name).join(', ')}`);
    const [record] = symbols;
    assert.equal(record.name, '中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言');
    assert.equal(record.detail, '2013-09-08 · 2版 · 3条');
    assert.equal(record.range.start.line, 0, 'the record starts on the first line');
    assert.equal(record.range.end.line, 55, 'the record ends on the closing 〖-ZW/正文〗');
    assert.deepEqual(
      record.children.map((c) => `${c.range.start.line} ${c.name}`),
      ['0 ZQ 总期', '1 RQ 日期', '2 BH 版号', '3 TH 条号', '4 BT 标题', '5 FL 分类', '6 BM 版名', '7 TC 体裁', '8 ZW 正文'],
      'the fields (first line, name)',
    );
    const date = record.children.find((c) => c.name === 'RQ 日期');
    assert.equal(date?.detail, '20130908', "RQ's detail is its value");
    const body = record.children.find((c) => c.name === 'ZW 正文');
    assert.deepEqual(
      body?.children.map((c) => `${c.range.start.line} ${c.name.split(' ')[0]}`),
      ['12 一', '17 二', '29 三', '37 四', '41 五', '43 六', '46 七'],
      "正文's sections (first line, numeral)",
    );
    assert.equal(body?.children[0].name, '一 双方决定，遵循2002年12月…', 'a section is named by its numeral and first words');
    assert.equal(
      (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', workspaceUri(BROKEN)))?.[0]?.detail,
      '19930230 · 4版 · 0条',
      'an impossible date as written',
    );
  });

  test('folding: the record, the 正文 field and each of its sections', async () => {
    const ranges = await waitForValue(
      async () => (await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', sample())) ?? [],
      (list) => list.length > 0,
      (list) => `folding ranges of ${SAMPLE}: got ${list ? list.length : 'nothing yet'}`,
    );
    const lines = ranges.map((r) => `${r.start}-${r.end}`).sort((a, b) => parseInt(a) - parseInt(b));
    assert.deepEqual(lines, [
      '0-55', // the record, up to its last line
      '8-54', // 〖ZW/正文〗 … (its closing tag stays visible)
      '12-16', // 一
      '17-28', // 二
      '29-36', // 三
      '37-40', // 四
      '41-42', // 五
      '43-45', // 六
      '46-54', // 七
    ]);
  });

  test('completion knows the record: the fields it lacks in order, the next preselected; 〖- closes only what is open; RQ offers dates; in Chinese with rmrb.language', async () => {
    const uri = sample();
    await show(uri);
    const original = documentOf(uri)!.getText();
    const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const completions = async (line: number, character: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character));
      return [...(list?.items ?? [])].sort((a, b) => ((a.sortText ?? labelOf(a)) < (b.sortText ?? labelOf(b)) ? -1 : 1));
    };
    const edit = async (apply: (e: vscode.WorkspaceEdit) => void) => {
      const e = new vscode.WorkspaceEdit();
      apply(e);
      assert.ok(await vscode.workspace.applyEdit(e), 'the edit applies');
    };
    const day = (d: Date) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
    const dashed = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    try {
      // After TH, a `〖` on a line of its own: the sample's record has ZQ RQ BH TH BT FL BM TC ZW.
      await edit((e) => e.insert(uri, new vscode.Position(4, 0), '〖\n'));
      const fields = await completions(4, 1);
      assert.deepEqual(fields.map(labelOf), ['〖YT/引题〗', '〖FT/副题〗', '〖ZZ/作者〗', '〖LM/栏目〗', '〖GJ/关键〗'], 'the fields the record lacks, in order');
      assert.deepEqual(fields.filter((i) => i.preselect).map(labelOf), ['〖YT/引题〗'], 'the next after TH');

      // The title left open, `〖-` after it: its closing tag and nothing else.
      const open = '〖BT/标题〗中华〖-';
      await edit((e) => e.replace(uri, documentOf(uri)!.lineAt(5).range, open));
      assert.deepEqual((await completions(5, open.length)).map(labelOf), ['〖-BT/标题〗']);

      // After the last 〖-ZW/正文〗: a whole new record, numbered after this one; after `〖`, the
      // fields too, RQ's reopening the suggestions for its value.
      const last = documentOf(uri)!.lineCount - 1;
      assert.equal(documentOf(uri)!.lineAt(last - 1).text, '〖-ZW/正文〗');
      const blank = await completions(last, 0);
      assert.deepEqual(blank.map((i) => [labelOf(i), !!i.preselect]), [['New record, TH 4', true]]);
      await edit((e) => e.insert(uri, new vscode.Position(last, 0), '〖'));
      const afterOpen = await completions(last, 1);
      assert.equal(labelOf(afterOpen[0]), 'New record, TH 4');
      assert.equal(afterOpen.find((i) => labelOf(i) === '〖RQ/日期〗')?.command?.command, 'editor.action.triggerSuggest');

      // The new record's RQ: the record before's date, preselected, then today.
      await edit((e) => e.replace(uri, documentOf(uri)!.lineAt(last).range, '〖RQ/日期〗〖-RQ/日期〗'));
      const before = day(new Date());
      const dates = await completions(last, 7);
      const today = day(new Date()) === before ? before : labelOf(dates[1]);
      assert.deepEqual(
        dates.map((i) => [labelOf(i), i.detail, !!i.preselect]),
        [
          ['20130908', 'The record before, 2013-09-08', true],
          [today, `Today, ${dashed(today)}`, false],
        ],
      );

      await configuration().update('language', 'zh-cn', vscode.ConfigurationTarget.Workspace);
      await waitForValue(
        async () => (await completions(last, 7)).map((i) => i.detail ?? '').join(' | '),
        (details) => details === `上一条记录的日期，2013-09-08 | 今天，${dashed(today)}`,
        (details) => `the dates' details in Chinese; they are ${details}`,
      );
    } finally {
      await configuration().update('language', undefined, vscode.ConfigurationTarget.Workspace);
      await restoreText(uri, original);
    }
  });

  test('double-click and word moves take a code, a name or a value, never the tags around it', async () => {
    const editor = await show(workspaceUri(SAMPLE));
    const line = 6;
    assert.equal(editor.document.lineAt(line).text, '〖BM/版名〗要闻〖-BM/版名〗');
    const at = (character: number) => new vscode.Selection(line, character, line, character);
    for (const [character, word] of [[5, '版名'], [8, '要闻'], [12, 'BM'], [15, '版名'], [2, 'BM']] as const) {
      // Word moves go by editor.wordSeparators, as a double-click does: with VS Code's default
      // (ASCII only) the word from the first 版 would run on to 版名〗要闻〖.
      editor.selection = at(character);
      await vscode.commands.executeCommand('cursorWordStartLeft');
      await vscode.commands.executeCommand('cursorWordEndRightSelect');
      assert.equal(editor.document.getText(editor.selection), word, `the word around ${line}:${character}, by word moves`);
      // Ctrl+D on an empty selection takes the word at the cursor by the language's word pattern.
      editor.selection = at(character);
      await vscode.commands.executeCommand('editor.action.addSelectionToNextFindMatch');
      assert.equal(editor.document.getText(editor.selection), word, `the word at ${line}:${character}, by Ctrl+D`);
    }
    assert.ok(vscode.workspace.getConfiguration('editor', { languageId: 'rmrb' }).get<string>('wordSeparators')?.includes('〗'), 'rmrb files take the tags’ brackets as word separators');
  });

  test('"Go to Matching Tag" jumps from a field\'s opening tag to its closing tag and back; Go to Definition on a tag is its partner', async () => {
    const editor = await show(workspaceUri(SAMPLE));
    const line = 6; // 〖BM/版名〗要闻〖-BM/版名〗
    editor.selection = new vscode.Selection(line, 2, line, 2);
    await waitForValue(
      async () => (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', editor.document.uri, new vscode.Position(line, 2)))?.[0],
      (l) => l?.range.start.character === 9,
      (l) => `the definition of 〖BM/版名〗 is its closing tag at 6:9; it is ${JSON.stringify(l?.range)}`,
      FIRST_WAIT_MS,
    );
    await vscode.commands.executeCommand('rmrb.goToMatchingTag');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [line, 9], 'on the closing tag');
    await vscode.commands.executeCommand('rmrb.goToMatchingTag');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [line, 0], 'back on the opening tag');
  });

  test('F2 on a tag’s name renames it in both tags of the field', async () => {
    const editor = await show(workspaceUri(SAMPLE));
    const edit = await waitForValue(
      async () => await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', editor.document.uri, new vscode.Position(6, 5), '版面'),
      (e) => (e?.get(editor.document.uri).length ?? 0) === 2,
      (e) => `renaming 版名 should edit both tags; it edits ${JSON.stringify(e?.get(editor.document.uri))}`,
      FIRST_WAIT_MS,
    );
    assert.deepEqual(
      edit!.get(editor.document.uri).map((e) => `${e.range.start.line}:${e.range.start.character} ${e.newText}`),
      ['6:4 版面', '6:14 版面'],
    );
  });

  test('typing the 〗 of an opening tag inserts its closing tag: a header field’s at once, 正文’s on the next line; not when rmrb.autoClosingTags is false', async () => {
    const uri = sample();
    const original = (await vscode.workspace.openTextDocument(uri)).getText();
    const editor = await show(uri);
    /** Types each character as the keyboard does: VS Code closes `〖` with `〗` and types over it. */
    const typeEach = async (text: string) => {
      for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
    };
    const endOf = (line: number) => editor.document.lineAt(line).range.end;
    const lineTexts = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => editor.document.lineAt(from + i).text);
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    try {
      assert.equal(editor.document.lineAt(7).text, '〖TC/体裁〗公报、公告〖-TC/体裁〗');
      assert.ok(await editor.edit((e) => e.insert(endOf(7), '\n')), 'a new line after 〖TC/体裁〗');
      editor.selection = new vscode.Selection(8, 0, 8, 0);
      await typeEach('〖YT/引题〗');
      await waitFor(
        () => editor.document.lineAt(8).text === '〖YT/引题〗〖-YT/引题〗',
        () => `typing 〖YT/引题〗 should give 〖YT/引题〗〖-YT/引题〗, one 〗 each; line 8 reads ${editor.document.lineAt(8).text}`,
        FIRST_WAIT_MS,
      );
      // Where the cursor is, as the user sees it: where the next character goes. (The API's
      // editor.selection is not told of where a snippet leaves the cursor at once.)
      await typeEach('甲');
      await waitFor(
        () => editor.document.lineAt(8).text === '〖YT/引题〗甲〖-YT/引题〗',
        () => `the cursor should stand between the tags; typing 甲 made line 8 ${editor.document.lineAt(8).text}`,
      );
      await vscode.commands.executeCommand('hideSuggestWidget');

      // 正文 of a record that has none yet: a record typed after the sample's.
      const last = editor.document.lineCount - 1;
      assert.ok(await editor.edit((e) => e.insert(endOf(last), '〖RQ/日期〗20130909〖-RQ/日期〗\n〖BT/标题〗乙〖-BT/标题〗\n')));
      editor.selection = new vscode.Selection(last + 2, 0, last + 2, 0);
      await typeEach('〖ZW/正文〗');
      await waitFor(
        () => sameList(lineTexts(last + 2, last + 5), ['〖ZW/正文〗', '    ', '〖-ZW/正文〗']),
        () => `typing 〖ZW/正文〗 should put 〖-ZW/正文〗 on a line below; the lines read ${JSON.stringify(lineTexts(last + 2, editor.document.lineCount))}`,
      );
      await typeEach('甲');
      await waitFor(
        () => sameList(lineTexts(last + 2, last + 5), ['〖ZW/正文〗', '    甲', '〖-ZW/正文〗']),
        () => `the cursor should stand on the indented line between; typing 甲 made the lines ${JSON.stringify(lineTexts(last + 2, editor.document.lineCount))}`,
      );
      await vscode.commands.executeCommand('hideSuggestWidget');

      await configuration().update('autoClosingTags', false, vscode.ConfigurationTarget.Workspace);
      assert.ok(await editor.edit((e) => e.insert(endOf(8), '\n')));
      editor.selection = new vscode.Selection(9, 0, 9, 0);
      await typeEach('〖FT/副题〗');
      await vscode.commands.executeCommand('hideSuggestWidget');
      // Nothing coming can only be seen by waiting longer than the client's moment (100 ms) and
      // the server's answer: a slow machine could make this pass wrongly, never fail wrongly.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(editor.document.lineAt(9).text, '〖FT/副题〗', 'no closing tag with rmrb.autoClosingTags off');
    } finally {
      await configuration().update('autoClosingTags', undefined, vscode.ConfigurationTarget.Workspace);
      await restoreText(uri, original);
    }
  });

  test('Expand Selection goes from a value to its field, then to the record', async () => {
    const editor = await show(sample());
    const line = 1; // 〖RQ/日期〗20130908〖-RQ/日期〗
    const at = new vscode.Position(line, 10);
    await waitForValue(
      async () => (await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', editor.document.uri, [at]))?.[0],
      (r) => r?.range.start.character === 7,
      (r) => `the innermost selection range at 1:10 should be the value 1:7-1:15; it is ${JSON.stringify(r?.range)}`,
      FIRST_WAIT_MS,
    );
    editor.selection = new vscode.Selection(at, at);
    const lastLine = editor.document.lineCount - 2; // the file ends with a line break
    const record = editor.document.getText(new vscode.Range(0, 0, lastLine, editor.document.lineAt(lastLine).text.length));
    const steps: string[] = [];
    for (let i = 0; i < 3; i++) {
      await vscode.commands.executeCommand('editor.action.smartSelect.expand');
      steps.push(editor.document.getText(editor.selection));
    }
    assert.deepEqual(steps, ['20130908', '〖RQ/日期〗20130908〖-RQ/日期〗', record]);
  });

  test('"Wrap with Tag" puts each selection between an inline tag’s two tags, and one undo takes it back', async () => {
    const uri = sample();
    const original = (await vscode.workspace.openTextDocument(uri)).getText();
    const editor = await show(uri);
    try {
      assert.equal(editor.document.lineAt(6).text, '〖BM/版名〗要闻〖-BM/版名〗');
      assert.equal(editor.document.lineAt(7).text, '〖TC/体裁〗公报、公告〖-TC/体裁〗');
      editor.selections = [new vscode.Selection(6, 7, 6, 9), new vscode.Selection(7, 7, 7, 9)];
      assert.equal(await vscode.commands.executeCommand('rmrb.wrapWithTag', 'JZ'), true, 'the command wraps');
      assert.deepEqual(
        [editor.document.lineAt(6).text, editor.document.lineAt(7).text],
        ['〖BM/版名〗〖JZ/加重〗要闻〖-JZ/加重〗〖-BM/版名〗', '〖TC/体裁〗〖JZ/加重〗公报〖-JZ/加重〗、公告〖-TC/体裁〗'],
      );
      assert.deepEqual(editor.selections.map((s) => editor.document.getText(s)), ['要闻', '公报'], 'the words stay selected, inside the tags');
      await vscode.commands.executeCommand('undo');
      await waitFor(
        () => documentOf(uri)?.getText() === original,
        () => `one undo should take both back; lines 6 and 7 read: ${editor.document.lineAt(6).text} ${editor.document.lineAt(7).text}`,
      );
    } finally {
      await restoreText(uri, original);
    }
  });

  test('breaking a tag shows malformed-tag on it, and undo clears it', async () => {
    const uri = sample();
    const original = (await vscode.workspace.openTextDocument(uri)).getText();
    const editor = await show(uri);
    assert.equal(editor.document.lineAt(4).text.slice(0, 7), '〖BT/标题〗', 'line 4 opens with the title tag');
    const malformedOnTitle = '4:0-4:7 Error malformed-tag';
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(4, 3, 4, 4), '；'); // 〖BT/标题〗 → 〖BT；标题〗
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
      await waitFor(
        () => problems(uri).includes(malformedOnTitle),
        () => `after breaking 〖BT/标题〗, ${SAMPLE} should show ${malformedOnTitle}; it shows:${listing(problems(uri))}`,
      );

      await show(uri); // undo acts on the focused editor
      await vscode.commands.executeCommand('undo');
      await waitFor(
        () => documentOf(uri)?.getText() === original,
        () => `undo should restore line 4; it reads: ${documentOf(uri)?.lineAt(4).text.slice(0, 20)}`,
      );
      await waitFor(
        () => !problems(uri).some((p) => p.endsWith(' Error malformed-tag')),
        () => `after undo, malformed-tag should be gone; ${SAMPLE} shows:${listing(problems(uri))}`,
      );
      const serious = problems(uri).filter((p) => / (Error|Warning) /.test(p));
      assert.deepEqual(serious, [], `${SAMPLE}'s errors and warnings after undo`);
    } finally {
      await restoreText(uri, original);
    }
  });

  test('a tag being typed is not flagged at once: `〖B` at the end of a line shows malformed-tag only once the typing pause is over', async () => {
    const uri = sample();
    const original = (await vscode.workspace.openTextDocument(uri)).getText();
    const editor = await show(uri);
    const malformedOn = (line: number) => problems(uri).filter((p) => p.startsWith(`${line}:`) && p.endsWith(' Error malformed-tag'));
    try {
      assert.ok(await editor.edit((e) => e.insert(editor.document.lineAt(7).range.end, '\n')), 'a new line after 〖TC/体裁〗');
      editor.selection = new vscode.Selection(8, 0, 8, 0);
      const typed = Date.now();
      // As the keyboard types it: VS Code closes `〖` with `〗`, so the line reads 〖B〗.
      for (const ch of '〖B') await vscode.commands.executeCommand('type', { text: ch });
      await vscode.commands.executeCommand('hideSuggestWidget');
      assert.match(editor.document.lineAt(8).text, /^〖B〗?$/);
      // While the user is still typing (the server holds such a tag back for 1.5 s), no error.
      while (Date.now() - typed < 1000) {
        assert.deepEqual(malformedOn(8), [], `${Date.now() - typed} ms after typing 〖B, it is already flagged`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // A pause, and the tag still broken: now it is a problem.
      await waitFor(
        () => malformedOn(8).length === 1,
        () => `once the pause is over, the unfinished 〖B should show malformed-tag; line 8 shows:${listing(problems(uri).filter((p) => p.startsWith('8:')))}`,
      );
    } finally {
      await restoreText(uri, original);
    }
  });

  test('a quick fix rewrites the malformed tag; fix all mends every safe problem in one edit, and one undo takes it back', async () => {
    const uri = broken();
    const original = (await vscode.workspace.openTextDocument(uri)).getText();
    await show(uri);
    await expectProblems(uri, BROKEN_PROBLEMS);
    try {
      const onTag = new vscode.Range(10, 20, 10, 20);
      const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, onTag, vscode.CodeActionKind.QuickFix.value);
      const rewrite = quickFixes.find((a) => a.title === 'Rewrite as 〖JZ/加重〗' || a.title === '改为 〖JZ/加重〗');
      assert.ok(rewrite?.edit, `a quick fix rewriting 〖JZ；加重〗 is offered; offered: ${quickFixes.map((a) => a.title).join(' | ')}`);

      // The server computes the fix all's edit on codeAction/resolve: ask VS Code to resolve it.
      const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        new vscode.Range(0, 0, 0, 0),
        'source.fixAll.rmrb',
        1,
      );
      assert.equal(fixAll.length, 1, `one fix-all action; offered: ${fixAll.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit!), 'the fix-all edit applies');
      const mended = BROKEN_PROBLEMS.filter((p) => !/ (malformed-tag|wrong-field-name)$/.test(p));
      await expectProblems(uri, mended);
      assert.equal(documentOf(uri)?.lineAt(10).text.includes('〖JZ/加重〗'), true, 'the tag is rewritten');

      await show(uri);
      await vscode.commands.executeCommand('undo');
      await waitFor(
        () => documentOf(uri)?.getText() === original,
        () => `one undo should restore the whole file; line 10 reads: ${documentOf(uri)?.lineAt(10).text}`,
      );
      await expectProblems(uri, BROKEN_PROBLEMS);
    } finally {
      await restoreText(uri, original);
    }
  });

  test('rmrb.language: "zh-cn" gives the problems in Chinese in an English VS Code, at once; "auto" brings English back', async () => {
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    const dateMessage = () => vscode.languages.getDiagnostics(broken()).find((d) => codeOf(d) === 'invalid-date')?.message ?? '';
    const chinese = (m: string) => /\p{Script=Han}{4}/u.test(m.replace(/〖[^〗]*〗|日期/g, ''));
    await expectProblems(broken(), BROKEN_PROBLEMS);
    assert.ok(!chinese(dateMessage()), `English first: ${dateMessage()}`);
    try {
      await configuration().update('language', 'zh-cn', vscode.ConfigurationTarget.Workspace);
      await waitForValue(dateMessage, chinese, (m) => `the invalid date's message in Chinese; it is ${m}`);
      // The extension's own words too: the status bar item's tooltip, once the index has read the corpus again.
      const api = extensionApi();
      await waitForValue(
        () => api?.workspaceStatusTooltip() ?? '',
        (tip) => /语料/.test(tip),
        (tip) => `the status bar's tooltip in Chinese; it is “${tip}”`,
      );
    } finally {
      await configuration().update('language', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForValue(dateMessage, (m) => m !== '' && !chinese(m), (m) => `English again; it is ${m}`);
  });

  test('rmrb.diagnostics.severity: "invalid-date": "off" removes that problem; restoring brings it back', async () => {
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    const withoutDate = BROKEN_PROBLEMS.filter((p) => !p.endsWith(' invalid-date'));
    await expectProblems(broken(), BROKEN_PROBLEMS);
    try {
      await configuration().update('diagnostics.severity', { 'invalid-date': 'off' }, vscode.ConfigurationTarget.Workspace);
      await expectProblems(broken(), withoutDate);
    } finally {
      await configuration().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await expectProblems(broken(), BROKEN_PROBLEMS);
  });

  test('an unknown tag offers "Add to the tag table", which writes rmrb.tags.extra in the workspace settings', async () => {
    const uri = broken();
    await show(uri);
    await expectProblems(uri, BROKEN_PROBLEMS);
    const configuration = () => vscode.workspace.getConfiguration('rmrb', uri);
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(8, 2, 8, 2), vscode.CodeActionKind.QuickFix.value);
      const adopt = actions.find((a) => /〖QT\/其他〗/.test(a.title) && a.command);
      assert.ok(adopt?.command, `an action adopting 〖QT/其他〗 is offered; offered: ${actions.map((a) => a.title).join(' | ')}`);
      await vscode.commands.executeCommand(adopt.command.command, ...(adopt.command.arguments ?? []));
      assert.deepEqual(configuration().inspect('tags.extra')?.workspaceValue, [{ code: 'QT', name: '其他', placement: 'header' }]);
      await expectProblems(uri, BROKEN_PROBLEMS.filter((p) => !p.endsWith(' unknown-tag')));
    } finally {
      await configuration().update('tags.extra', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await expectProblems(uri, BROKEN_PROBLEMS);
  });

  test('a GB18030 file read as GBK (what VS Code guesses for Chinese) offers "Reopen with GB18030", which reads 𠀀 right and clears the U+FFFD problems', async () => {
    const uri = workspaceUri(GB18030_FILE);
    const misread = await showWithEncoding(uri, 'gbk');
    assert.equal(encodingOf(misread), 'gbk', 'the file is open as GBK');
    assert.ok(misread.getText().includes('\uFFFD'), 'GBK reads 𠀀 (95 32 82 36) as U+FFFD');
    await waitFor(
      () => languageOf(uri) === 'rmrb' && encodingMarks(uri).length > 0,
      () => `${GB18030_FILE} read as GBK should show suspicious-character on U+FFFD; language ${languageOf(uri)}, problems:${listing(problems(uri))}`,
      FIRST_WAIT_MS,
    );
    // 𠀀 in the title (line 4) and in the body (line 7): each reads as U+FFFD 2 U+FFFD 6.
    assert.deepEqual(encodingMarks(uri), [
      '4:7-4:8 Warning suspicious-character',
      '4:9-4:10 Warning suspicious-character',
      '7:8-7:9 Warning suspicious-character',
      '7:10-7:11 Warning suspicious-character',
    ]);

    const onMark = new vscode.Range(4, 7, 4, 7);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, onMark, vscode.CodeActionKind.QuickFix.value);
    const reopen = actions.find((a) => a.title === 'Reopen with GB18030' || a.title === '以 GB18030 重新打开');
    assert.ok(reopen?.command, `"Reopen with GB18030" is offered; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(reopen.kind?.value, vscode.CodeActionKind.QuickFix.value, 'it is a quick fix');
    // (vscode.executeCodeActionProvider gives back title, kind, edit, command and isPreferred
    // only: an action's diagnostics and `disabled` cannot be seen from here.)
    // Not offered where there is no mark (line 0, 〖ZQ/总期〗).
    const elsewhere = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 2, 0, 2), vscode.CodeActionKind.QuickFix.value);
    assert.ok(!elsewhere.some((a) => a.title === reopen.title), 'not offered away from the marks');

    // With unsaved edits VS Code cannot reopen the file: the command leaves it as it is.
    const editor = await vscode.window.showTextDocument(misread, { preview: false });
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(5, 0), ' ')), 'an edit applies');
    assert.equal(misread.isDirty, true, 'the file has unsaved changes');
    assert.equal(await vscode.commands.executeCommand(reopen.command.command, ...(reopen.command.arguments ?? [])), undefined, 'not reopened while dirty');
    assert.equal(encodingOf(documentOf(uri)), 'gbk', 'still GBK while dirty');
    await vscode.commands.executeCommand('undo');
    await waitFor(
      () => documentOf(uri)?.isDirty === false,
      () => `undo should leave ${GB18030_FILE} unmodified; dirty: ${documentOf(uri)?.isDirty}`,
    );

    await vscode.commands.executeCommand(reopen.command.command, ...(reopen.command.arguments ?? []));
    await waitFor(
      () => encodingOf(documentOf(uri)) === 'gb18030',
      () => `${GB18030_FILE} should be open as GB18030; it is ${encodingOf(documentOf(uri))}`,
    );
    const reread = documentOf(uri)!;
    assert.equal(reread.lineAt(4).text, GB18030_TITLE, 'the title as GB18030 reads it');
    assert.equal(reread.lineAt(7).text, GB18030_BODY, 'the body as GB18030 reads it');
    assert.ok(!reread.getText().includes('\uFFFD'), 'no U+FFFD is left');
    assert.equal(reread.isDirty, false, 'reopening leaves the file unmodified');
    await waitFor(
      () => encodingMarks(uri).length === 0,
      () => `after reopening, no mojibake or U+FFFD problem should be left; ${GB18030_FILE} shows:${listing(problems(uri))}`,
    );
    const serious = problems(uri).filter((p) => / (Error|Warning) /.test(p));
    assert.deepEqual(serious, [], `${GB18030_FILE}'s errors and warnings as GB18030`);
    const after = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, onMark, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!after.some((a) => a.title === reopen.title), 'no longer offered once the file is GB18030');
  });

  test('"Export to JSON Lines…" writes a file’s records, or a folder’s, to the file chosen, GB18030 files read right', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'rmrb-export-'));
    try {
      const one = vscode.Uri.file(path.join(out, 'sample.jsonl'));
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('rmrb.exportJsonLines', workspaceUri('rmrb-20130908-002-3.txt'), one);
      assert.equal(written?.fsPath, one.fsPath, 'the command says what it wrote');
      const records = readFileSync(one.fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(records.length, 1);
      assert.equal(records[0].fields.RQ, '20130908');
      assert.ok(records[0].body.length > 0, 'the body as paragraphs');

      const all = vscode.Uri.file(path.join(out, 'folder.jsonl'));
      const folder = vscode.workspace.workspaceFolders![0].uri;
      assert.equal((await vscode.commands.executeCommand<vscode.Uri | undefined>('rmrb.exportJsonLines', folder, all))?.fsPath, all.fsPath);
      const rows = readFileSync(all.fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; fields: Record<string, string> });
      const gb = rows.find((r) => r.file.endsWith(GB18030_FILE));
      assert.ok(gb, `the folder's export holds ${GB18030_FILE}: ${rows.map((r) => r.file).join(', ')}`);
      assert.equal(gb.fields.BT, GB18030_TITLE.replace(/〖-?BT\/标题〗/g, ''), 'GB18030 read as the command line reads it');
      assert.ok(!rows.some((r) => r.file.endsWith('plain.txt')), 'plain text is no corpus file');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
  test('a corpus file no one opened shows its problems: the workspace index reads every file of the folder', async () => {
    const uri = workspaceUri(CLOSED);
    assert.equal(documentOf(uri), undefined, `${CLOSED} is not open`);
    await expectProblems(uri, CLOSED_PROBLEMS, FIRST_WAIT_MS);
    for (const d of vscode.languages.getDiagnostics(uri)) {
      assert.equal(d.source, 'rmrb', `source of ${describeDiagnostic(d)}`);
      assert.ok(d.message.includes('〖JZ:加重〗'), `the message names the tag: ${d.message}`);
    }
    assert.equal(documentOf(uri), undefined, `${CLOSED} is still not open: its problems come from the index`);
  });

  test('Go to Symbol in Workspace finds an article of a closed file by a part of its title, by its date, and by date, page and item', async () => {
    const uri = workspaceUri(CLOSED);
    const search = async (query: string) => (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
    const describe = (list: vscode.SymbolInformation[] | undefined) => (list ?? []).map((s) => `${s.name} (${s.location.uri.path.split('/').slice(-2).join('/')})`).join(', ') || '(nothing)';
    const inClosed = (list: vscode.SymbolInformation[]) => list.filter((s) => s.location.uri.toString() === uri.toString());
    for (const query of ['三峡工程', '1994-12-14', '19941214', '1994年12月14日']) {
      const found = await waitForValue(
        () => search(query),
        (list) => inClosed(list).length > 0,
        (list) => `“${query}” should find the article of ${CLOSED}; it finds: ${describe(list)}`,
        FIRST_WAIT_MS,
      );
      const [article] = inClosed(found);
      assert.equal(article.name, CLOSED_TITLE, `“${query}”: the article's name is its title`);
      assert.equal(article.location.range.start.line, 4, `“${query}”: the jump lands on the title's line`);
      assert.equal(article.containerName, '1994-12-14 · 1版 · 1条', `“${query}”: date, page and item beside it`);
      assert.equal(documentOf(uri), undefined, `${CLOSED} is still not open`);
    }
    const both = await search('19951116 2 4');
    assert.deepEqual(
      both.map((s) => s.location.uri.path.split('/').slice(-2).join('/')).sort(),
      [...DUPLICATES].sort(),
      `“19951116 2 4” finds the article in each of the two files; it finds: ${describe(both)}`,
    );
    assert.deepEqual(await search('没有这个标题的文章'), [], 'a title no article has finds nothing');
  });

  test('the same article in two closed files: one shows duplicate-article, its related information naming the other file', async () => {
    const [first, second] = DUPLICATES.map(workspaceUri);
    const duplicates = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'duplicate-article');
    await waitFor(
      () => duplicates(first).length + duplicates(second).length > 0,
      () => `one of ${DUPLICATES.join(' and ')} should show duplicate-article; they show:${listing(problems(first))} and:${listing(problems(second))}`,
      FIRST_WAIT_MS,
    );
    assert.equal(duplicates(first).length + duplicates(second).length, 1, 'one warning for the article entered twice');
    const [flagged, other] = duplicates(first).length > 0 ? [first, second] : [second, first];
    const otherName = other.path.split('/').pop()!;
    assert.deepEqual(problems(flagged), ['0:0-0:7 Warning duplicate-article'], `${flagged.path.split('/').pop()}'s problems: on its first tag`);
    assert.deepEqual(problems(other), [], `${otherName} shows nothing: it holds the article entered first`);
    const [warning] = duplicates(flagged);
    assert.ok(warning.message.includes(otherName), `the message names ${otherName}: ${warning.message}`);
    assert.equal(warning.relatedInformation?.length, 1, 'one related location');
    const [related] = warning.relatedInformation!;
    assert.equal(related.location.uri.toString(), other.toString(), 'the related location is in the other file');
    assert.equal(related.location.range.start.line, 0, "at the other record's first tag");
    assert.ok(related.message.trim().length > 0, 'the related location says what it is');
    for (const uri of [first, second]) assert.equal(documentOf(uri), undefined, `${uri.path.split('/').pop()} is not open`);
  });

  test('a GB18030 .txt opened as UTF-8 (its tags lost to U+FFFD) offers "Reopen with GB18030", which reads it right and makes it a corpus file', async () => {
    const uri = workspaceUri(GB18030_TXT);
    const misread = await showWithEncoding(uri, 'utf8');
    assert.equal(encodingOf(misread), 'utf8', 'the file is open as UTF-8');
    assert.ok(misread.lineAt(0).text.startsWith('\uFFFD'), `UTF-8 reads 〖 (A1 BC) as U+FFFD: ${misread.lineAt(0).text}`);
    assert.equal(misread.languageId, 'plaintext', 'without its tags it is not known for a corpus file');
    await waitFor(
      () => encodingMarks(uri).length > 0,
      () => `${GB18030_TXT} read as UTF-8 should show mojibake; it shows:${listing(problems(uri))}`,
      FIRST_WAIT_MS,
    );
    assert.deepEqual(encodingMarks(uri), [`0:0-0:${misread.lineAt(0).text.length} Warning mojibake`], 'one problem, on the first line');
    const [mark] = vscode.languages.getDiagnostics(uri);
    assert.ok(/GB18030/.test(mark.message) && /UTF-8/.test(mark.message), `the message says what happened: ${mark.message}`);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 1, 0, 1), vscode.CodeActionKind.QuickFix.value);
    const reopen = actions.find((a) => a.title === 'Reopen with GB18030' || a.title === '以 GB18030 重新打开');
    assert.ok(reopen?.command, `"Reopen with GB18030" is offered; offered: ${actions.map((a) => a.title).join(' | ') || '(nothing)'}`);
    await vscode.commands.executeCommand(reopen.command.command, ...(reopen.command.arguments ?? []));
    await waitFor(
      () => encodingOf(documentOf(uri)) === 'gb18030' && languageOf(uri) === 'rmrb',
      () => `${GB18030_TXT} should be open as GB18030 with the language rmrb; it is ${encodingOf(documentOf(uri))}, ${languageOf(uri)}`,
    );
    const reread = documentOf(uri)!;
    for (const [line, text] of Object.entries(GB18030_TXT_LINES)) assert.equal(reread.lineAt(Number(line)).text, text, `line ${line} as GB18030 reads it`);
    assert.ok(!reread.getText().includes('\uFFFD'), 'no U+FFFD is left');
    assert.equal(reread.isDirty, false, 'reopening leaves the file unmodified');
    const symbols = await documentSymbols(uri);
    assert.deepEqual(symbols.map((s) => s.name), ['档案中的文件多为国标编码'], 'the server reads its one record');
    await waitFor(
      () => encodingMarks(uri).length === 0,
      () => `after reopening, no mojibake or U+FFFD problem should be left; ${GB18030_TXT} shows:${listing(problems(uri))}`,
    );
    const serious = problems(uri).filter((p) => / (Error|Warning) /.test(p));
    assert.deepEqual(serious, [], `${GB18030_TXT}'s errors and warnings as GB18030`);
  });

  test('the status bar counts the whole corpus once it is indexed, and "RMRB: Check Workspace" reads it again and says the same', async () => {
    const api = extensionApi();
    assert.equal(typeof api?.workspaceStatusText, 'function', "the extension's API tells the status bar's text");
    const expected = `RMRB $(error) ${CORPUS.errors} $(warning) ${CORPUS.warnings}`;
    await waitFor(
      () => api!.workspaceStatusText() === expected,
      () => `the status bar should read “${expected}”; it reads “${api!.workspaceStatusText() ?? '(hidden)'}”`,
      FIRST_WAIT_MS,
    );
    // What the status bar counts is what the Problems panel lists.
    await waitFor(
      () => problemCounts().errors === CORPUS.errors && problemCounts().warnings === CORPUS.warnings,
      () => `the Problems panel should hold ${CORPUS.errors} errors and ${CORPUS.warnings} warnings; it holds ${JSON.stringify(problemCounts())}`,
    );

    const checked = await vscode.commands.executeCommand<Record<string, unknown> | undefined>('rmrb.checkWorkspace');
    const { state, files, errors, warnings } = checked ?? {};
    assert.deepEqual({ state, files, errors, warnings }, { state: 'ready', files: CORPUS.files, errors: CORPUS.errors, warnings: CORPUS.warnings }, 'what the check says it found');
    // (`indexed` counts the files read, plain.txt too, whose first line rules it out.)
    assert.ok(typeof checked?.indexed === 'number' && checked.indexed >= CORPUS.files, `every corpus file was read: indexed ${checked?.indexed}`);
    assert.equal(api!.workspaceStatusText(), expected, 'the status bar after the check');
    assert.deepEqual(problemCounts(), { errors: CORPUS.errors, warnings: CORPUS.warnings }, 'the Problems panel after the check');
  });

  // Last: the index built again once it is back on is built with files open, and today's server
  // leaves open files out of its `files` count, which the check above asserts.
  test('rmrb.workspace.enabled off: the status bar item goes, open files are still checked; on again, the closed file\'s problems and the counts are there', async () => {
    const api = extensionApi();
    const configuration = () => vscode.workspace.getConfiguration('rmrb');
    const closed = workspaceUri(CLOSED);
    await expectProblems(closed, CLOSED_PROBLEMS, FIRST_WAIT_MS);
    try {
      await configuration().update('workspace.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        () => api?.workspaceStatusText() === undefined,
        () => `with the index off the status bar item should be hidden; it reads “${api?.workspaceStatusText()}”`,
      );
      await expectProblems(broken(), BROKEN_PROBLEMS);
    } finally {
      await configuration().update('workspace.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await expectProblems(closed, CLOSED_PROBLEMS);
    const expected = `RMRB $(error) ${CORPUS.errors} $(warning) ${CORPUS.warnings}`;
    await waitFor(
      () => api?.workspaceStatusText() === expected,
      () => `with the index on again the status bar should read “${expected}”; it reads “${api?.workspaceStatusText() ?? '(hidden)'}”`,
    );
  });

  test('"RMRB: Restart the Language Server" brings the server back: the problems are there again, and an edit is checked', async () => {
    const uri = sample();
    const original = (await vscode.workspace.openTextDocument(uri)).getText();
    await vscode.commands.executeCommand('rmrb.restartServer');
    await expectProblems(broken(), BROKEN_PROBLEMS);
    const editor = await show(uri);
    try {
      const malformedOnTitle = '4:0-4:7 Error malformed-tag';
      assert.ok(await editor.edit((e) => e.replace(new vscode.Range(4, 3, 4, 4), '；')), 'the edit applies'); // 〖BT/标题〗 → 〖BT；标题〗
      await waitFor(
        () => problems(uri).includes(malformedOnTitle),
        () => `after the restart, breaking 〖BT/标题〗 should show ${malformedOnTitle}; ${SAMPLE} shows:${listing(problems(uri))}`,
      );
    } finally {
      await restoreText(uri, original);
    }
  });
});
