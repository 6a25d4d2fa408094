import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter } from '../../engine/linter/linter.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';

/** Flags every call of `bad()` and fixes it to `good()`. */
const badCall: RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'no bad()', guideline: 'test', url: 'file:///x', recommended: true },
    messages: { bad: 'Call of {{name}}.' },
    fixable: 'code',
    schema: [],
  },
  create(context) {
    return {
      call_expression(node: Node) {
        const fn = node.childForFieldName('function')!;
        if (fn.text !== 'bad') return;
        context.report({ node: fn, messageId: 'bad', data: { name: fn.text }, fix: (f) => f.replaceText(fn, 'good') });
      },
    };
  },
};

/** Wraps `x;` statements in a block, twice over: the second wrap overlaps the first, so needs a second pass. */
const nestTwice: RuleModule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'nest', guideline: 'test', url: 'file:///x', recommended: false },
    messages: { nest: 'Nest it.' },
    fixable: 'code',
    schema: [],
  },
  create(context) {
    return {
      expression_statement(node: Node) {
        const depth = context.sourceCode.getText().split('{').length - 1;
        if (node.text !== 'x;' || depth >= 3) return;
        context.report({ node, messageId: 'nest', fix: (f) => [f.insertTextBefore(node, '{ '), f.insertTextAfter(node, ' }')] });
        context.report({ node, messageId: 'nest', fix: (f) => [f.insertTextBefore(node, '{ '), f.insertTextAfter(node, ' }')] });
      },
    };
  },
};

const throws: RuleModule = {
  meta: { type: 'problem', docs: { description: 't', guideline: 't', url: 'file:///x', recommended: true }, messages: { m: 'm' }, schema: [] },
  create() {
    return {
      call_expression() {
        throw new Error('boom');
      },
    };
  },
};

function config(rules: Record<string, 0 | 1 | 2>): ResolvedConfig {
  return {
    filePath: null,
    rules: Object.fromEntries(Object.entries(rules).map(([id, severity]) => [id, { severity, options: [] }])),
    settings: defaultSettings(),
    ignores: [],
    reportUnusedDisableDirectives: 1,
  };
}

let parser: CppParser;
beforeAll(async () => {
  parser = await CppParser.create();
});
afterAll(() => parser.delete());

const linterWith = (rules: Record<string, RuleModule>, onRuleError?: (id: string) => void) =>
  new Linter({ rules: new Map(Object.entries(rules)), parser, onRuleError });

describe('Linter', () => {
  it('reports with 1-based positions and the configured severity', () => {
    const messages = linterWith({ 'bad-call': badCall }).lintText('void f() {\r\n  bad();\r\n}\r\n', 'a.c', config({ 'bad-call': 1 }));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'bad-call', severity: 1, message: 'Call of bad.', line: 2, column: 3, endLine: 2, endColumn: 6 });
    expect(messages[0].fix).toEqual({ range: [14, 17], text: 'good' });
  });

  it('runs no rule that is off', () => {
    expect(linterWith({ 'bad-call': badCall }).lintText('void f() { bad(); }', 'a.c', config({ 'bad-call': 0 }))).toEqual([]);
  });

  it('keeps going when a rule throws, reports it once and tells the host', () => {
    const seen: string[] = [];
    const linter = linterWith({ 'bad-call': badCall, throws }, (id) => seen.push(id));
    const messages = linter.lintText('void f() { bad(); bad(); }', 'a.c', config({ 'bad-call': 2, throws: 2 }));
    expect(messages.filter((m) => m.ruleId === 'bad-call')).toHaveLength(2);
    expect(messages.filter((m) => m.fatal).map((m) => m.message)).toEqual(['Internal error in rule throws: boom']);
    expect(seen).toEqual(['throws']);
  });

  it('fixes in several passes until nothing changes, keeping CRLF', () => {
    const [r] = linterWith({ 'bad-call': badCall, nest: nestTwice }).fixModule(
      [{ filePath: 'a.c', text: 'void f() {\r\n  bad(); x;\r\n}\r\n' }],
      () => config({ 'bad-call': 2, nest: 2 }),
    );
    expect(r.fixed).toBe(true);
    expect(r.output).toBe('void f() {\r\n  good(); { { x; } }\r\n}\r\n');
    expect(r.messages).toEqual([]);
  });

  describe('inline directives', () => {
    const lint = (code: string) =>
      linterWith({ 'bad-call': badCall }).lintText(code, 'a.c', config({ 'bad-call': 2 })).map((m) => `${m.line}:${m.ruleId ?? '-'}:${m.message}`);

    it('disable-next-line, with a reason after --', () => {
      expect(lint('void f() {\n  // coinstaller-lint-disable-next-line bad-call -- vendor tool needs it\n  bad();\n}')).toEqual([]);
    });

    it('disable-line applies to its own line only', () => {
      expect(lint('void f() {\n  bad(); // coinstaller-lint-disable-line bad-call\n  bad();\n}')).toEqual(['3:bad-call:Call of bad.']);
    });

    it('block disable and enable', () => {
      const code = 'void f() {\n/* coinstaller-lint-disable bad-call */\n  bad();\n/* coinstaller-lint-enable bad-call */\n  bad();\n}';
      expect(lint(code)).toEqual(['5:bad-call:Call of bad.']);
    });

    it('a directive without rules disables every rule', () => {
      expect(lint('void f() { bad(); } // coinstaller-lint-disable-line')).toEqual([]);
    });

    it('a directive in a string is not a directive', () => {
      expect(lint('void f() { bad(); s("// coinstaller-lint-disable-line"); }')).toEqual(['1:bad-call:Call of bad.']);
    });

    it('reports a directive that disables nothing, and an unknown rule, with a fix removing it', () => {
      const linter = linterWith({ 'bad-call': badCall });
      const messages = linter.lintText('int x; // coinstaller-lint-disable-line bad-call\n', 'a.c', config({ 'bad-call': 2 }));
      expect(messages.map((m) => m.message)).toEqual([
        "Unused coinstaller-lint directive (no problems were reported from 'bad-call').",
      ]);
      expect(messages[0]).toMatchObject({ ruleId: null, severity: 1, line: 1, column: 8 });
      expect(messages[0].fix).toEqual({ range: [6, 48], text: '' });
      const unknown = linter.lintText('// coinstaller-lint-disable-next-line no-such-rule\nint x;\n', 'a.c', config({ 'bad-call': 2 }));
      expect(unknown.map((m) => m.message)).toEqual(["Unknown rule 'no-such-rule' in coinstaller-lint directive."]);
      expect(unknown[0].fix).toEqual({ range: [0, 51], text: '' });
    });

    it('reads directives in INF comments', () => {
      const linter = linterWith({ 'bad-call': badCall });
      const messages = linter.lintText('[Version]\r\nSignature="$Windows NT$" ; coinstaller-lint-disable-line bad-call\r\n', 'x.inf', config({ 'bad-call': 2 }));
      expect(messages.map((m) => `${m.line}:${m.column}`)).toEqual(['2:26']);
    });
  });
});
