// Output of many lines to a stream, in large writes, waiting when the reader is slow: a run over
// an archive may print a million lines into a pipe (`| head`, `| jq`), and one write per line,
// never waiting, would hold them all in memory.

const CHUNK = 64 * 1024;

export class LineWriter {
  #buffer: string[] = [];
  #size = 0;
  #closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    // A reader that went away (`| head`) ends the output, not the run with a stack trace.
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.#closed = true;
      else throw e;
    });
  }

  write(line: string): void {
    this.text(line);
    this.text('\n');
  }

  /** Text as it is: lines already ended (an exported file's rows). */
  text(s: string): void {
    if (this.#closed) return;
    this.#buffer.push(s);
    this.#size += s.length;
    if (this.#size >= CHUNK) this.#flush();
  }

  /** Resolves once the stream has taken what was written (at once unless it is full). */
  async flushed(): Promise<void> {
    if (this.#size >= CHUNK) this.#flush();
    if (this.#closed || !(this.stream as NodeJS.WriteStream).writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
  }

  async end(): Promise<void> {
    this.#flush();
    await this.flushed();
  }

  #flush(): void {
    if (this.#buffer.length === 0 || this.#closed) return;
    this.stream.write(this.#buffer.join(''));
    this.#buffer = [];
    this.#size = 0;
  }
}
