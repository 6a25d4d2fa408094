/**
 * The package's public API, `import ... from 'coinstaller-lint'` (package.json "exports"): lint
 * files or a text with the built-in rules, read the rules and their metadata, look up the
 * configuration, format results. A small surface over the engine (engine/index.ts) and the
 * rules (rules/index.ts); the command line (cli/main.ts) runs on it too.
 */
export { configFor, type ConfigOptions } from './config.js';
export { type FormatOptions, formatResults } from './format.js';
export { lintFiles, type LintFilesOptions, NoFilesError } from './lint-files.js';
export { writeFixes, type WriteFixesOptions } from './write-fixes.js';
export { lintText, type LintTextOptions } from './lint-text.js';
export { type ModuleDescription, moduleFor } from './module.js';
export { packageVersion } from './version.js';

/** The built-in rules by id, in the order of the guidelines; each one's `meta` describes it. */
export { builtinRules as rules } from '../rules/index.js';

export {
  ConfigError,
  FORMATTER_NAMES,
  formatters,
  ruleDocUrl,
  type Fix,
  type Formatter,
  type FormatterContext,
  type FormatterName,
  type LintMessage,
  type PathLintResult as LintResult,
  type OffsetRange,
  type RelatedLocation,
  type ResolvedConfig,
  type RuleDocs,
  type RuleEntry,
  type RuleMeta,
  type RuleModule,
  type SharedSettings,
  type WalkProblem,
} from '../engine/index.js';
