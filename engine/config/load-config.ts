/**
 * Finds, reads, parses and validates coinstaller-lint.json.
 *
 * - The config of a file is the nearest coinstaller-lint.json in its folder or a folder above
 *   (up to `stopAt`, or the root), or the file named by --config for every file. No file: the
 *   built-in "recommended" preset. Configs do not cascade: the nearest file is the whole story.
 * - The format is JSON with comments (see jsonc.ts; trailing commas accepted). A file without
 *   "extends" extends "recommended".
 * - Every problem is a ConfigError naming the file, line:column, the key and what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RuleEntry, RuleModule, SharedSettings } from '../linter/types.js';
import { decodeBytes } from '../text/decode.js';
import { LineIndex } from '../text/line-index.js';
import { ConfigError, joinPointer, splitPointer } from './config-error.js';
import { mergeSettings, resolveConfigValue, resolveRuleEntry, validateSettings, type ValidationContext } from './config-validation.js';
import { JsoncSyntaxError, nodeAtPointer, parseJsonc, toPlainValue } from './jsonc.js';
import { presetRules } from './presets.js';
import { defaultSettings, type ResolvedConfig } from './resolved-config.js';
import { RuleOptionsValidator } from './rule-options.js';

import { ignoreMatcher } from './ignores.js';

export { ignoreMatcher, isIgnored } from './ignores.js';

export const CONFIG_FILE_NAME = 'coinstaller-lint.json';

/** A rule's setting as --rule and editor settings give it: a level, or [level, ...options]. */
export type RuleSetting = RuleEntry;

export interface ConfigResolverOptions {
  /** Messages name config files relative to this folder. */
  cwd: string;
  /** Use this file for every linted file instead of searching (--config). */
  configFile?: string;
  /** Reads a file as text; throws an error with code ENOENT when it does not exist. */
  readFile?: (filePath: string) => string;
  /** The search upward looks in this folder last. */
  stopAt?: string;
}

export class ConfigResolver {
  private readonly readFile: (filePath: string) => string;
  private readonly optionsValidator = new RuleOptionsValidator();
  /** Folder -> the config file that applies to files in it (null: none). */
  private readonly fileForFolder = new Map<string, string | null>();
  /** Config file -> its resolved config, or the error it gives. */
  private readonly loaded = new Map<string, ResolvedConfig | ConfigError>();
  private defaults: ResolvedConfig | undefined;
  /** Compiled ignore patterns, by config. */
  private readonly ignoreMatchers = new Map<ResolvedConfig, (filePath: string) => boolean>();

  constructor(
    private readonly rules: ReadonlyMap<string, RuleModule>,
    private readonly options: ConfigResolverOptions,
  ) {
    this.readFile = options.readFile ?? readTextFile;
  }

  /** The config for a file. Throws ConfigError when the config that applies is broken. */
  configFor(filePath: string): ResolvedConfig {
    const configFile = this.configFileFor(filePath);
    if (configFile !== null) return this.load(configFile, true);
    return (this.defaults ??= defaultConfig(this.rules));
  }

  /**
   * Whether the config that applies to a path ignores it: isIgnored(configFor(p), p) with each
   * config's patterns compiled once. Throws ConfigError like configFor.
   */
  isIgnored(filePath: string): boolean {
    const config = this.configFor(filePath);
    let matcher = this.ignoreMatchers.get(config);
    if (!matcher) this.ignoreMatchers.set(config, (matcher = ignoreMatcher(config)));
    return matcher(filePath);
  }

  /** The config file that applies to a file, or null when the built-in defaults do. */
  configFileFor(filePath: string): string | null {
    if (this.options.configFile !== undefined) return resolve(this.options.cwd, this.options.configFile);
    const start = dirname(resolve(this.options.cwd, filePath));
    const stopAt = this.options.stopAt === undefined ? undefined : resolve(this.options.cwd, this.options.stopAt);
    const visited: string[] = [];
    let found: string | null = null;
    for (let folder = start; ; ) {
      const known = this.fileForFolder.get(folder);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(folder);
      const candidate = join(folder, CONFIG_FILE_NAME);
      if (this.load(candidate, false) !== undefined) {
        found = candidate;
        break;
      }
      const parent = dirname(folder);
      if (parent === folder || folder === stopAt) break;
      folder = parent;
    }
    for (const folder of visited) this.fileForFolder.set(folder, found);
    return found;
  }

  /** Forgets what was read (the editor calls this when a config file changes). */
  clearCache(): void {
    this.fileForFolder.clear();
    this.loaded.clear();
    this.ignoreMatchers.clear();
    this.defaults = undefined;
  }

  /** Loads a config file once; returns undefined when it does not exist and `mustExist` is false. */
  private load(filePath: string, mustExist: true): ResolvedConfig;
  private load(filePath: string, mustExist: false): ResolvedConfig | undefined;
  private load(filePath: string, mustExist: boolean): ResolvedConfig | undefined {
    let result = this.loaded.get(filePath);
    if (result === undefined) {
      const displayPath = this.displayPath(filePath);
      let text: string | undefined;
      try {
        text = this.readFile(filePath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException)?.code;
        if ((code === 'ENOENT' || code === 'ENOTDIR') && !mustExist) return undefined;
        result = readError(error, filePath, displayPath);
      }
      if (text !== undefined) {
        try {
          result = parseConfig(text, filePath, displayPath, this.rules, this.optionsValidator);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          result = error;
        }
      }
      this.loaded.set(filePath, result!);
    }
    if (result instanceof ConfigError) throw result;
    return result;
  }

  private displayPath(filePath: string): string {
    const rel = relative(this.options.cwd, filePath);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : filePath;
  }
}

/** The built-in defaults: "recommended", no ignores, default settings. */
export function defaultConfig(rules: ReadonlyMap<string, RuleModule>): ResolvedConfig {
  return { filePath: null, rules: presetRules('recommended', rules), settings: defaultSettings(), ignores: [], reportUnusedDisableDirectives: 1 };
}

/** Parses and validates a config's text; throws ConfigError. The server shows the error on `range`. */
export function parseConfigText(text: string, filePath: string, rules: ReadonlyMap<string, RuleModule>): ResolvedConfig {
  return parseConfig(text, filePath, filePath, rules, new RuleOptionsValidator());
}

function parseConfig(
  text: string,
  filePath: string,
  displayPath: string,
  rules: ReadonlyMap<string, RuleModule>,
  optionsValidator: RuleOptionsValidator,
): ResolvedConfig {
  const lines = new LineIndex(text);
  const lineColumn = (offset: number) => {
    const p = lines.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  let root;
  try {
    root = parseJsonc(text);
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    throw new ConfigError(error.expected ? `${error.problem} (expected ${error.expected})` : error.problem, {
      filePath,
      displayPath,
      pointer: error.pointer,
      expected: error.expected,
      range: error.range,
      ...lineColumn(error.range[0]),
    });
  }
  const ctx: ValidationContext = {
    filePath,
    displayPath,
    rules,
    optionsValidator,
    lineColumn,
    locate: (pointer) => {
      const found = nodeAtPointer(root, splitPointer(pointer));
      return found && { keyRange: found.keyRange, valueRange: found.node.range };
    },
  };
  return resolveConfigValue(toPlainValue(root), ctx);
}

/**
 * Applies --rule id:level (and rule settings from the editor) over a config. Unknown rules and
 * bad levels or options throw ConfigError (without a file: the overrides do not come from one).
 */
export function applyRuleOverrides(
  base: ResolvedConfig,
  overrides: Record<string, RuleSetting>,
  rules: ReadonlyMap<string, RuleModule>,
): ResolvedConfig {
  const ctx: ValidationContext = { filePath: null, rules, optionsValidator: new RuleOptionsValidator() };
  const out: ResolvedConfig = { ...base, rules: { ...base.rules } };
  for (const [id, entry] of Object.entries(overrides)) {
    out.rules[id] = resolveRuleEntry(id, entry, base.rules[id], joinPointer('/rules', id), ctx);
  }
  return out;
}

/**
 * Applies settings from the editor over a config: `target` replaces the file's; the API and
 * function lists add to the file's lists (the editor cannot remove a name the project lists).
 * Bad values throw ConfigError with a pointer under "/settings".
 */
export function applySettingsOverrides(base: ResolvedConfig, settings: Partial<SharedSettings>): ResolvedConfig {
  const ctx: ValidationContext = { filePath: null, rules: new Map(), optionsValidator: new RuleOptionsValidator() };
  const given = validateSettings(settings, '/settings', ctx);
  return { ...base, settings: mergeSettings(base.settings, given, 'extend') };
}

function readTextFile(filePath: string): string {
  // A FIFO or device named coinstaller-lint.json would block the read forever.
  const stat = statSync(filePath);
  if (!stat.isFile() && !stat.isDirectory()) throw Object.assign(new Error('not a regular file (a FIFO, socket or device)'), { code: 'ENOTREG' });
  const bytes = readFileSync(filePath);
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw Object.assign(new Error(decoded.message), { code: 'EBINARY' });
  return decoded.text;
}

function readError(error: unknown, filePath: string, displayPath: string): ConfigError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read: permission denied'
        : code === 'EISDIR'
          ? 'cannot be read: it is a folder, not a file'
          : code === 'EBINARY'
            ? `not a text file: ${(error as Error).message}`
          : `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  return new ConfigError(reason, { filePath, displayPath, pointer: '', cause: error });
}
