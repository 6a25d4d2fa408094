/**
 * The acceptance of every fix and suggestion (test/support/fix-acceptance.ts) on the rule
 * fixtures (test/fixtures/rules/<rule>/: each file a module of its own, since a folder holds the
 * before and after versions of the same code), as written and with CRLF line endings.
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixAcceptance, filesUnder, loadModule, variantOf, VARIANTS } from '../support/fix-acceptance.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rules');
const harness = await FixAcceptance.create();

const files = filesUnder(FIXTURES, (p) => /\.(c|cpp)$/i.test(p));
const cases = files.flatMap((p) => VARIANTS.map((v) => harness.describeModule(variantOf(loadModule(relative(FIXTURES, p), join(p, '..'), [p]), v), { mustCompile: true })));

describe('the rule fixtures have fixes to check', () => {
  it('finds the fixtures of the four rules with fixture folders, and their fixes and suggestions', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    const rules = new Set(cases.flat().map((c) => `${c.ruleId} ${c.kind}`));
    for (const r of [
      'no-ui-outside-finish-install fix',
      'no-ui-outside-finish-install suggestion',
      'no-process-outside-finish-install suggestion',
      'no-interactive-windowstation-error fix',
      'wait-for-finish-install-process fix',
    ]) {
      expect(rules).toContain(r);
    }
  });
});
