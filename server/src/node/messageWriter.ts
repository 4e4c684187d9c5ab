// The server's writer of LSP messages over stdio. It frames each message as vscode-jsonrpc's
// StreamMessageWriter does (`Content-Length: N\r\n\r\n` and N bytes of JSON in UTF-8), one
// message after another in the order they are written, and:
//
// - sends an answer whose result is an EncodedJson (lsp/encodedJson.ts: the outline of a big
//   file) as the bytes it made, around the response's own few members, instead of making the
//   JSON string of all of it and encoding that;
// - writes a message's pieces with one system call (cork, then uncork), and tells the caller
//   when they are written, as vscode-jsonrpc's writer does.

import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { EncodedJson } from '../lsp/encodedJson';

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly writable: NodeJS.WritableStream & { cork?: () => void; uncork?: () => void }) {
    super();
    writable.on('error', (error: unknown) => this.fireError(error));
    writable.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let pieces: Uint8Array[];
    try {
      pieces = encode(message);
    } catch (error) {
      this.failed(error, message);
      return Promise.reject(error);
    }
    let length = 0;
    for (const p of pieces) length += p.length;
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => {
        if (error) {
          this.failed(error, message);
          reject(error);
        } else {
          resolve();
        }
      };
      try {
        this.writable.cork?.();
        this.writable.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
        for (let i = 0; i < pieces.length; i++) {
          if (i + 1 < pieces.length) this.writable.write(pieces[i]);
          else this.writable.write(pieces[i], done);
        }
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      } finally {
        this.writable.uncork?.();
      }
    });
  }

  end(): void {
    this.writable.end();
  }

  private failed(error: unknown, message: Message): void {
    this.errorCount++;
    this.fireError(error, message, this.errorCount);
  }
}

/** The message's JSON in UTF-8, in pieces. */
export function encode(message: Message): Uint8Array[] {
  const result = (message as { result?: unknown }).result;
  if (result instanceof EncodedJson) {
    // The response's other members, around a placeholder: `result` is its last member.
    const json = JSON.stringify({ ...message, result: 0 });
    const at = json.lastIndexOf('0}');
    if (at === json.length - 2 && json.endsWith('"result":0}')) {
      return [Buffer.from(json.slice(0, at), 'utf8'), ...result.bytes(), Buffer.from('}', 'latin1')];
    }
  }
  return [Buffer.from(JSON.stringify(message), 'utf8')];
}
