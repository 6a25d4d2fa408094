/** Small rule modules for the config tests: their shape, not their findings, matters here. */
import type { RuleModule } from '../../engine/linter/types.js';

function rule(type: 'problem' | 'suggestion', recommended: boolean, schema: RuleModule['meta']['schema'], defaultOptions?: unknown[]): RuleModule {
  return {
    meta: {
      type,
      docs: { description: `a ${type}`, guideline: 'test', url: 'https://example.invalid/rule', recommended },
      messages: { m: 'message' },
      schema,
      ...(defaultOptions ? { defaultOptions } : {}),
    },
    create: () => ({}),
  };
}

/**
 * - no-ui-call: recommended problem with an options object { strict?: boolean, apis?: string[] }
 * - prefer-finish-install: recommended suggestion, no options
 * - no-exotic: not recommended problem, options: one of "a" | "b"
 * - style-hint: not recommended suggestion, no options
 */
export function fakeRules(): ReadonlyMap<string, RuleModule> {
  return new Map<string, RuleModule>([
    [
      'no-ui-call',
      rule(
        'problem',
        true,
        [{ type: 'object', properties: { strict: { type: 'boolean' }, apis: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
        [{ strict: false, apis: [] }],
      ),
    ],
    ['prefer-finish-install', rule('suggestion', true, [])],
    ['no-exotic', rule('problem', false, [{ enum: ['a', 'b'] }], ['a'])],
    ['style-hint', rule('suggestion', false, [])],
  ]);
}
