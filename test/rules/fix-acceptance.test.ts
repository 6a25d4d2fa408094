/**
 * Every fix and every suggestion of the rules below, on every C/C++ fixture of the repository and
 * on the Contoso example (one module), applied alone: the result re-lints without that finding,
 * with no finding that was not there before (any rule), applying the rule's fixes again changes
 * nothing, and, where mingw-w64 compiles the file before the edit, it compiles after it (gcc for
 * C, g++ for C++).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import type { Linter, ModuleFileInput } from '../../engine/linter/linter.js';
import type { Fix, LintMessage } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { decodeBytes } from '../../engine/text/decode.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';
import { allRulesConfig, realLinter } from '../robustness/invariants.js';

const REPO = join(import.meta.dirname, '..', '..');
/** The rules whose every edit this file checks. */
const RULES = new Set([
  'wait-for-finish-install-process',
  'no-interactive-windowstation-error',
  'no-state-in-dll',
  'unhandled-dif-return-code',
  'no-default-dif-handler-call',
  'finish-install-flag-placement',
  'no-reserved-dif-code',
]);
const C_FILE = /\.(c|cpp)$/i;

function filesUnder(folder: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesUnder(path, accept) : accept(path) ? [path] : [];
    });
}

function readText(path: string): string {
  const d = decodeBytes(new Uint8Array(readFileSync(path)));
  if (!d.ok) throw new Error(`${path}: ${d.message}`);
  return d.text;
}

function modules(): { name: string; inputs: ModuleFileInput[] }[] {
  const contoso = join(REPO, 'examples', 'contoso-coinstaller');
  const out = [{ name: 'examples/contoso-coinstaller', inputs: filesUnder(contoso, () => true).map((p) => ({ filePath: p, text: readText(p) })) }];
  const singles = [
    ...filesUnder(join(REPO, 'examples'), (p) => C_FILE.test(p) && !p.startsWith(contoso)),
    ...filesUnder(join(REPO, 'test'), (p) => C_FILE.test(p) && /[/\\]fixtures[/\\]/.test(p)),
  ];
  for (const p of singles) out.push({ name: relative(REPO, p), inputs: [{ filePath: p, text: readText(p) }] });
  return out;
}

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

const key = (m: LintMessage) => `${m.ruleId} ${m.message}`;
/** Edits checked so far, by kind (the tests of this file run in order). */
const checked = { fix: 0, suggestion: 0, compiled: 0 };

describe('every fix and suggestion of the rules on the fixtures and the example', () => {
  const config = allRulesConfig();
  const dir = mkdtempSync(join(tmpdir(), 'cil-fix-acceptance-'));
  const compiles = (path: string, text: string): string => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}-${basename(path)}`);
    writeFileSync(file, text);
    return mingwSyntaxCheck(file, /\.cpp$/i.test(path) ? 'c++' : 'c');
  };

  it.each(modules().map((m) => [m.name, m] as const))('%s', (_name, module) => {
    const lint = (inputs: ModuleFileInput[]) => linter.lintModule(inputs, () => config);
    const before = lint(module.inputs);
    const problems: string[] = [];
    for (const r of before) {
      if (!C_FILE.test(r.filePath)) continue;
      const text = module.inputs.find((i) => i.filePath === r.filePath)!.text;
      let compiledBefore: boolean | undefined;
      for (const m of r.messages) {
        if (!m.ruleId || !RULES.has(m.ruleId)) continue;
        const edits: [string, Fix][] = [...(m.fix ? [['fix', m.fix] as [string, Fix]] : []), ...(m.suggestions ?? []).map((s) => [`suggestion "${s.desc}"`, s.fix] as [string, Fix])];
        for (const [what, fix] of edits) {
          const where = `${relative(REPO, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${what}`;
          checked[what === 'fix' ? 'fix' : 'suggestion']++;
          const output = applyFixes(text, [fix]).output;
          const others = (fix.otherFiles ?? []).map((f) => f.filePath);
          const inputs = module.inputs.map((i) => {
            if (i.filePath === r.filePath) return { ...i, text: output };
            const own = fix.otherFiles?.find((f) => f.filePath === i.filePath);
            return own ? { ...i, text: applyFixes(i.text, own.edits.map((e) => ({ range: e.range, text: e.text }))).output } : i;
          });
          const after = lint(inputs);
          const all = (results: typeof before) => results.flatMap((x) => x.messages.map(key));
          const previous = new Set(all(before));
          const mine = after.find((x) => x.filePath === r.filePath)!.messages;
          if (mine.filter((x) => key(x) === key(m)).length >= r.messages.filter((x) => key(x) === key(m)).length) problems.push(`${where}: the finding is still there`);
          const fresh = all(after).filter((k) => !previous.has(k));
          if (fresh.length > 0) problems.push(`${where}: new findings ${JSON.stringify(fresh)}`);
          if (what === 'fix') {
            const again = applyFixes(output, mine.filter((x) => x.ruleId === m.ruleId && x.fix).map((x) => x.fix!)).output;
            if (again !== output && mine.some((x) => key(x) === key(m))) problems.push(`${where}: not idempotent`);
          }
          const lang = /\.cpp$/i.test(r.filePath) ? 'c++' : 'c';
          if (hasMingw(lang) && others.length === 0) {
            compiledBefore ??= compiles(r.filePath, text) === '';
            if (compiledBefore) {
              checked.compiled++;
              const errors = compiles(r.filePath, output);
              if (errors !== '') problems.push(`${where}: does not compile: ${errors.slice(0, 400)}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('checked fixes and suggestions of several rules, most of them compiled', () => {
    expect(checked.fix).toBeGreaterThanOrEqual(10);
    expect(checked.suggestion).toBeGreaterThanOrEqual(5);
    if (hasMingw()) expect(checked.compiled).toBeGreaterThanOrEqual(10);
  });
});
