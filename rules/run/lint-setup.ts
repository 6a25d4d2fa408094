/**
 * What a lint over paths needs, built the way the CLI builds it: the config resolver (with
 * --rule overrides), the built-in rules, a parser and the installer model. The parallel path's
 * workers build their own from these plain options (functions cannot cross threads).
 */
import { builtinRules } from '../checks/index.js';
import { ConfigResolver, applyRuleOverrides } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { Linter } from '../engine/linter.js';
import type { RuleEntry } from '../engine/types.js';
import { installerModelProvider } from '../model/index.js';
import { CppParser } from '../parsing/cpp-parser.js';

export interface LintSetupOptions {
  cwd: string;
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
  dispose(): void;
}

export function createConfigFor(options: LintSetupOptions): { configFor: (filePath: string) => ResolvedConfig; resolver: ConfigResolver } {
  const resolver = new ConfigResolver(builtinRules, { cwd: options.cwd, configFile: options.configFile });
  const overrides = options.ruleOverrides ?? {};
  const cache = new Map<string, ResolvedConfig>();
  const configFor = (filePath: string): ResolvedConfig => {
    let config = cache.get(filePath);
    if (config === undefined) {
      const base = resolver.configFor(filePath);
      config = Object.keys(overrides).length > 0 ? applyRuleOverrides(base, overrides, builtinRules) : base;
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
  const parser = await CppParser.create();
  const linter = new Linter({ rules: builtinRules, parser, serviceProviders: [installerModelProvider], onRuleError });
  return { linter, configFor, isIgnored: (p) => resolver.isIgnored(p), dispose: () => {
      linter.dispose();
      parser.delete();
    },
  };
}
