// Which documents are corpus files: `.rmrb` by the manifest, `.txt` by their first line.

import * as vscode from 'vscode';

export const LANGUAGE_ID = 'rmrb';
/** The first line of a corpus file opens with a tag such as 〖ZQ/总期〗 (a broken separator too). */
export const FIRST_LINE = /^\uFEFF?\s*〖[A-Za-z]{2}[/／;；:：]/;

/**
 * Gives `.txt` corpus files the rmrb language. VS Code's own `firstLine` detection cannot: it
 * is consulted only when no extension matched, and `.txt` always matches plain text (claiming
 * `.txt` in the manifest would instead make every text file rmrb, since the language registered
 * last wins a tie). So the client looks at the first line of each plain-text `.txt` it sees.
 * Resolves to the document in its language (a language change replaces the document object).
 */
export async function detectLanguage(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  if (!/\.txt$/i.test(document.uri.path) || document.lineCount === 0) return document;
  const detect = vscode.workspace.getConfiguration('rmrb', document.uri).get<boolean>('detectTxtFiles', true);
  const looksLikeCorpus = FIRST_LINE.test(document.lineAt(0).text);
  if (detect && looksLikeCorpus && document.languageId === 'plaintext') return vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  if (!detect && document.languageId === LANGUAGE_ID) return vscode.languages.setTextDocumentLanguage(document, 'plaintext');
  return document;
}
