/**
 * Adversarial keystrokes for the one-function relint (engine/incremental/function-relint.ts) that
 * change what the text around the statement that sets the flag lexes as: a // comment, a string,
 * a character literal, an escaped quote, a / * pair, an identifier, an #if; and the unit cases of
 * isFixNeutralEdit (engine/incremental/fix-neutral-edit.ts) at those boundaries.
 * Each case types into a module while the Editor (test/server/support/relint-editor.ts) compares
 * every version of every open file with a lint from scratch; where a case states how many
 * keystrokes were relinted, that is what makes it bite: the fast path ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFixNeutralEdit } from '../../engine/incremental/fix-neutral-edit.js';
import { differingRegion } from '../../engine/text/text-shift.js';
import { finishBranchModule, relintWorld, type RelintWorld } from './support/relint-editor.js';
import { editing } from './support/relint-scenario.js';

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

describe('adversarial keystrokes against a lint from scratch: comments, strings and tokens', { timeout: 60_000 }, () => {
  it('a line feed deleted at the end of a // comment comments out the statement that set the flag', () => {
    const source = finishBranchModule(['    // note', '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('// note') + '// note'.length;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, '\n');
    });
  });

  it('a line feed typed into a // comment brings the statement that sets the flag into the code', () => {
    const source = finishBranchModule(['    // note params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('// note ') + '// note '.length;
      editor.type(file, at, 0, '\n');
      editor.type(file, at, 1, '');
    });
  });

  it('a space typed between a non-ASCII letter and the flag splits one identifier in two', () => {
    const source = finishBranchModule(['    params.FlagsEx |= \u00e9DI_FLAGSEX_FINISHINSTALL_ACTION;']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('\u00e9DI_') + 1;
      editor.type(file, at, 0, ' ');
      editor.type(file, at, 1, '');
    });
  });

  it('digits typed into an #if around the statement that sets the flag', () => {
    const source = finishBranchModule(['#if 1', '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;', '#endif']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('#if 1') + '#if '.length;
      for (const [removed, digit] of [[1, '0'], [0, '0'], [0, '1'], [3, '0'], [1, '2'], [1, '1']] as const) editor.type(file, at, removed, digit);
    });
  });

  it('a line feed typed into a string turns the rest of the line, the flag included, into a string', () => {
    const source = finishBranchModule(['    const char *s = "x"; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; s = "y";']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('"x"') + 1;
      editor.type(file, at, 0, '\n');
      editor.type(file, at, 1, '');
    });
  });

  it('the space of a character literal deleted before the statement that sets the flag', () => {
    const source = finishBranchModule(["    char c = ' '; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; c = 'x';"]);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf("' '") + 1;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, ' ');
      editor.type(file, at, 0, '\t');
      // a digit in the character literal, then deleted
      editor.type(file, at, 2, '1');
      editor.type(file, at, 1, '');
    });
  });

  it('a space deleted between a backslash and a double quote escapes the quote: the string runs over the flag', () => {
    const source = finishBranchModule(['    const char *s = "a\\ "; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; s = "b";']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('"a\\ "') + 3;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, ' ');
    });
  });

  it('a space deleted between / and * opens a comment over the statement that set the flag', () => {
    const source = finishBranchModule(['    int v = 4 / *p; params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; /* x */ ;']);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const at = source.indexOf('4 / *p') + '4 /'.length;
      editor.type(file, at, 1, '');
      editor.type(file, at, 0, ' ');
    });
  });
});

describe('isFixNeutralEdit and comment boundaries', () => {
  const neutral = (before: string, after: string) => isFixNeutralEdit(before, after, differingRegion(before, after));
  it('refuses a line feed on a line with a // comment, a directive or a backslash', () => {
    expect(neutral('f(); // a\ng();', 'f(); // a g();'), 'joined into the comment').toBe(false);
    expect(neutral('f(); // a g();', 'f(); // a\ng();'), 'split out of the comment').toBe(false);
    expect(neutral('#define A 1\nint b;', '#define A 1 int b;')).toBe(false);
    expect(neutral('#define A(x) x \\\n + 1', '#define A(x) x \\\n\n + 1')).toBe(false);
    expect(neutral('f();\ng();', 'f();\n\ng();'), 'plain code lines').toBe(true);
  });
  it('refuses blanks or digits that split or join /*, */ or //', () => {
    expect(neutral('x = 4 / *p;', 'x = 4 /*p;')).toBe(false);
    expect(neutral('x = 4 /*p;', 'x = 4 / *p;')).toBe(false);
    expect(neutral('x = 4 /1*p;', 'x = 4 /*p;')).toBe(false);
    expect(neutral('a / /b', 'a //b')).toBe(false);
    expect(neutral('a * /b', 'a */b')).toBe(false);
    expect(neutral('x = 4 / p;', 'x = 4 /  p;'), 'a division is no comment').toBe(true);
  });
  it('refuses blanks or digits next to a single quote', () => {
    expect(neutral("c = ' ';", "c = '';")).toBe(false);
    expect(neutral("c = '1';", "c = '';")).toBe(false);
    expect(neutral("c = '';", "c = '\t';")).toBe(false);
    expect(neutral('s = "a\\ ";', 's = "a\\";'), 'an escaped double quote').toBe(false);
    expect(neutral('s = "a" ;', 's = "a";'), 'next to a double quote').toBe(false);
    expect(neutral('s = "a b";', 's = "a  b";'), 'inside a string, away from its quotes').toBe(true);
  });
  it('reads non-ASCII characters and $ as parts of a word', () => {
    expect(neutral('x = \u00e9FLAG;', 'x = \u00e9 FLAG;')).toBe(false);
    expect(neutral('x = a$b;', 'x = a $b;')).toBe(false);
    expect(neutral('x = \u00e9;', 'x = \u00e91;')).toBe(false);
    expect(neutral('x = 1; /* \u00e9 */', 'x = 12; /* \u00e9 */')).toBe(true);
  });
});
