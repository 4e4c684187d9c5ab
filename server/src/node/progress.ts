// The live line `rmrb check` keeps on a terminal's stderr while it works: files, megabytes,
// problems, rate and time left. Nothing is drawn when stderr is not a terminal (a log, CI), so
// the output of a script stays exactly the problems and the summary.

const REDRAW_MS = 100;

export class Progress {
  readonly #stream: NodeJS.WriteStream;
  readonly #on: boolean;
  readonly #started = Date.now();
  #drawn = 0;
  #files = 0;
  #bytes = 0;
  #problems = 0;
  #shown = false;

  constructor(
    readonly total: number,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.#stream = stream;
    this.#on = stream.isTTY === true && total > 1;
  }

  /** One more file done. */
  add(bytes: number, problems: number): void {
    this.#files++;
    this.#bytes += bytes;
    this.#problems += problems;
    if (!this.#on) return;
    const now = Date.now();
    if (now - this.#drawn < REDRAW_MS) return;
    this.#drawn = now;
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? this.#files / seconds : 0;
    const left = rate > 0 ? Math.ceil((this.total - this.#files) / rate) : undefined;
    const mb = this.#bytes / (1024 * 1024);
    const line = [
      `${this.#files.toLocaleString('en')} of ${this.total.toLocaleString('en')} files`,
      `${mb.toFixed(mb < 10 ? 1 : 0)} MB`,
      `${this.#problems.toLocaleString('en')} problem${this.#problems === 1 ? '' : 's'}`,
      `${Math.round(rate).toLocaleString('en')} files/s`,
      left === undefined ? '' : `${formatSeconds(left)} left`,
    ].filter(Boolean);
    // Cut to the terminal's width, so that the line never wraps and \r can redraw it.
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    this.#stream.write(`\r\u001b[2K${line.join(' · ').slice(0, width)}`);
    this.#shown = true;
  }

  /** Clears the line, before the summary is written. */
  end(): void {
    if (this.#shown) this.#stream.write('\r\u001b[2K');
    this.#shown = false;
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
