/**
 * Editor settings: the `coinstallerLint` section, per workspace folder, from workspace/configuration
 * (or from didChangeConfiguration's payload and the initialization options for clients without
 * it). A change re-lints everything.
 */
import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { uriOfFilePath } from '../documents/uris.js';
import { readServerSettings, SETTINGS_SECTION, type ServerSettings } from '../protocol/settings.js';
import type { Session } from '../session.js';
import type { DiagnosticsProvider } from './diagnostics.js';

export class ConfigurationProvider {
  /** Settings pushed by the client (initializationOptions, didChangeConfiguration), for clients without workspace/configuration. */
  private pushed: unknown;

  constructor(
    private readonly session: Session,
    private readonly diagnostics: DiagnosticsProvider,
    initialSettings: unknown,
  ) {
    this.pushed = initialSettings;
    this.applySettings(null, initialSettings);
  }

  register(): void {
    const { connection, client } = this.session;
    connection.onDidChangeConfiguration(async (params) => {
      const section = (params?.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
      if (section !== undefined) this.pushed = section;
      await this.load();
      this.session.lint.invalidateAll();
      this.diagnostics.inputsChanged();
    });
    if (client.configurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
  }

  /** Reads the settings of every workspace folder (and the global ones). */
  async load(): Promise<void> {
    const { connection, client, configs } = this.session;
    if (!client.configuration) {
      this.applySettings(null, this.pushed);
      for (const folder of configs.workspaceFolders()) this.applySettings(folder, this.pushed);
      return;
    }
    const folders = [...configs.workspaceFolders()];
    const items = [{ section: SETTINGS_SECTION }, ...folders.map((f) => ({ scopeUri: uriOfFilePath(f), section: SETTINGS_SECTION }))];
    let values: unknown[];
    try {
      values = await connection.workspace.getConfiguration(items);
    } catch (error) {
      this.session.logger.warn(`workspace/configuration failed: ${String(error)}; using the defaults`);
      values = [];
    }
    this.applySettings(null, values[0] ?? this.pushed);
    folders.forEach((f, i) => this.applySettings(f, values[i + 1] ?? values[0] ?? this.pushed));
  }

  private applySettings(folder: string | null, raw: unknown): ServerSettings {
    const { settings, problems } = readServerSettings(raw);
    for (const p of problems) this.session.logger.warn(`Ignored a setting: ${p}`);
    this.session.configs.setSettings(folder, settings);
    return settings;
  }
}
