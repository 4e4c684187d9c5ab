// The diagnostics of a file as a whole, which no parse gives: a corpus file of the workspace
// that could not be read or decoded. The command line reports the same files under the same
// code (`unreadable`), on its own line.

import type { Args, DiagnosticDefinition } from '../rules/rule';

/** Why a file could not be read, as `Args.why`: what node/corpusFiles.ts found. */
export type UnreadableWhy = 'encoding' | 'binary' | 'utf16' | 'io';

const WHY_EN: Record<UnreadableWhy, (a: Args) => string> = {
  encoding: () => 'its bytes are neither UTF-8 nor GB18030',
  binary: () => 'it is a binary file, not a corpus file',
  utf16: () => 'it is UTF-16, which no corpus file is: save it as UTF-8 or GB18030',
  io: (a) => `it could not be read${a.detail ? ` (${a.detail})` : ''}`,
};
const WHY_ZH: Record<UnreadableWhy, (a: Args) => string> = {
  encoding: () => '其字节既不是 UTF-8 也不是 GB18030',
  binary: () => '这是二进制文件，不是语料文件',
  utf16: () => '这是 UTF-16 编码的文件，语料文件应存为 UTF-8 或 GB18030',
  io: (a) => `无法读取${a.detail ? `（${a.detail}）` : ''}`,
};
const whyOf = (a: Args): UnreadableWhy => (a.why && Object.hasOwn(WHY_EN, a.why) ? (a.why as UnreadableWhy) : 'io');

export const FILES = {
  unreadable: {
    severity: 'error',
    summary: { en: 'A corpus file of the workspace could not be read or decoded, so it was not checked.', zh: '工作区中的语料文件无法读取或解码，因此未作检查。' },
    message: {
      en: (a) => `This file was not checked: ${WHY_EN[whyOf(a)](a)}.`,
      zh: (a) => `此文件未作检查：${WHY_ZH[whyOf(a)](a)}。`,
    },
  },
} satisfies Record<string, DiagnosticDefinition>;

export type FileCode = keyof typeof FILES;

/** The `why` and `detail` of a reason node/corpusFiles.ts gives. */
export function unreadableArgs(reason: string): Args {
  if (reason === 'neither UTF-8 nor GB18030' || /^not (utf-8|gb18030)$/.test(reason)) return { why: 'encoding' };
  if (reason.startsWith('a binary file')) return { why: 'binary' };
  if (reason.startsWith('UTF-16')) return { why: 'utf16' };
  return { why: 'io', detail: reason };
}
