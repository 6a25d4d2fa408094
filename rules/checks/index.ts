/** Every built-in rule, by id. */
import type { RuleModule } from '../engine/types.js';
import noDllLoad from './no-dll-load.js';

const all = [noDllLoad];

export const builtinRules: ReadonlyMap<string, RuleModule> = new Map(
  all.map((rule) => [rule.name, rule as unknown as RuleModule]),
);
