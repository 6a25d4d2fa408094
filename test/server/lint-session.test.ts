/** The lint session in-process, as the server makes it: rule failures logged once, caching by version, module re-use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import type { RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { createLintSession } from '../../engine/incremental/lint-session.js';
import { ConfigStore } from '../../server/config/config-store.js';
import { Logger } from '../../server/logger.js';
import { defaultServerSettings } from '../../server/protocol/settings.js';
import { logRuleError } from '../../server/session.js';
import { tempWorkspace, type TempWorkspace } from './support/workspace.js';

const docs = { description: 'd', guideline: 'g', url: 'file:///x', recommended: true };
const badCall: RuleModule = {
  meta: { type: 'problem', docs, messages: { bad: 'bad() called.' }, schema: [] },
  create: (context) => ({
    call_expression(node: Node) {
      const fn = node.childForFieldName('function')!;
      if (fn.text === 'bad') context.report({ node: fn, messageId: 'bad' });
    },
  }),
};
const throws: RuleModule = {
  meta: { type: 'problem', docs, messages: { m: 'm' }, schema: [] },
  create: () => ({
    call_expression() {
      throw new Error('boom');
    },
  }),
};

let parser: CppParser;
let ws: TempWorkspace;
beforeAll(async () => {
  parser = await CppParser.create();
  ws = tempWorkspace({ 'a.c': 'void f(void) { bad(); }\n', 'b.c': 'void g(void) { }\n' });
});
afterAll(() => {
  parser.delete();
  ws.remove();
});

function service(logs: string[]) {
  const rules = new Map([
    ['bad-call', badCall],
    ['throws', throws],
  ]);
  const configs = new ConfigStore(rules);
  configs.setFolders([ws.root]);
  configs.setSettings(null, defaultServerSettings());
  const logger = new Logger((_type, message) => logs.push(message), () => 'off');
  return createLintSession({
    rules,
    parser,
    configs,
    maxReadBytes: () => 1 << 20,
    onRuleError: (ruleId, filePath, error) => logRuleError(logger, ruleId, filePath, error),
    modelProvider: () => ({}),
    locateModule: () => ({ root: ws.root, files: [ws.path('a.c'), ws.path('b.c')] }),
  });
}

describe('LintSession', () => {
  it('logs a throwing rule once, and the other rules still report', () => {
    const logs: string[] = [];
    const lint = service(logs);
    lint.open(ws.path('a.c'), 'void f(void) { bad(); }\n', 1);
    const first = lint.lint(ws.path('a.c'));
    expect(first.messages.filter((m) => m.ruleId === 'bad-call').map((m) => m.range)).toEqual([[15, 18]]);
    expect(first.messages.find((m) => m.ruleId === 'throws')?.message).toMatch(/Internal error in rule throws: boom/);
    lint.update(ws.path('a.c'), 'void f(void) { bad(); bad(); }\n', 2);
    const second = lint.lint(ws.path('a.c'));
    expect(second.messages.filter((m) => m.ruleId === 'bad-call')).toHaveLength(2);
    expect(logs.filter((l) => l.includes('Rule throws failed'))).toHaveLength(1);
    lint.dispose();
  });

  it('reuses the cached result while nothing changed, and re-lints after an edit or a change on disk', () => {
    const lint = service([]);
    lint.open(ws.path('a.c'), 'void f(void) { bad(); }\n', 1);
    const first = lint.lint(ws.path('a.c'));
    expect(lint.lint(ws.path('a.c'))).toBe(first);
    expect(lint.stats().moduleLints).toBe(1);
    lint.update(ws.path('a.c'), [{ range: [0, 0], text: '\n' }], 2);
    const second = lint.lint(ws.path('a.c'));
    expect(second.version).toBe(2);
    expect(second.resultId).not.toBe(first.resultId);
    lint.filesChanged([ws.path('b.c')], false);
    lint.lint(ws.path('a.c'));
    expect(lint.stats().moduleLints).toBe(3);
    // Both files parsed fully once; the edited one incrementally after that; b.c again after its change.
    expect(lint.stats().parses).toEqual({ full: 3, incremental: 1 });
    lint.dispose();
  });

  it('after a workspace lint of every file, a keystroke lints (reports) the open file only', () => {
    const lint = service([]);
    const a = ws.path('a.c');
    const b = ws.path('b.c');
    expect([...lint.lintModule(a, [a, b]).files.keys()].sort()).toEqual([a, b]);
    lint.open(a, 'void f(void) { bad(); }\n', 1);
    lint.update(a, [{ text: 'void f(void) { bad(); bad(); }\n' }], 2);
    const module = lint.lintModule(a, [a]);
    expect([...module.files.keys()]).toEqual([a]);
    expect(module.files.get(a)!.messages.filter((m) => m.ruleId === 'bad-call')).toHaveLength(2);
    lint.dispose();
  });
});
