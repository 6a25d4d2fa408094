/**
 * What a lint over paths needs, built the way the CLI builds it: the config resolver (with
 * --rule overrides), the rules it is given, a parser and the installer model. The parallel
 * path's workers build their own from plain options (functions cannot cross threads): they load
 * the rules from `RuleSet.moduleUrl`.
 */
import { createBuildIndex } from '../build/build-index.js';
import { ConfigResolver, applyRuleOverrides } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { buildFilesProvider } from '../linter/build-files.js';
import { Linter } from '../linter/linter.js';
import type { RuleEntry, RuleModule } from '../linter/types.js';
import { installerModelProvider } from '../model/index.js';
import { CppParser } from '../parsing/cpp-parser.js';

/** The rules a lint runs, and where a worker thread loads the same ones from. */
export interface RuleSet {
  rules: ReadonlyMap<string, RuleModule>;
  /** URL of an ES module whose export `rules` is the same map (rules/index.ts for the built-in ones). */
  moduleUrl: string;
}

export interface LintSetupOptions {
  cwd: string;
  ruleSet: RuleSet;
  /** An explicit config file (--config), absolute. */
  configFile?: string;
  /** --rule overrides. */
  ruleOverrides?: Record<string, RuleEntry>;
}

export interface LintSetup {
  linter: Linter;
  configFor: (filePath: string) => ResolvedConfig;
  isIgnored: (filePath: string) => boolean;
  /** Frees the parser and the linter's queries. */
  dispose: () => void;
}

export function createConfigFor(options: LintSetupOptions): { configFor: (filePath: string) => ResolvedConfig; resolver: ConfigResolver } {
  const rules = options.ruleSet.rules;
  const resolver = new ConfigResolver(rules, { cwd: options.cwd, configFile: options.configFile });
  const overrides = options.ruleOverrides ?? {};
  const cache = new Map<string, ResolvedConfig>();
  const configFor = (filePath: string): ResolvedConfig => {
    let config = cache.get(filePath);
    if (config === undefined) {
      const base = resolver.configFor(filePath);
      config = Object.keys(overrides).length > 0 ? applyRuleOverrides(base, overrides, rules) : base;
      cache.set(filePath, config);
    }
    return config;
  };
  return { configFor, resolver };
}

export async function createLintSetup(
  options: LintSetupOptions,
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void,
): Promise<LintSetup> {
  const { configFor, resolver } = createConfigFor(options);
  const { linter, dispose } = await createModuleLinter(options.ruleSet.rules, onRuleError, [options.cwd]);
  return { linter, configFor, isIgnored: (p) => resolver.isIgnored(p), dispose };
}

/**
 * A parser and a linter running `rules` with the installer model; `dispose()` frees both. The
 * build files of `roots` (default: the current folder) give the defines of settings.configuration.
 */
export async function createModuleLinter(
  rules: ReadonlyMap<string, RuleModule>,
  onRuleError?: (ruleId: string, filePath: string, error: unknown) => void,
  roots?: readonly string[],
): Promise<{ linter: Linter; dispose: () => void }> {
  const parser = await CppParser.create();
  const buildIndex = createBuildIndex({ roots });
  const buildOf = (filePath: string, configuration: string) => buildIndex.buildOf(filePath, configuration);
  const linter = new Linter({ rules, parser, serviceProviders: [installerModelProvider, buildFilesProvider()], onRuleError, buildOf });
  return { linter, dispose: () => {
      linter.dispose();
      parser.delete();
    },
  };
}
