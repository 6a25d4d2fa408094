/**
 * The editor settings of the `coinstallerLint` section (workspace/configuration), with their
 * defaults. Values of the wrong type are dropped (and reported), never trusted. Pure.
 */
import { DEFAULT_MAX_FILE_BYTES, type RuleEntry } from '../../engine/index.js';

export type RunMode = 'onType' | 'onSave';
export type TraceLevel = 'off' | 'messages' | 'verbose';
export type Target = 'windows-driver' | 'universal' | 'legacy';

export interface ServerSettings {
  enable: boolean;
  /** Rule levels and options, over those of coinstaller-lint.json. */
  rules: Record<string, RuleEntry>;
  run: RunMode;
  /** The kind of driver package, over coinstaller-lint.json's `target`; null keeps the file's. */
  target: Target | null;
  trace: { server: TraceLevel };
  /** Files larger than this (bytes) get one informational diagnostic instead of a lint. */
  maxFileSize: number;
}

export const SETTINGS_SECTION = 'coinstallerLint';

export function defaultServerSettings(): ServerSettings {
  return { enable: true, rules: {}, run: 'onType', target: null, trace: { server: 'off' }, maxFileSize: DEFAULT_MAX_FILE_BYTES };
}

const TARGETS: readonly Target[] = ['windows-driver', 'universal', 'legacy'];
const TRACE: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

/** Reads the section as the client sent it; `problems` lists what was ignored. */
export function readServerSettings(raw: unknown): { settings: ServerSettings; problems: string[] } {
  const settings = defaultServerSettings();
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${SETTINGS_SECTION} should be an object`);
    return { settings, problems };
  }
  const r = raw as Record<string, unknown>;
  if (r.enable !== undefined) {
    if (typeof r.enable === 'boolean') settings.enable = r.enable;
    else problems.push(`${SETTINGS_SECTION}.enable should be true or false`);
  }
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules === 'object' && !Array.isArray(r.rules)) settings.rules = { ...(r.rules as Record<string, RuleEntry>) };
    else problems.push(`${SETTINGS_SECTION}.rules should be an object of rule levels`);
  }
  if (r.run !== undefined) {
    if (r.run === 'onType' || r.run === 'onSave') settings.run = r.run;
    else problems.push(`${SETTINGS_SECTION}.run should be "onType" or "onSave"`);
  }
  if (r.target !== undefined && r.target !== null && r.target !== '') {
    if (TARGETS.includes(r.target as Target)) settings.target = r.target as Target;
    else problems.push(`${SETTINGS_SECTION}.target should be one of ${TARGETS.map((t) => `"${t}"`).join(', ')}`);
  }
  const trace = (r.trace as { server?: unknown } | undefined)?.server;
  if (trace !== undefined) {
    if (TRACE.includes(trace as TraceLevel)) settings.trace.server = trace as TraceLevel;
    else problems.push(`${SETTINGS_SECTION}.trace.server should be "off", "messages" or "verbose"`);
  }
  if (r.maxFileSize !== undefined) {
    if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) settings.maxFileSize = r.maxFileSize;
    else problems.push(`${SETTINGS_SECTION}.maxFileSize should be a positive number of bytes`);
  }
  return { settings, problems };
}
