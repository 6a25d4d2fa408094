/**
 * The acceptance of every fix and suggestion (test/support/fix-acceptance.ts) on the compilable
 * modules of test/fixtures/fixes, as they are named (C in .c files, C++ in .cpp files), as
 * written (LF) and with CRLF line endings. Between them they exercise every rule that has a fix
 * or a suggestion, in each line ending.
 */
import { describe, expect, it } from 'vitest';
import { FixAcceptance, variantOf, VARIANTS } from '../support/fix-acceptance.js';
import { editKindsByRule, fixModules, uncovered } from '../support/fix-modules.js';

const harness = await FixAcceptance.create();
const modules = fixModules();
const byVariant = VARIANTS.map((v) => modules.flatMap((m) => harness.describeModule(variantOf(m, v), { mustCompile: true })));

describe('the added modules cover every rule with a fix or suggestion', () => {
  it('knows the rules with fixes and suggestions (eight at least, one with both)', () => {
    const kinds = editKindsByRule();
    expect(kinds.size).toBeGreaterThanOrEqual(8);
    expect(kinds.get('no-ui-outside-finish-install')).toEqual(['fix', 'suggestion']);
  });
  it.each(VARIANTS.map((v, i) => [v.lineEndings, i] as const))('every fix and suggestion kind of every rule has a case, line endings %s', (_name, i) => {
    expect(uncovered(byVariant[i])).toEqual([]);
  });
  it('has C++ modules of its own (.cpp) besides the C ones', () => {
    expect(modules.filter((m) => m.files.some((f) => f.filePath.endsWith('.cpp'))).length).toBeGreaterThanOrEqual(1);
    expect(modules.filter((m) => m.files.some((f) => f.filePath.endsWith('.c'))).length).toBeGreaterThanOrEqual(8);
  });
});
