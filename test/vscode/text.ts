// Text for the runners' messages: an error's text, the last lines of some output, indenting.

export type Log = (message: string) => void;
export const consoleLog: Log = (message) => console.log(message);

export function errorText(error: unknown, withStack = false): string {
  if (error instanceof Error) return withStack && error.stack ? error.stack : error.message;
  return String(error);
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

export function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
