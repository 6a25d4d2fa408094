/**
 * What the one-function relint (engine/incremental/function-relint.ts) hands back compared with a
 * lint from scratch: a rule that throws, a rule listening to Program and to nodes, the order of
 * messages at equal ranges, the maxFileSize notice.
 * Each case types into a module while the Editor (test/server/support/relint-editor.ts) compares
 * every version of every open file with a lint from scratch; where a case states how many
 * keystrokes were relinted, that is what makes it bite: the fast path ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { Editor, relintService, relintWorld, type RelintWorld } from './support/relint-editor.js';
import { ALL_RULES_CONFIG, scenario, WORK } from './support/relint-scenario.js';
import { tempWorkspace } from './support/workspace.js';

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

describe('adversarial keystrokes against a lint from scratch: rules and limits', { timeout: 60_000 }, () => {
  it('a rule that throws on a number typed in one function, and one listening to Program and to nodes', () => {
    const meta: RuleModule['meta'] = { type: 'problem', docs: { description: 't', guideline: 't', url: 'file:///x', recommended: true }, messages: { m: 'number {{n}}' }, schema: [] };
    // reports every number; throws on 13
    const numbers: RuleModule = {
      meta,
      create: (context) => ({
        number_literal(node) {
          if (node.text === '13') throw new Error('thirteen');
          context.report({ node, messageId: 'm', data: { n: node.text } });
        },
      }),
    };
    // counts the numbers of the file in Program and reports each with the count seen so far
    const counting: RuleModule = {
      meta,
      create: (context) => {
        let seen = 0;
        return {
          Program() {
            seen = 0;
          },
          number_literal(node) {
            seen++;
            context.report({ node, messageId: 'm', data: { n: String(seen) } });
          },
        };
      },
    };
    const rules = new Map<string, RuleModule>([...builtinRules, ['test-numbers', numbers], ['test-counting', counting]]);
    const source = scenario(WORK);
    const ws = tempWorkspace({ 'coinstaller-lint.json': '{ "extends": "all", "rules": { "test-numbers": "error", "test-counting": "error" } }\n', 'co.c': source });
    const editor = new Editor(world, ws, [ws.path('co.c')], rules);
    try {
      const file = ws.path('co.c');
      expect(editor.messagesOf(file).some((m) => m.ruleId === 'test-numbers')).toBe(true);
      const at = source.indexOf('value = 3 + 4;') + 'value = '.length;
      editor.type(file, at, 1, '13');
      // another function typed into while the rule fails
      const sleep = editor.texts.get(file)!.indexOf('Sleep(10)') + 'Sleep(1'.length;
      editor.type(file, sleep, 0, '5');
      editor.type(file, at, 2, '3');
      editor.type(file, editor.texts.get(file)!.indexOf('Sleep(150)') + 'Sleep(1'.length, 1, '');
      expect(editor.messagesOf(file).some((m) => m.fatal)).toBe(false);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  it('at equal ranges, messages keep the order of a lint of the whole file: the walk\'s, then Program:exit\'s', () => {
    const meta: RuleModule['meta'] = { type: 'problem', docs: { description: 't', guideline: 't', url: 'file:///x', recommended: true }, messages: { m: '{{who}} saw {{n}}' }, schema: [] };
    // the same number reported from the walk and from Program:exit
    const walking: RuleModule = { meta, create: (context) => ({ number_literal: (node) => context.report({ node, messageId: 'm', data: { who: 'walk', n: node.text } }) }) };
    const atExit: RuleModule = {
      meta,
      create: (context) => ({
        'Program:exit'(root) {
          for (const node of root.descendantsOfType('number_literal')) if (node) context.report({ node, messageId: 'm', data: { who: 'exit', n: node.text } });
        },
      }),
    };
    // Program:exit listed first: a lint of the whole file still puts the walk's message first
    const rules = new Map<string, RuleModule>([...builtinRules, ['test-exit', atExit], ['test-walk', walking]]);
    const source = scenario(WORK);
    const ws = tempWorkspace({ 'coinstaller-lint.json': '{ "extends": "all", "rules": { "test-exit": "error", "test-walk": "error" } }\n', 'co.c': source });
    const editor = new Editor(world, ws, [ws.path('co.c')], rules);
    try {
      const file = ws.path('co.c');
      const at = source.indexOf('value = 3 + 4;') + 'value = '.length;
      editor.type(file, at, 0, '1');
      editor.type(file, at, 1, '');
      expect(editor.relints).toBe(2);
      const numbers = editor.messagesOf(file).filter((m) => m.ruleId === 'test-walk' || m.ruleId === 'test-exit');
      expect(numbers.length).toBeGreaterThan(4);
      for (let i = 0; i + 1 < numbers.length; i += 2) expect([numbers[i].ruleId, numbers[i + 1].ruleId]).toEqual(['test-walk', 'test-exit']);
    } finally {
      editor.dispose();
      ws.remove();
    }
  });

  // relintedFunction and shiftedOverCommentEdit (engine/incremental/function-relint.ts,
  // comment-edit-shift.ts) check the new text's size against maxFileSize as the full lint does
  for (const [where, anchor] of [
    ['code (the one-function relint)', 'value = 3'],
    ['a comment (results moved over it)', '/* note'],
  ] as const) {
    it(`a keystroke in ${where} that takes the file over coinstallerLint.maxFileSize gives the notice a full lint gives`, () => {
      const source = scenario(WORK);
      const ws = tempWorkspace({ ...ALL_RULES_CONFIG, 'co.c': source });
      const file = ws.path('co.c');
      const { lint, dispose } = relintService(world, ws, builtinRules, Buffer.byteLength(source, 'utf8'));
      try {
        lint.open(file, source, 1);
        expect(lint.lint(file).notice).toBeUndefined();
        expect(lint.lint(file).messages.length).toBeGreaterThan(0);
        const at = source.indexOf(anchor) + anchor.length;
        lint.update(file, [{ range: [at, at], text: '1' }], 2);
        const over = lint.lint(file);
        expect(over.notice?.message ?? '').toMatch(/maxFileSize/);
        expect(over.messages).toEqual([]);
      } finally {
        dispose();
        ws.remove();
      }
    });
  }
});
