/**
 * The configuration each file is linted with: coinstaller-lint.json (nearest upward, within its
 * workspace folder's resolver) with the editor settings (coinstallerLint.rules, .target) over it.
 * A broken config file is remembered as an error for that file, to be shown as a diagnostic there.
 * The lint session asks it as SessionConfigs (engine/incremental/session-config.ts).
 */
import { dirname, sep } from 'node:path';
import { applyRuleOverrides, applySettingsOverrides, ConfigError, type ConfigOutcome, ConfigResolver, type ResolvedConfig, type RuleModule, type SessionConfigs } from '../../engine/index.js';
import { defaultServerSettings, type ServerSettings } from '../protocol/settings.js';

export class ConfigStore implements SessionConfigs {
  private folders: string[] = [];
  private readonly resolvers = new Map<string, ConfigResolver>();
  private readonly settings = new Map<string, ServerSettings>();
  private readonly cache = new Map<string, ConfigOutcome>();
  /** Config files that failed to load, by path. */
  private readonly errors = new Map<string, ConfigError>();
  /** Bumped whenever configs or settings may have changed: cached lint results are stale. */
  generation = 0;

  constructor(
    private readonly rules: ReadonlyMap<string, RuleModule>,
    /** Told when the editor's rule settings are invalid (they are then ignored). */
    private readonly onSettingsProblem: (error: ConfigError) => void = () => undefined,
  ) {}

  setFolders(folders: readonly string[]): void {
    // Longest first, so that nested folders win.
    this.folders = [...folders].sort((a, b) => b.length - a.length);
    this.invalidate();
  }

  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** The workspace folder a file is in (the innermost), or null. */
  folderOf(filePath: string): string | null {
    return this.folders.find((f) => filePath === f || filePath.startsWith(f.endsWith(sep) ? f : f + sep)) ?? null;
  }

  setSettings(folder: string | null, settings: ServerSettings): void {
    this.settings.set(folder ?? '', settings);
    this.invalidate();
  }

  settingsFor(filePath: string | null): ServerSettings {
    const folder = filePath ? this.folderOf(filePath) : null;
    return this.settings.get(folder ?? '') ?? this.settings.get('') ?? defaultServerSettings();
  }

  /** Any folder's settings (for server-wide values: trace level, size limit). */
  globalSettings(): ServerSettings {
    return this.settings.get('') ?? this.settings.values().next().value ?? defaultServerSettings();
  }

  /** Forgets every loaded config (a config file changed). */
  invalidate(): void {
    this.resolvers.clear();
    this.cache.clear();
    this.errors.clear();
    this.generation++;
  }

  configFor(filePath: string): ConfigOutcome {
    let outcome = this.cache.get(filePath);
    if (!outcome) {
      outcome = this.load(filePath);
      this.cache.set(filePath, outcome);
    }
    return outcome;
  }

  /** Config files that failed to load. */
  configErrors(): ReadonlyMap<string, ConfigError> {
    return this.errors;
  }

  private resolverFor(filePath: string): ConfigResolver {
    const workspaceFolder = this.folderOf(filePath);
    const folder = workspaceFolder ?? dirname(filePath);
    let resolver = this.resolvers.get(folder);
    if (!resolver) {
      // The search for coinstaller-lint.json stops at the workspace folder: a config above it is not the workspace's.
      resolver = new ConfigResolver(this.rules, { cwd: folder, ...(workspaceFolder ? { stopAt: workspaceFolder } : {}) });
      this.resolvers.set(folder, resolver);
    }
    return resolver;
  }

  private load(filePath: string): ConfigOutcome {
    let base: ResolvedConfig;
    try {
      base = this.resolverFor(filePath).configFor(filePath);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (error.filePath) this.errors.set(error.filePath, error);
      return { ok: false, error };
    }
    const settings = this.settingsFor(filePath);
    let config = base;
    try {
      if (Object.keys(settings.rules).length > 0) config = applyRuleOverrides(config, settings.rules, this.rules);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.onSettingsProblem(error);
    }
    if (settings.target) config = applySettingsOverrides(config, { target: settings.target });
    return { ok: true, config };
  }
}
