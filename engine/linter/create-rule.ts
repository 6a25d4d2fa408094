/**
 * Defines a rule with typed message ids and its documentation URL derived from its id
 * (after typescript-eslint's createRule).
 */
import { ruleDocUrl } from './rule-docs.js';
import type { RuleContext, RuleListener, RuleMeta, RuleModule, FileLanguage } from './types.js';

export interface RuleDefinition<MessageIds extends string, Options extends unknown[]> {
  name: string;
  meta: Omit<RuleMeta<MessageIds>, 'docs'> & { docs: Omit<RuleMeta['docs'], 'url'> };
  languages?: FileLanguage[];
  /** Called without its definition as `this` (createRule hands the function on alone). */
  create(this: void, context: RuleContext<MessageIds, Options>): RuleListener;
}

export interface NamedRule<MessageIds extends string = string, Options extends unknown[] = unknown[]>
  extends RuleModule<MessageIds, Options> {
  name: string;
}

export function createRule<MessageIds extends string, Options extends unknown[] = unknown[]>(
  def: RuleDefinition<MessageIds, Options>,
): NamedRule<MessageIds, Options> {
  return {
    name: def.name,
    meta: { ...def.meta, docs: { ...def.meta.docs, url: ruleDocUrl(def.name) } },
    languages: def.languages,
    create: def.create,
  };
}
