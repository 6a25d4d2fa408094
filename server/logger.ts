/**
 * Logs to the client (window/logMessage), filtered by the trace level the settings ask for:
 * errors and warnings always; information at "messages"; details at "verbose".
 */
import { MessageType } from 'vscode-languageserver/node';
import type { TraceLevel } from './protocol/settings.js';

export type LogSink = (type: MessageType, message: string) => void;

export class Logger {
  private warnedOnce = new Set<string>();

  constructor(
    private readonly sink: LogSink,
    private readonly level: () => TraceLevel,
  ) {}

  error(message: string): void {
    this.sink(MessageType.Error, message);
  }

  warn(message: string): void {
    this.sink(MessageType.Warning, message);
  }

  /** Logs a warning the first time `key` is seen, never again. */
  warnOnce(key: string, message: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.warn(message);
  }

  info(message: string): void {
    if (this.level() !== 'off') this.sink(MessageType.Info, message);
  }

  debug(message: string): void {
    if (this.level() === 'verbose') this.sink(MessageType.Log, message);
  }
}
