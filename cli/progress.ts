/**
 * A progress line on stderr for long runs: only when stderr is a terminal, and only once the run
 * has taken more than a couple of seconds. Nothing is written otherwise.
 */
const SHOW_AFTER_MS = 2000;
const REFRESH_MS = 200;

export class ProgressLine {
  private readonly started: number;
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly enabled: boolean,
    private readonly write: (text: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number, filePath: string): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.started < SHOW_AFTER_MS || t - this.lastDraw < REFRESH_MS) return;
    this.lastDraw = t;
    this.shown = true;
    const tail = filePath.length > 60 ? `…${filePath.slice(-59)}` : filePath;
    this.write(`\r\x1b[K[${done}/${total}] ${tail}`);
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}
