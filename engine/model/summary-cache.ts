/**
 * Per-file summaries kept across lints (the language server owns one per workspace): keyed by
 * file path, valid while the text is the same, least recently used dropped past `maxEntries`.
 */
import type { FileSummary } from './summary-types.js';

export class SummaryCache {
  private readonly entries = new Map<string, { text: string; summary: FileSummary }>();

  constructor(readonly maxEntries = 5000) {}

  /** The summary of `filePath` if it was made from exactly `text`. */
  get(filePath: string, text: string): FileSummary | undefined {
    const e = this.entries.get(filePath);
    if (!e || e.text !== text) return undefined;
    this.entries.delete(filePath);
    this.entries.set(filePath, e);
    return e.summary;
  }

  /** The same, without counting as a use (for looking around, not for building a model). */
  peek(filePath: string, text: string): FileSummary | undefined {
    const e = this.entries.get(filePath);
    return e && e.text === text ? e.summary : undefined;
  }

  set(filePath: string, text: string, summary: FileSummary): void {
    this.entries.delete(filePath);
    this.entries.set(filePath, { text, summary });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(filePath: string): boolean {
    return this.entries.delete(filePath);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
