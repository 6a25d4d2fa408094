/**
 * The compilable modules written for the fix acceptance (test/fixtures/fixes/<module>/: each
 * folder one DLL, its .c/.cpp sources and headers), and the rules whose fixes and suggestions they
 * must cover: every built-in rule with `meta.fixable` or `meta.hasSuggestions`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../rules/index.js';
import { type AcceptanceModule, filesUnder, loadModule } from './fix-acceptance.js';

export const FIX_MODULES = join(import.meta.dirname, '..', 'fixtures', 'fixes');

export function fixModules(accept: (module: AcceptanceModule) => boolean = () => true): AcceptanceModule[] {
  return readdirSync(FIX_MODULES)
    .sort()
    .map((name) => loadModule(name, join(FIX_MODULES, name), filesUnder(join(FIX_MODULES, name))))
    .filter(accept);
}

/** The kinds of edit each rule offers ('fix', 'suggestion'), by its meta. */
export function editKindsByRule(): Map<string, ('fix' | 'suggestion')[]> {
  const out = new Map<string, ('fix' | 'suggestion')[]>();
  for (const [id, rule] of builtinRules) {
    const kinds: ('fix' | 'suggestion')[] = [];
    if (rule.meta.fixable) kinds.push('fix');
    if (rule.meta.hasSuggestions) kinds.push('suggestion');
    if (kinds.length > 0) out.set(id, kinds);
  }
  return out;
}

/** The `rule kind` pairs of editKindsByRule that `cases` do not exercise. */
export function uncovered(cases: readonly { ruleId: string; kind: 'fix' | 'suggestion' }[]): string[] {
  const seen = new Set(cases.map((c) => `${c.ruleId} ${c.kind}`));
  return [...editKindsByRule()].flatMap(([id, kinds]) => kinds.map((k) => `${id} ${k}`)).filter((k) => !seen.has(k));
}
