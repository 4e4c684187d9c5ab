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
    private readonly locale: 'en' | 'zh' = 'en',
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
    const mb = (this.#bytes / (1024 * 1024)).toFixed(this.#bytes < 10 * 1024 * 1024 ? 1 : 0);
    const n = (k: number) => Math.round(k).toLocaleString('en');
    const line =
      this.locale === 'zh'
        ? [`${n(this.#files)}/${n(this.total)} 个文件`, `${mb} MB`, `${n(this.#problems)} 个问题`, `每秒 ${n(rate)} 个文件`, left === undefined ? '' : `剩余 ${formatSeconds(left, 'zh')}`]
        : [`${n(this.#files)} of ${n(this.total)} files`, `${mb} MB`, `${n(this.#problems)} problem${this.#problems === 1 ? '' : 's'}`, `${n(rate)} files/s`, left === undefined ? '' : `${formatSeconds(left, 'en')} left`];
    // Cut to the terminal's width, so that the line never wraps and \r can redraw it.
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    this.#stream.write(`\r\u001b[2K${cutToColumns(line.filter(Boolean).join(' · '), width)}`);
    this.#shown = true;
  }

  /** Clears the line, before the summary is written. */
  end(): void {
    if (this.#shown) this.#stream.write('\r\u001b[2K');
    this.#shown = false;
  }
}

function formatSeconds(s: number, locale: 'en' | 'zh'): string {
  const m = Math.floor(s / 60);
  if (locale === 'zh') return s < 60 ? `${s} 秒` : m < 60 ? `${m} 分 ${s % 60} 秒` : `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
  if (s < 60) return `${s} s`;
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The start of `text` that fits in `columns` terminal columns: Chinese characters take two. */
function cutToColumns(text: string, columns: number): string {
  let used = 0;
  for (let k = 0; k < text.length; k++) {
    used += text.charCodeAt(k) >= 0x1100 ? 2 : 1;
    if (used > columns) return text.slice(0, k);
  }
  return text;
}
