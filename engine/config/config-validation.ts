/**
 * Turns the plain value of a coinstaller-lint.json (or of --rule / editor overrides) into a
 * ResolvedConfig, refusing anything the format does not allow with a ConfigError that names the
 * key and what was expected. Where the value came from a file, `locate` maps a JSON pointer to
 * the offsets of its key and value, so errors carry a line, a column and a range.
 *
 * Security: a config is data only. `extends` names one of the two built-in presets; there are no
 * plugins, parsers, JS files or paths outside the config's folder (ignores are relative globs).
 */
import type { RuleModule, Severity, SharedSettings } from '../linter/types.js';
import { ConfigError, joinPointer, type ConfigErrorDetails } from './config-error.js';
import { didYouMean } from './did-you-mean.js';
import { PRESET_NAMES, isPresetName, presetRules } from './presets.js';
import { defaultSettings, type ResolvedConfig, type ResolvedRuleConfig } from './resolved-config.js';
import { describeValue, isPlainObject, mergeOptions, type RuleOptionsValidator } from './rule-options.js';

/** Where a pointer is in the file: the ranges of its key (object members) and of its value. */
export type Locator = (pointer: string) => { keyRange?: [number, number]; valueRange: [number, number] } | undefined;

export interface ValidationContext {
  filePath: string | null;
  displayPath?: string;
  rules: ReadonlyMap<string, RuleModule>;
  optionsValidator: RuleOptionsValidator;
  locate?: Locator;
  /** Turns an offset into a 1-based line and column. */
  lineColumn?: (offset: number) => { line: number; column: number };
}

export const TOP_LEVEL_KEYS = ['$schema', 'extends', 'rules', 'ignores', 'settings', 'reportUnusedDisableDirectives'] as const;
/** Settings that are lists of function names. */
export const LIST_SETTINGS = ['uiApis', 'processApis', 'libraryLoadApis', 'entryPoints', 'interactiveFunctions'] as const;
export const TARGETS = ['windows-driver', 'universal', 'legacy'] as const;
export const SETTING_KEYS = [...LIST_SETTINGS, 'target', 'configuration', 'defines'] as const;
/** settings.configuration: MSBuild's `Configuration|Platform`. */
export const CONFIGURATION_NAME = /^[^|\s][^|]*\|[^|\s][^|]*$/;
/** settings.defines: `NAME` or `NAME=VALUE`, as cl's /D takes them. */
export const DEFINE_ENTRY = /^[A-Za-z_][A-Za-z0-9_]*(=.*)?$/;

export const LEVEL_NAMES = ['off', 'warn', 'error'] as const;
const LEVELS_EXPECTED = 'one of "off", "warn", "error", 0, 1, 2';
const RULE_ENTRY_EXPECTED = `${LEVELS_EXPECTED}, or an array [level, ...options]`;
/** A C identifier, or a C++ qualified name (Class::Method). */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_~][A-Za-z0-9_]*)*$/;

/** Keys people bring from other linters that would load code or files: refused with a reason. */
const CODE_LOADING_KEYS: Record<string, string> = {
  plugins: 'plugins are not supported: a config never loads code',
  parser: 'a custom parser is not supported: a config never loads code',
  overrides: '"overrides" is not supported: put a coinstaller-lint.json in the folder that needs other settings',
  files: '"files" is not supported: put a coinstaller-lint.json in the folder that needs other settings',
};

export function configError(ctx: ValidationContext, pointer: string, problem: string, at: 'key' | 'value', expected?: string): ConfigError {
  const details: ConfigErrorDetails = { filePath: ctx.filePath, displayPath: ctx.displayPath, pointer, expected };
  const where = ctx.locate?.(pointer);
  const range = where ? (at === 'key' && where.keyRange ? where.keyRange : where.valueRange) : undefined;
  if (range) {
    details.range = [range[0], range[1]];
    if (ctx.lineColumn) Object.assign(details, ctx.lineColumn(range[0]));
  }
  return new ConfigError(problem, details);
}

/** Validates a whole config file's value and resolves it over its preset. */
export function resolveConfigValue(value: unknown, ctx: ValidationContext): ResolvedConfig {
  if (!isPlainObject(value)) {
    throw configError(ctx, '', `expected an object { ... } at the top of the file, got ${describeValue(value)}`, 'value', 'a JSON object');
  }
  for (const key of Object.keys(value)) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue;
    const reason = Object.hasOwn(CODE_LOADING_KEYS, key) ? CODE_LOADING_KEYS[key] : undefined;
    throw configError(
      ctx,
      joinPointer('', key),
      reason ?? `unknown key${didYouMean(key, TOP_LEVEL_KEYS)}`,
      'key',
      `one of ${TOP_LEVEL_KEYS.map((k) => `"${k}"`).join(', ')}`,
    );
  }
  if (value.$schema !== undefined && typeof value.$schema !== 'string') {
    throw configError(ctx, '/$schema', `expected a string (the URL or path of the schema), got ${describeValue(value.$schema)}`, 'value', 'a string');
  }

  const preset = value.extends === undefined ? 'recommended' : value.extends;
  if (!isPresetName(preset)) {
    const hint = typeof preset === 'string' ? didYouMean(preset, PRESET_NAMES) : '';
    const files = typeof preset === 'string' && /[/\\.]/.test(preset) && hint === '' ? '; a config cannot extend files or packages' : '';
    throw configError(ctx, '/extends', `expected "recommended" or "all", got ${describeValue(preset)}${hint}${files}`, 'value', '"recommended" or "all"');
  }

  const config: ResolvedConfig = {
    filePath: ctx.filePath,
    rules: presetRules(preset, ctx.rules),
    settings: defaultSettings(),
    ignores: [],
    reportUnusedDisableDirectives: 1,
  };

  if (value.rules !== undefined) {
    if (!isPlainObject(value.rules)) {
      throw configError(ctx, '/rules', `expected an object { "rule-id": level }, got ${describeValue(value.rules)}`, 'value', 'an object');
    }
    for (const [id, entry] of Object.entries(value.rules)) {
      config.rules[id] = resolveRuleEntry(id, entry, config.rules[id], joinPointer('/rules', id), ctx);
    }
  }
  if (value.ignores !== undefined) config.ignores = validateIgnores(value.ignores, ctx);
  if (value.settings !== undefined) config.settings = mergeSettings(config.settings, validateSettings(value.settings, '/settings', ctx), 'replace');
  if (value.reportUnusedDisableDirectives !== undefined) {
    config.reportUnusedDisableDirectives = parseLevel(value.reportUnusedDisableDirectives, '/reportUnusedDisableDirectives', ctx);
  }
  return config;
}

/** One rule's entry: a level, or [level, ...options]; a level alone keeps the options it had. */
export function resolveRuleEntry(id: string, entry: unknown, base: ResolvedRuleConfig | undefined, pointer: string, ctx: ValidationContext): ResolvedRuleConfig {
  const rule = ctx.rules.get(id);
  if (!rule) {
    throw configError(ctx, pointer, `unknown rule${didYouMean(id, ctx.rules.keys())}`, 'key', 'the id of a built-in rule');
  }
  if (!Array.isArray(entry)) {
    const severity = parseLevel(entry, pointer, ctx, RULE_ENTRY_EXPECTED);
    return { severity, options: structuredClone(base?.options ?? rule.meta.defaultOptions ?? []) };
  }
  if (entry.length === 0) {
    throw configError(ctx, pointer, 'expected [level, ...options], got an empty array', 'value', RULE_ENTRY_EXPECTED);
  }
  const severity = parseLevel(entry[0], joinPointer(pointer, 0), ctx);
  const given = entry.slice(1);
  const problem = ctx.optionsValidator.check(id, rule, given);
  if (problem) {
    const [first, ...rest] = problem.path;
    const at = first === undefined ? pointer : joinPointer(pointer, Number(first) + 1, ...rest);
    const target = !ctx.locate || ctx.locate(at) ? at : pointer;
    throw configError(ctx, target, problem.problem, problem.problem.startsWith('unknown option') ? 'key' : 'value', problem.expected);
  }
  return { severity, options: mergeOptions(rule.meta.defaultOptions ?? [], given) };
}

export function parseLevel(value: unknown, pointer: string, ctx: ValidationContext, expected = LEVELS_EXPECTED): Severity {
  if (value === 0 || value === 1 || value === 2) return value;
  const index = (LEVEL_NAMES as readonly unknown[]).indexOf(value);
  if (index >= 0) return index as Severity;
  const hint = typeof value === 'string' ? didYouMean(value, [...LEVEL_NAMES, 'warning']).replace('"warning"', '"warn"') : '';
  throw configError(ctx, pointer, `expected ${expected}, got ${describeValue(value)}${hint}`, 'value', expected);
}

function validateIgnores(value: unknown, ctx: ValidationContext): string[] {
  if (!Array.isArray(value)) {
    throw configError(ctx, '/ignores', `expected an array of glob patterns, got ${describeValue(value)}`, 'value', 'an array of strings');
  }
  return value.map((pattern, i) => {
    const pointer = joinPointer('/ignores', i);
    const expected = 'a glob relative to the config file\'s folder, such as "build/**" or "*.gen.c"';
    if (typeof pattern !== 'string' || pattern.trim() === '') {
      throw configError(ctx, pointer, `expected a non-empty glob pattern, got ${describeValue(pattern)}`, 'value', expected);
    }
    const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
    if (body.includes('\\')) {
      throw configError(ctx, pointer, 'use forward slashes in ignore patterns ("\\" escapes the next character in a glob)', 'value', expected);
    }
    if (body.startsWith('/') || /^[A-Za-z]:/.test(body)) {
      throw configError(ctx, pointer, 'ignore patterns are relative to the config file\'s folder; absolute paths are not allowed', 'value', expected);
    }
    if (body.split('/').includes('..')) {
      throw configError(ctx, pointer, 'ignore patterns cannot reach outside the config file\'s folder ("..")', 'value', expected);
    }
    return pattern;
  });
}

/** Validates a settings object (from the file, or from the editor) and returns what it sets. */
export function validateSettings(value: unknown, pointer: string, ctx: ValidationContext): Partial<SharedSettings> {
  if (!isPlainObject(value)) {
    throw configError(ctx, pointer, `expected an object, got ${describeValue(value)}`, 'value', 'an object');
  }
  const out: Partial<SharedSettings> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = joinPointer(pointer, key);
    if (v === undefined) continue;
    if ((LIST_SETTINGS as readonly string[]).includes(key)) {
      if (!Array.isArray(v)) throw configError(ctx, at, `expected an array of function names, got ${describeValue(v)}`, 'value', 'an array of strings');
      v.forEach((name, i) => {
        if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
          throw configError(ctx, joinPointer(at, i), `expected a function name (a C identifier such as "MyShowDialog"), got ${describeValue(name)}`, 'value', 'a C identifier');
        }
      });
      out[key] = [...new Set(v as string[])];
    } else if (key === 'target') {
      if (!(TARGETS as readonly unknown[]).includes(v)) {
        const hint = typeof v === 'string' ? didYouMean(v, TARGETS) : '';
        const expected = `one of ${TARGETS.map((t) => `"${t}"`).join(', ')}`;
        throw configError(ctx, at, `expected ${expected}, got ${describeValue(v)}${hint}`, 'value', expected);
      }
      out.target = v as SharedSettings['target'];
    } else if (key === 'configuration') {
      if (typeof v !== 'string' || !CONFIGURATION_NAME.test(v)) {
        throw configError(ctx, at, `expected a configuration "Configuration|Platform" such as "Release|x64", got ${describeValue(v)}`, 'value', 'a string "Configuration|Platform"');
      }
      out.configuration = v;
    } else if (key === 'defines') {
      if (!Array.isArray(v)) throw configError(ctx, at, `expected an array of defines, got ${describeValue(v)}`, 'value', 'an array of strings');
      v.forEach((d, i) => {
        if (typeof d !== 'string' || !DEFINE_ENTRY.test(d)) {
          throw configError(ctx, joinPointer(at, i), `expected a define "NAME" or "NAME=VALUE", got ${describeValue(d)}`, 'value', 'a string "NAME" or "NAME=VALUE"');
        }
      });
      out.defines = [...new Set(v as string[])];
    } else {
      throw configError(ctx, at, `unknown setting${didYouMean(key, SETTING_KEYS)}`, 'key', `one of ${SETTING_KEYS.map((k) => `"${k}"`).join(', ')}`);
    }
  }
  return out;
}

/** Lays settings over a base: `replace` sets each given key; `extend` adds given names to the lists. */
export function mergeSettings(base: SharedSettings, given: Partial<SharedSettings>, mode: 'replace' | 'extend'): SharedSettings {
  const out: SharedSettings = { ...base };
  for (const key of LIST_SETTINGS) {
    const list = given[key];
    if (list === undefined) continue;
    out[key] = mode === 'extend' ? [...new Set([...base[key], ...list])] : [...list];
  }
  if (given.target !== undefined) out.target = given.target;
  if (given.configuration !== undefined) out.configuration = given.configuration;
  if (given.defines !== undefined) out.defines = mode === 'extend' && base.defines ? [...new Set([...base.defines, ...given.defines])] : [...given.defines];
  return out;
}
