// What the extension itself says, in the language `rmrb.language` asks for. VS Code's own
// l10n follows only its display language, which needs a language pack; a proofreader who runs
// VS Code in English can still have Chinese, from the same bundle VS Code would load.

import * as vscode from 'vscode';
import zh from '../../l10n/bundle.l10n.zh-cn.json';

const ZH: Readonly<Record<string, string>> = zh;

/** Whether the extension speaks Chinese: `rmrb.language`, else VS Code's display language. */
export function inChinese(): boolean {
  const chosen = vscode.workspace.getConfiguration('rmrb').get<string>('language', 'auto');
  return chosen === 'zh-cn' || (chosen !== 'en' && vscode.env.language.toLowerCase() === 'zh-cn');
}

/** `vscode.l10n.t` for positional arguments, honouring `rmrb.language`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const chosen = vscode.workspace.getConfiguration('rmrb').get<string>('language', 'auto');
  if (chosen !== 'en' && chosen !== 'zh-cn') return vscode.l10n.t(message, ...args);
  const template = chosen === 'zh-cn' ? (ZH[message] ?? message) : message;
  return template.replace(/\{(\d+)\}/g, (whole, k: string) => (args[Number(k)] === undefined ? whole : String(args[Number(k)])));
}
