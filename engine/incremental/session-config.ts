/**
 * What a lint session asks of its host about configuration: the config each file is linted with
 * (coinstaller-lint.json, with whatever the host lays over it), whether a file is linted at all
 * and up to which size, and when any of that may have changed. The language server answers from
 * its ConfigStore (server/config/config-store.ts), which lays the editor's settings over the files.
 */
import type { ConfigError } from '../config/config-error.js';
import type { ResolvedConfig } from '../config/resolved-config.js';

export type ConfigOutcome = { ok: true; config: ResolvedConfig } | { ok: false; error: ConfigError };

export interface SessionConfigs {
  /** Changes whenever a configuration or a file's options may have changed: results computed before are stale. */
  readonly generation: number;
  /** The configuration `filePath` is linted with, or why there is none. */
  configFor(filePath: string): ConfigOutcome;
  /** Whether `filePath` is linted, and the size (UTF-8 bytes) over which it gets a notice instead. */
  settingsFor(filePath: string): { enable: boolean; maxFileSize: number };
  /** Paths whose configuration stands in for a broken one of a file read only for the model (the workspace folders). */
  workspaceFolders(): readonly string[];
}
