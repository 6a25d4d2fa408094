/**
 * How often the language server may be restarted after it stops unexpectedly: at most
 * `maxRestarts` times within `windowMs`; one more stop inside the window ends the restarts, so a
 * server that cannot run never loops silently. Pure: the caller passes the clock.
 */
export const DEFAULT_MAX_RESTARTS = 4;
export const DEFAULT_RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartBudget {
  private readonly stops: number[] = [];

  constructor(
    readonly maxRestarts = DEFAULT_MAX_RESTARTS,
    readonly windowMs = DEFAULT_RESTART_WINDOW_MS,
  ) {}

  /** Records a stop at `now` (ms); true when the server may be restarted once more. */
  allowRestart(now: number): boolean {
    this.stops.push(now);
    while (this.stops.length > 0 && now - this.stops[0] >= this.windowMs) this.stops.shift();
    return this.stops.length <= this.maxRestarts;
  }

  /** The stops counted in the current window (after the last `allowRestart`). */
  get recentStops(): number {
    return this.stops.length;
  }

  /** Forgets every stop (after the user restarts the server by hand). */
  reset(): void {
    this.stops.length = 0;
  }
}
