/**
 * The acceptance of every fix and suggestion (test/support/fix-acceptance.ts) on the C modules of
 * test/fixtures/fixes compiled and linted as C++ (their .c files renamed .cpp, compiled with g++),
 * as written (LF) and with CRLF line endings; with the C++ modules of the folder, they exercise
 * every rule that has a fix or a suggestion in C++.
 */
import { describe, expect, it } from 'vitest';
import { ALL_VARIANTS, FixAcceptance, variantOf } from '../support/fix-acceptance.js';
import { fixModules, uncovered } from '../support/fix-modules.js';

const harness = await FixAcceptance.create();
const cppVariants = ALL_VARIANTS.filter((v) => v.language === 'c++');
// the modules written in C++ are run as named by fix-modules-c.test.ts; here the C ones, as C++
const cModules = fixModules((m) => m.files.some((f) => f.filePath.endsWith('.c')));
const cppModules = fixModules((m) => m.files.some((f) => f.filePath.endsWith('.cpp')));
const byVariant = cppVariants.map((v) => cModules.flatMap((m) => harness.describeModule(variantOf(m, v), { mustCompile: true })));

describe('the modules cover every rule with a fix or suggestion in C++', () => {
  it.each(cppVariants.map((v, i) => [v.lineEndings, i] as const))('every fix and suggestion kind of every rule has a case in C++, line endings %s', (_name, i) => {
    const written = cppModules.flatMap((m) => harness.editCases(variantOf(m, cppVariants[i])));
    expect(uncovered([...byVariant[i], ...written])).toEqual([]);
  });
});
