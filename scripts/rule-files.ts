/**
 * The built-in rules as `npm run generate` (scripts/generate.ts) finds them: every file
 * rules/<id>.ts other than rules/index.ts is one rule, whose default export (createRule's result,
 * engine/linter/create-rule.ts) is named <id>. Helpers shared by rules live in rules/support/,
 * which is not scanned.
 *
 * Order: the rules register (rules/index.ts), and so show in the README table, the SARIF rule list
 * and the linter's walk, in the order of RULE_ORDER below: first the rules of the four guidelines,
 * user interface to services (docs/installer-facts.md#the-four-guidelines), then the others as
 * they were written. A rule not listed there follows them, by id. A new rule needs no entry: list
 * it only to place it among the others.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleModule } from '../engine/index.js';

export const RULE_ORDER: readonly string[] = [
  'no-ui-outside-finish-install',
  'no-interactive-windowstation-error',
  'no-state-in-dll',
  'no-dll-load',
  'no-process-outside-finish-install',
  'wait-for-finish-install-process',
  'no-service-control',
  'no-default-dif-handler-call',
  'no-file-queue-call',
  'unhandled-dif-return-code',
  'finish-install-flag-placement',
  'no-reserved-dif-code',
  'no-coinstaller-class-install-reserved',
  'inf-no-legacy-installer',
];

/** A rule id: lower-case words joined by hyphens (also the name of its file and of its page). */
const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The ids of the rule files in `rulesDir`, in registration order (RULE_ORDER, then by id). */
export function ruleIds(rulesDir: string, order: readonly string[] = RULE_ORDER): string[] {
  const ids = readdirSync(rulesDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && e.name !== 'index.ts')
    .map((e) => e.name.slice(0, -'.ts'.length));
  for (const id of ids) {
    if (!RULE_ID.test(id)) throw new Error(`rules/${id}.ts: a rule file is named for its id, in lower-case words joined by hyphens`);
  }
  const present = new Set(ids);
  const stale = order.filter((id) => !present.has(id));
  if (stale.length > 0) throw new Error(`RULE_ORDER (scripts/rule-files.ts) lists ${stale.join(', ')}, which has no file in rules/: take it out of the list`);
  const listed = new Set(order);
  return [...order, ...ids.filter((id) => !listed.has(id)).sort()];
}

/** The variable name rules/index.ts imports a rule under: `no-dll-load` → `noDllLoad`. */
export function importName(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Loads every rule file of `rulesDir`, in registration order, checking that each is a rule named for its file. */
export async function loadRules(rulesDir: string, order: readonly string[] = RULE_ORDER): Promise<Map<string, RuleModule>> {
  const rules = new Map<string, RuleModule>();
  for (const id of ruleIds(rulesDir, order)) {
    const mod = (await import(pathToFileURL(join(rulesDir, `${id}.ts`)).href)) as { default?: Partial<RuleModule> & { name?: unknown } };
    const rule = mod.default;
    if (!rule || typeof rule.create !== 'function' || typeof rule.meta !== 'object' || rule.meta === null) {
      throw new Error(`rules/${id}.ts: its default export is not a rule (export default createRule({ name: '${id}', meta, create }))`);
    }
    if (rule.name !== id) throw new Error(`rules/${id}.ts: the rule is named ${JSON.stringify(rule.name)}; a rule's name is its file's name, '${id}'`);
    rules.set(id, rule as RuleModule);
  }
  return rules;
}
