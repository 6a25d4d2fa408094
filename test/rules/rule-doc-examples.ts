/**
 * Checks the examples of a rule's documentation page: every ```c block under "Incorrect" must
 * give at least one finding of the rule, every block under "Correct" none. Each block is linted
 * as a file of its own (installer.c), with the service providers given, and compiled with
 * mingw-w64 after the Windows headers, or as it is when `prelude` is false (the examples include
 * their headers themselves); skipped, saying so, where mingw-w64 is absent.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../engine/config/resolved-config.js';
import { ruleDocPath } from '../../engine/linter/rule-docs.js';
import { Linter, type ServiceProvider } from '../../engine/linter/linter.js';
import type { RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

/** What the examples leave out: the headers, and the Vista constants mingw-w64's headers lack. */
const PRELUDE = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '#ifndef DIF_FINISHINSTALL_ACTION',
  '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
  '#endif',
  '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
  '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
  '#endif',
  '',
].join('\n');

export interface DocExample {
  kind: 'incorrect' | 'correct';
  code: string;
  line: number;
}

/** The ```c blocks of a markdown page, by the last "Incorrect" / "Correct" heading or line above them. */
export function docExamples(markdown: string): DocExample[] {
  const out: DocExample[] = [];
  const lines = markdown.split(/\r?\n/);
  let kind: DocExample['kind'] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^(#+\s*)?Incorrect\b/i.test(l)) kind = 'incorrect';
    else if (/^(#+\s*)?Correct\b/i.test(l)) kind = 'correct';
    else if (/^#+\s/.test(l)) kind = null;
    if (/^```c\s*$/.test(l) && kind) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      out.push({ kind, code: lines.slice(start, end).join('\n') + '\n', line: start + 1 });
      i = end;
    }
  }
  return out;
}

export function checkDocExamples(
  ruleId: string,
  rule: RuleModule,
  serviceProviders: readonly ServiceProvider[] = [],
  { prelude = true }: { prelude?: boolean } = {},
): void {
  describe(`docs/rules/${ruleId}.md examples`, () => {
    let parser: CppParser;
    let linter: Linter;
    beforeAll(async () => {
      parser = await CppParser.create();
      linter = new Linter({ rules: new Map([[ruleId, rule]]), parser, serviceProviders });
    });
    afterAll(() => {
      linter.dispose();
      parser.delete();
    });
    const examples = docExamples(readFileSync(ruleDocPath(ruleId), 'utf8'));
    const compile = hasMingw();
    const dir = mkdtempSync(join(tmpdir(), `${ruleId}-doc-`));

    it('has incorrect and correct examples', () => {
      expect(examples.filter((e) => e.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.kind === 'correct').length).toBeGreaterThan(0);
    });

    for (const example of examples) {
      it(`${example.kind} example at line ${example.line}`, () => {
        const config = {
          filePath: null,
          rules: { [ruleId]: { severity: 2 as const, options: rule.meta.defaultOptions ?? [] } },
          settings: defaultSettings(),
          ignores: [],
          reportUnusedDisableDirectives: 0 as const,
        };
        const messages = linter.lintText(example.code, '/virtual/doc/installer.c', config);
        expect(messages.filter((m) => m.fatal)).toEqual([]);
        if (example.kind === 'incorrect') expect(messages.filter((m) => m.ruleId === ruleId).length).toBeGreaterThan(0);
        else expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
        if (compile) {
          const file = join(dir, `example-${example.line}.c`);
          writeFileSync(file, (prelude ? PRELUDE : '') + example.code);
          expect(mingwSyntaxCheck(file), `the example compiles with mingw-w64${prelude ? ' (after the headers)' : ''}`).toBe('');
        }
      });
    }
  });
}
