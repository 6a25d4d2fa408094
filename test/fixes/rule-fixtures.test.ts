/**
 * The acceptance of every fix and suggestion (test/support/fix-acceptance.ts) on the rule
 * fixtures (test/fixtures/rules/<rule>/: each file a module of its own, since a folder holds the
 * before and after versions of the same code) and the C fixtures of other test folders (the
 * parser's, the editor end-to-end test's), as written and with CRLF line endings.
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixAcceptance, filesUnder, loadModule, variantOf, VARIANTS } from '../support/fix-acceptance.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rules');
const harness = await FixAcceptance.create();

const TEST = join(import.meta.dirname, '..');
const source = (p: string) => /\.(c|cpp)$/i.test(p);
const files = filesUnder(FIXTURES, source);
const others = [join(TEST, 'parsing', 'fixtures'), join(TEST, 'e2e', 'fixtures')].flatMap((folder) => filesUnder(folder, source));
const oneFileModule = (root: string, p: string) => loadModule(relative(root, p), join(p, '..'), [p]);
const cases = [...files.map((p) => oneFileModule(FIXTURES, p)), ...others.map((p) => oneFileModule(TEST, p))].flatMap((m) =>
  VARIANTS.map((v) => harness.describeModule(variantOf(m, v), { mustCompile: true })),
);

describe('the rule fixtures have fixes to check', () => {
  it('finds the fixtures of the four rules with fixture folders, and their fixes and suggestions', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(others.map((p) => relative(TEST, p))).toContain(join('e2e', 'fixtures', 'finish-install-demo', 'coinstaller.c'));
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
