/**
 * The two built-in presets a config can extend (and the only things it can extend):
 * - "recommended": every rule whose docs say recommended, at its default level ("error" for a
 *   rule of type problem, "warn" for a suggestion); every other rule off. The default.
 * - "all": every rule at its default level.
 * Options are each rule's meta.defaultOptions.
 */
import type { RuleModule, Severity } from '../linter/types.js';
import type { ResolvedRuleConfig } from './resolved-config.js';

export const PRESET_NAMES = ['recommended', 'all'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export function isPresetName(name: unknown): name is PresetName {
  return typeof name === 'string' && (PRESET_NAMES as readonly string[]).includes(name);
}

/** "error" (2) for problems, "warn" (1) for suggestions. */
export function defaultSeverity(rule: RuleModule): Exclude<Severity, 0> {
  return rule.meta.type === 'problem' ? 2 : 1;
}

export function presetRules(name: PresetName, rules: ReadonlyMap<string, RuleModule>): Record<string, ResolvedRuleConfig> {
  const out: Record<string, ResolvedRuleConfig> = {};
  for (const id of [...rules.keys()].sort()) {
    const rule = rules.get(id)!;
    const on = name === 'all' || rule.meta.docs.recommended === true;
    out[id] = { severity: on ? defaultSeverity(rule) : 0, options: structuredClone(rule.meta.defaultOptions ?? []) };
  }
  return out;
}
