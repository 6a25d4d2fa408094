import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { applyModuleFixes } from '../../engine/linter/apply-fixes.js';
import { mergeFixes } from '../../engine/linter/fixer.js';
import { Linter, type ModuleFileInput } from '../../engine/linter/linter.js';
import type { ModuleFilesService, RuleEdit, RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';

const docs = { description: 'test', guideline: 'test', url: 'file:///x', recommended: true };

/**
 * `move(N);` in any file but b.cpp moves into b.cpp, before the `/* here *\/` comment: one edit in
 * the reported file (the statement removed), one in b.cpp (inserted). Titled with fixMessageId.
 */
const moveToB: RuleModule = {
  meta: { type: 'problem', docs, messages: { found: 'move() here.', title: 'Move move({{n}}) to b.cpp' }, fixable: 'code', schema: [] },
  create(context) {
    return {
      expression_statement(node: Node) {
        const m = /^move\((\d+)\);$/.exec(node.text);
        if (!m || context.filePath === 'b.cpp') return;
        context.report({
          node,
          messageId: 'found',
          fixMessageId: 'title',
          fixData: { n: m[1] },
          fix: (f): RuleEdit[] => {
            const b = context.services.files!.sourceCodeOf('b.cpp')!;
            const at = b.text.indexOf('/* here */');
            return [f.remove(node), { ...f.insertTextBeforeRange([at, at], `move(${m[1]}); `), filePath: 'b.cpp' }];
          },
        });
      },
    };
  },
};

/** `rename();` in a.c renames `old_name` in b.cpp to `new_name`: a fix with no edit in the reported file. */
const renameInB: RuleModule = {
  meta: { type: 'problem', docs, messages: { found: 'rename() here.' }, fixable: 'code', schema: [] },
  create(context) {
    return {
      expression_statement(node: Node) {
        if (node.text !== 'rename();') return;
        const b = context.services.files!.sourceCodeOf('b.cpp')!;
        const at = b.text.indexOf('old_name');
        if (at < 0) return;
        context.report({ node, messageId: 'found', fix: () => ({ range: [at, at + 'old_name'.length], text: 'new_name', filePath: 'b.cpp' }) });
      },
    };
  },
};

/** `stray();` reports a fix in a file the module does not have: a bug in the rule. */
const stray: RuleModule = {
  meta: { type: 'problem', docs, messages: { found: 'stray() here.' }, fixable: 'code', schema: [] },
  create(context) {
    return {
      expression_statement(node: Node) {
        if (node.text === 'stray();') context.report({ node, messageId: 'found', fix: () => ({ range: [0, 0], text: 'x', filePath: 'c.c' }) });
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

const rules = { 'move-to-b': moveToB, 'rename-in-b': renameInB, stray };
const linter = () => new Linter({ rules: new Map(Object.entries(rules)), parser });
const all = () => config({ 'move-to-b': 2, 'rename-in-b': 2, stray: 2 });

describe('mergeFixes with other files', () => {
  const files = { filePath: 'a.c', textOf: (p: string) => (p === 'b.cpp' ? 'int b;' : undefined) };

  it('groups the edits by file: the own file merged, the others sorted in otherFiles', () => {
    const fix = mergeFixes(
      [
        { range: [4, 5], text: 'c', filePath: 'b.cpp' },
        { range: [2, 3], text: 'X' },
        { range: [0, 0], text: '// ', filePath: 'b.cpp' },
        { range: [0, 1], text: 'Y', filePath: 'a.c' },
      ],
      'abcd',
      files,
    );
    expect(fix).toEqual({
      range: [0, 3],
      text: 'YbX',
      edits: [
        { range: [0, 1], text: 'Y' },
        { range: [2, 3], text: 'X' },
      ],
      otherFiles: [
        {
          filePath: 'b.cpp',
          edits: [
            { range: [0, 0], text: '// ' },
            { range: [4, 5], text: 'c' },
          ],
        },
      ],
    });
  });

  it('a fix of another file only has the empty own edit', () => {
    expect(mergeFixes({ range: [4, 5], text: 'c', filePath: 'b.cpp' }, 'abcd', files)).toEqual({
      range: [0, 0],
      text: '',
      otherFiles: [{ filePath: 'b.cpp', edits: [{ range: [4, 5], text: 'c' }] }],
    });
  });

  it('checks other files’ ranges against their own texts, and refuses files outside the module', () => {
    // 'int b;' has 6 characters: [5, 7] is past its end although 'abcdefgh' is longer
    expect(() => mergeFixes({ range: [5, 7], text: '', filePath: 'b.cpp' }, 'abcdefgh', files)).toThrow(/invalid range \[5, 7\] in b.cpp/);
    expect(() => mergeFixes({ range: [0, 0], text: '', filePath: 'c.c' }, 'abcd', files)).toThrow(/c.c, which is not a file of the module/);
    expect(() => mergeFixes({ range: [0, 0], text: '', filePath: 'b.cpp' }, 'abcd')).toThrow(/not a file of the module/);
  });

  it('refuses overlapping edits within another file', () => {
    expect(() =>
      mergeFixes(
        [
          { range: [0, 3], text: '', filePath: 'b.cpp' },
          { range: [2, 4], text: '', filePath: 'b.cpp' },
        ],
        'abcd',
        files,
      ),
    ).toThrow(/overlapping/);
  });
});

describe('applyModuleFixes', () => {
  const texts = new Map([
    ['a.c', 'aaaa'],
    ['b.cpp', 'bbbb'],
  ]);

  it('applies a cross-file fix whole, or defers all of it when one of its edits conflicts in any file', () => {
    const first = { filePath: 'a.c', fix: { range: [0, 1] as const, text: 'A', otherFiles: [{ filePath: 'b.cpp', edits: [{ range: [1, 2] as const, text: 'B' }] }] } };
    // no conflict in a.c ([3, 4] is clear of [0, 1]), but [2, 3] in b.cpp touches [1, 2]
    const second = { filePath: 'a.c', fix: { range: [3, 4] as const, text: 'Z', otherFiles: [{ filePath: 'b.cpp', edits: [{ range: [2, 3] as const, text: 'Q' }] }] } };
    const r = applyModuleFixes(texts, [second, first]);
    expect(r.applied).toEqual([first]);
    expect(r.deferred).toEqual([second]);
    expect(r.outputs).toEqual(
      new Map([
        ['a.c', 'Aaaa'],
        ['b.cpp', 'bBbb'],
      ]),
    );
  });

  it('never applies a fix that edits a file outside the texts', () => {
    const fix = { filePath: 'a.c', fix: { range: [0, 0] as const, text: '', otherFiles: [{ filePath: 'c.c', edits: [{ range: [0, 0] as const, text: 'x' }] }] } };
    expect(applyModuleFixes(texts, [fix])).toEqual({ outputs: new Map(), applied: [], deferred: [] });
  });
});

describe('Linter: cross-file fixes', () => {
  const module = (crlf: boolean, bReported = true): ModuleFileInput[] => {
    const eol = crlf ? '\r\n' : '\n';
    return [
      { filePath: 'a.c', text: `void f(void)${eol}{${eol}    move(1);${eol}    rename();${eol}}${eol}` },
      { filePath: 'b.cpp', text: `void g()${eol}{${eol}    int old_name = 0; /* here */${eol}}${eol}`, report: bReported },
    ];
  };

  for (const crlf of [false, true]) {
    const eol = crlf ? '\r\n' : '\n';
    describe(crlf ? 'CRLF' : 'LF', () => {
      it('reports the fix of a.c with its edits in b.cpp, titled from fixMessageId', () => {
        const [a] = linter().lintModule(module(crlf), all);
        const move = a.messages.find((m) => m.ruleId === 'move-to-b')!;
        const bText = module(crlf)[1].text;
        const here = bText.indexOf('/* here */');
        // the statement 'move(1);' starts after 'void f(void)' EOL '{' EOL and four spaces
        const start = 'void f(void)'.length + eol.length + 1 + eol.length + 4;
        expect(move.fix).toEqual({
          range: [start, start + 'move(1);'.length],
          text: '',
          desc: 'Move move(1) to b.cpp',
          otherFiles: [{ filePath: 'b.cpp', edits: [{ range: [here, here], text: 'move(1); ' }] }],
        });
        const rename = a.messages.find((m) => m.ruleId === 'rename-in-b')!;
        const at = bText.indexOf('old_name');
        expect(rename.fix).toEqual({ range: [0, 0], text: '', otherFiles: [{ filePath: 'b.cpp', edits: [{ range: [at, at + 8], text: 'new_name' }] }] });
      });

      it('fixModule writes both files and is idempotent', () => {
        const results = linter().fixModule(module(crlf), all);
        const a = results.find((r) => r.filePath === 'a.c')!;
        const b = results.find((r) => r.filePath === 'b.cpp')!;
        expect(a.fixed).toBe(true);
        expect(a.output).toBe(`void f(void)${eol}{${eol}    ${eol}    rename();${eol}}${eol}`);
        expect(b.fixed).toBe(true);
        expect(b.output).toBe(`void g()${eol}{${eol}    int new_name = 0; move(1); /* here */${eol}}${eol}`);
        expect(a.messages.filter((m) => m.ruleId !== null)).toEqual([]);
        const again = linter().fixModule(
          results.map((r) => ({ filePath: r.filePath, text: r.output })),
          all,
        );
        expect(again.every((r) => !r.fixed)).toBe(true);
      });

      it('defers the second of two fixes inserting at one place in b.cpp to the next pass', () => {
        const inputs = module(crlf);
        inputs[0] = { filePath: 'a.c', text: `void f(void)${eol}{${eol}    move(1);${eol}    move(2);${eol}}${eol}` };
        const results = linter().fixModule(inputs, () => config({ 'move-to-b': 2 }));
        // move(1) first (by position); move(2) conflicts at /* here */ and goes in the second pass
        expect(results.find((r) => r.filePath === 'b.cpp')!.output).toBe(`void g()${eol}{${eol}    int old_name = 0; move(1); move(2); /* here */${eol}}${eol}`);
        expect(results.find((r) => r.filePath === 'a.c')!.output).toBe(`void f(void)${eol}{${eol}    ${eol}    ${eol}}${eol}`);
      });

      it('a fix touching a file the lint does not report is a suggestion, titled, and fixModule leaves it', () => {
        const inputs = module(crlf, false);
        const [a] = linter().lintModule(inputs, all);
        const move = a.messages.find((m) => m.ruleId === 'move-to-b')!;
        expect(move.fix).toBeUndefined();
        expect(move.suggestions).toHaveLength(1);
        expect(move.suggestions![0]).toMatchObject({ desc: 'Move move(1) to b.cpp', messageId: 'title' });
        expect(move.suggestions![0].fix.otherFiles![0].filePath).toBe('b.cpp');
        // without a title, the suggestion says what the finding says
        expect(a.messages.find((m) => m.ruleId === 'rename-in-b')!.suggestions![0].desc).toBe('rename() here.');
        const fixed = linter().fixModule(inputs, all);
        expect(fixed.map((r) => [r.filePath, r.fixed])).toEqual([['a.c', false]]);
      });
    });
  }

  it('a file read only for the model but marked editable keeps the fix a fix (the language server’s lints)', () => {
    const inputs = module(false, false).map((i) => ({ ...i, editable: true }));
    const [a] = linter().lintModule(inputs, all);
    expect(a.messages.find((m) => m.ruleId === 'move-to-b')!.fix!.desc).toBe('Move move(1) to b.cpp');
    expect(a.messages.find((m) => m.ruleId === 'move-to-b')!.suggestions).toBeUndefined();
  });

  it('a fix in a file outside the module is the rule’s internal error', () => {
    const [a] = linter().lintModule([{ filePath: 'a.c', text: 'void f(void) { stray(); }' }], all);
    expect(a.messages.map((m) => [m.ruleId, m.fatal, m.message])).toEqual([['stray', true, 'Internal error in rule stray: a fix edits c.c, which is not a file of the module']]);
  });

  it('services.files lists the module, says which files are editable, and is closed once the lint returns', () => {
    let seen: ModuleFilesService | undefined;
    let during: string | undefined;
    const spy: RuleModule = {
      meta: { type: 'problem', docs, messages: { m: 'm' }, schema: [] },
      create(context) {
        seen = context.services.files;
        during = seen?.sourceCodeOf('b.cpp')?.text;
        return {};
      },
    };
    const l = new Linter({ rules: new Map([['spy', spy]]), parser });
    const { services } = l.lintModuleWithServices(module(false, false), () => config({ spy: 2 }));
    expect(during).toBe(module(false)[1].text);
    expect(services.files).toBe(seen);
    expect(seen!.filePaths).toEqual(['a.c', 'b.cpp']);
    expect([seen!.isEditable('a.c'), seen!.isEditable('b.cpp')]).toEqual([true, false]);
    expect(seen!.sourceCodeOf('a.c')).toBeUndefined();
    expect(seen!.sourceCodeOf('b.cpp')).toBeUndefined();
  });
});
