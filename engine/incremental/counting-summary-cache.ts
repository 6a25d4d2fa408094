/**
 * The installer model's SummaryCache, counting how many file summaries were (re)built: after an
 * edit only the edited file's summary should be.
 */
import { SummaryCache } from '../model/summary-cache.js';

export class CountingSummaryCache extends SummaryCache {
  /** Summaries asked for and not found (so built again). */
  misses = 0;
  hits = 0;

  override get(...args: Parameters<SummaryCache['get']>): ReturnType<SummaryCache['get']> {
    const found = super.get(...args);
    if (found) this.hits++;
    else this.misses++;
    return found;
  }
}
