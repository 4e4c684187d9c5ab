// The hostile inputs of `npm run bench`, each from a fixed recipe so every run measures the
// same text: one 1 MB line of unfinished tags.

/** The worst case for code actions: a body of one 1 MB line of `〖JZ；`, 262,144 unfinished tags. */
export const JZ_UNITS = 262144;
export function unfinishedTagLine(): string {
  return '〖ZW/正文〗\n' + '〖JZ；'.repeat(JZ_UNITS) + '\n〖-ZW/正文〗\n';
}
