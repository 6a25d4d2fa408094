/**
 * A rule typed with its own message ids and options is a RuleModule as createRule returns it: the
 * assignments below hold without a cast (tsc checks them with the tests: npm run typecheck), and
 * the linter hands the rule its options merged over meta.defaultOptions, as its type says.
 */
import { describe, expect, it } from 'vitest';
import { createRule } from '../../engine/linter/create-rule.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { builtinRules } from '../../rules/index.js';
import { RuleTester } from '../support/rule-tester.js';
import noDllLoad from '../../rules/no-dll-load.js';

interface Options {
  limit: number;
  label: string;
}

const typed = createRule<'tooMany' | 'note', [Options]>({
  name: 'typed-rule',
  meta: {
    type: 'problem',
    docs: { description: 'A typed rule for the test', guideline: 'none', recommended: false },
    messages: { tooMany: '{{label}}: more than {{limit}} parameters', note: 'unused' },
    schema: [{ type: 'object', properties: { limit: { type: 'integer' }, label: { type: 'string' } } }],
    defaultOptions: [{ limit: 2, label: 'default' }],
  },
  create(context) {
    const { limit, label } = context.options[0];
    return {
      parameter_list(node) {
        if (node.namedChildCount > limit) context.report({ node, messageId: 'tooMany', data: { limit, label } });
      },
    };
  },
});

// no cast: a typed rule, and a built-in one with options, are RuleModules
const asModule: RuleModule = typed;
const builtin: RuleModule = noDllLoad;

new RuleTester().run('typed-rule', asModule, {
  valid: ['void f(int a, int b) {}', { code: 'void f(int a, int b, int c) {}', options: [{ limit: 3 }] }],
  invalid: [
    {
      name: 'the default options',
      code: 'void f(int a, int b, int c) {}',
      errors: [{ messageId: 'tooMany', data: { limit: 2, label: 'default' }, line: 1, column: 7 }],
    },
    {
      name: 'an option given, the other from the defaults',
      code: 'void f(int a, int b) {}',
      options: [{ limit: 1 }],
      errors: [{ messageId: 'tooMany', message: 'default: more than 1 parameters', line: 1, column: 7 }],
    },
  ],
});

describe('builtinRules', () => {
  it('holds each rule as createRule returned it, under its name', () => {
    expect(builtinRules.get('no-dll-load')).toBe(builtin);
  });
});
