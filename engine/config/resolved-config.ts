/**
 * The configuration the engine runs with, after extends, overrides and defaults are applied.
 * Loading and validating coinstaller-lint.json produces one of these (see load-config.ts).
 */
import type { Severity, SharedSettings } from '../linter/types.js';

export interface ResolvedRuleConfig {
  severity: Severity;
  options: unknown[];
}

export interface ResolvedConfig {
  /** The config file this came from, or null for the built-in defaults. */
  filePath: string | null;
  rules: Record<string, ResolvedRuleConfig>;
  settings: SharedSettings;
  /** Glob patterns (relative to the config file's folder) of paths not to lint. */
  ignores: string[];
  /** Report `coinstaller-lint-disable` directives that disable nothing (default: warn). */
  reportUnusedDisableDirectives: Severity;
}

export function defaultSettings(): SharedSettings {
  return {
    uiApis: [],
    processApis: [],
    libraryLoadApis: [],
    entryPoints: [],
    interactiveFunctions: [],
    target: 'windows-driver',
  };
}
