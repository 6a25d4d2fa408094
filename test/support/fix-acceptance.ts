/**
 * The acceptance harness of the fixes: every fix and every suggestion of every rule, applied
 * alone to a module (its edits in other files too, Fix.otherFiles), must
 *  1. leave every changed C/C++ file compiling with mingw-w64 (`-fsyntax-only`; gcc for C, g++ for
 *     C++; a changed header is checked through the module's sources), unless it did not compile
 *     before the edit (said in the output, then not required);
 *  2. re-lint without a finding of its rule where the finding was (its position moved by the edit);
 *  3. add no finding (a multiset compare of rule, file and message against the findings before,
 *     less the one fixed);
 *  4. be idempotent: the rule offers no fix it did not offer before, and `--fix` with the rule
 *     (Linter.fixModule) reaches a text that a second `--fix` leaves alone;
 * and keep each changed file's line endings (all CRLF or all LF stays so) and write no line wider
 * than 100 columns (lines the file already had, moved, aside).
 * The compiles go through a small pool of child processes (test/support/mingw.ts) and are done
 * once per distinct text (line endings aside).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { ResolvedConfig } from '../../engine/config/resolved-config.js';
import type { Linter, ModuleFileInput } from '../../engine/linter/linter.js';
import type { Fix, LintMessage } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { allRulesConfig, realLinter } from '../robustness/invariants.js';
import { applyFixAlone, findingKey, lineEndingsOf, longWrittenLines, mapOffset, newFindings, ownEdits } from './fix-application.js';
import { hasMingw, type MingwLanguage, mingwSyntaxCheckAsync } from './mingw.js';

/** A module as the harness lints it: its files (paths as the linter sees them) under one root folder. */
export interface AcceptanceModule {
  name: string;
  root: string;
  files: { filePath: string; text: string }[];
}

export interface Variant {
  /** C sources compiled and linted as C++ (renamed .cpp), or as they are named. */
  language: 'as named' | 'c++';
  lineEndings: 'as written' | 'CRLF';
}

export const VARIANTS: readonly Variant[] = [
  { language: 'as named', lineEndings: 'as written' },
  { language: 'as named', lineEndings: 'CRLF' },
];
export const ALL_VARIANTS: readonly Variant[] = [...VARIANTS, { language: 'c++', lineEndings: 'as written' }, { language: 'c++', lineEndings: 'CRLF' }];

const variantName = (v: Variant) => [v.language === 'c++' ? 'as C++' : '', v.lineEndings === 'CRLF' ? 'CRLF' : ''].filter(Boolean).join(', ') || 'as written';

export function loadModule(name: string, root: string, paths: readonly string[]): AcceptanceModule {
  return { name, root, files: paths.map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') })) };
}

export function variantOf(module: AcceptanceModule, v: Variant): AcceptanceModule {
  return {
    name: `${module.name} [${variantName(v)}]`,
    root: module.root,
    files: module.files.map((f) => ({
      filePath: v.language === 'c++' ? f.filePath.replace(/\.c$/i, '.cpp') : f.filePath,
      text: v.lineEndings === 'CRLF' ? f.text.replace(/\r?\n/g, '\r\n') : f.text,
    })),
  };
}

const SOURCE = /\.(c|cc|cpp|cxx)$/i;
const C_FAMILY = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|inl)$/i;
const languageOf = (path: string): MingwLanguage => (/\.c$/i.test(path) ? 'c' : 'c++');

/** Compiles module texts in a scratch folder, once per distinct text of the module (CRLF read as LF). */
class ModuleCompiler {
  private readonly dir = mkdtempSync(join(tmpdir(), 'cil-fix-acceptance-'));
  private readonly cache = new Map<string, Promise<string>>();

  compile(root: string, texts: ReadonlyMap<string, string>, source: string): Promise<string> {
    const hash = createHash('sha1').update(source);
    for (const [path, text] of [...texts].sort(([a], [b]) => a.localeCompare(b))) {
      if (C_FAMILY.test(path)) hash.update(`\0${relative(root, path)}\0${text.replace(/\r\n/g, '\n')}`);
    }
    const key = hash.digest('hex');
    let result = this.cache.get(key);
    if (!result) {
      const folder = join(this.dir, key);
      for (const [path, text] of texts) {
        if (!C_FAMILY.test(path)) continue;
        const target = join(folder, relative(root, path));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
      result = mingwSyntaxCheckAsync(join(folder, relative(root, source)), languageOf(source)).then((errors) => errors.split(folder).join('<module>'));
      this.cache.set(key, result);
    }
    return result;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One fix or suggestion of one finding, before it is applied. */
export interface EditCase {
  title: string;
  ruleId: string;
  filePath: string;
  message: LintMessage;
  fix: Fix;
  kind: 'fix' | 'suggestion';
}

export interface AcceptanceOptions {
  /** Every source of the module must compile as written (the harness's own fixtures); else a source that does not is only named. */
  mustCompile?: boolean;
  /**
   * Cases that fail because of a fix being reworked, by the start of their title, with why; run
   * with `it.fails`, so that they are noticed when they pass.
   */
  knownFailures?: ReadonlyMap<string, string>;
}

/** The widest line an edit may write where the file shows no narrower style. */
const MAX_WIDTH = 100;

const configWithOnly = (config: ResolvedConfig, ruleId: string): ResolvedConfig => ({ ...config, rules: { [ruleId]: config.rules[ruleId] } });

/** The harness: one parser and linter (all built-in rules, the real installer model) for a test file. */
export class FixAcceptance {
  readonly config: ResolvedConfig = allRulesConfig();
  private readonly compiler = new ModuleCompiler();
  readonly mingw = { c: hasMingw('c'), 'c++': hasMingw('c++') };

  private constructor(
    private readonly parser: CppParser,
    readonly linter: Linter,
  ) {}

  static async create(): Promise<FixAcceptance> {
    const parser = await CppParser.create();
    const harness = new FixAcceptance(parser, realLinter(parser));
    afterAll(() => harness.dispose());
    return harness;
  }

  dispose(): void {
    this.linter.dispose();
    this.parser.delete();
    this.compiler.dispose();
  }

  private inputs(texts: ReadonlyMap<string, string>): ModuleFileInput[] {
    return [...texts].map(([filePath, text]) => ({ filePath, text }));
  }

  /** Every fix and suggestion the module's lint offers, each a case of its own. */
  editCases(module: AcceptanceModule): EditCase[] {
    const texts = new Map(module.files.map((f) => [f.filePath, f.text]));
    const cases: EditCase[] = [];
    for (const r of this.linter.lintModule(this.inputs(texts), () => this.config)) {
      for (const m of r.messages) {
        if (!m.ruleId) continue;
        const where = `${m.ruleId} at ${relative(module.root, r.filePath)}:${m.line}:${m.column}`;
        if (m.fix) cases.push({ title: `${where}: fix "${m.fix.desc ?? m.message.slice(0, 60)}"`, ruleId: m.ruleId, filePath: r.filePath, message: m, fix: m.fix, kind: 'fix' });
        (m.suggestions ?? []).forEach((s, i) => {
          cases.push({ title: `${where}: suggestion ${i + 1} "${s.desc}"`, ruleId: m.ruleId!, filePath: r.filePath, message: m, fix: s.fix, kind: 'suggestion' });
        });
      }
    }
    return cases;
  }

  /** The sources of the module that do not compile as they are, with the compiler's errors. */
  async notCompiling(module: AcceptanceModule): Promise<Map<string, string>> {
    const texts = new Map(module.files.map((f) => [f.filePath, f.text]));
    const out = new Map<string, string>();
    for (const path of texts.keys()) {
      if (!SOURCE.test(path) || !this.mingw[languageOf(path)]) continue;
      const errors = await this.compiler.compile(module.root, texts, path);
      if (errors) out.set(relative(module.root, path), errors);
    }
    return out;
  }

  /** The four checks of one case; returns what went wrong, each problem a line. */
  async check(module: AcceptanceModule, c: EditCase): Promise<string[]> {
    const problems: string[] = [];
    const texts = new Map(module.files.map((f) => [f.filePath, f.text]));
    const rel = (path: string) => relative(module.root, path);
    let after: Map<string, string>;
    try {
      after = applyFixAlone(texts, c.filePath, c.fix);
    } catch (error) {
      return [`the edit cannot be applied: ${(error as Error).message}`];
    }
    const changed = [...after.keys()].filter((p) => after.get(p) !== texts.get(p));
    if (changed.length === 0) problems.push('the edit changes nothing');
    // the file's line endings kept, and no line written wider than 100 columns (the widest a fix may
    // write in any file, rules/support/code-style.ts lineLimit)
    for (const path of changed) {
      const style = lineEndingsOf(texts.get(path)!);
      const now = lineEndingsOf(after.get(path)!);
      if ((style === 'CRLF' || style === 'LF') && now !== style) problems.push(`${rel(path)}: the edit mixes line endings into a ${style} file`);
      for (const line of longWrittenLines(texts.get(path)!, after.get(path)!, MAX_WIDTH)) problems.push(`${rel(path)}: the edit writes a line wider than ${MAX_WIDTH} columns: ${line.trim()}`);
    }

    // 1. compiles: the changed sources, or every source when a header changed
    const sources = changed.some((p) => C_FAMILY.test(p) && !SOURCE.test(p)) ? [...after.keys()].filter((p) => SOURCE.test(p)) : changed.filter((p) => SOURCE.test(p));
    for (const source of sources) {
      if (!this.mingw[languageOf(source)]) continue;
      if (await this.compiler.compile(module.root, texts, source)) {
        console.warn(`NOT COMPILED BEFORE (not required after): ${module.name} ${rel(source)}, for ${c.title}`);
        continue;
      }
      const errors = await this.compiler.compile(module.root, after, source);
      if (errors) problems.push(`${rel(source)} does not compile after the edit:\n${errors}`);
    }

    // 2. the finding is gone from where it was
    const before = this.linter.lintModule(this.inputs(texts), () => this.config);
    const relinted = this.linter.lintModule(this.inputs(after), () => this.config);
    const mapped = mapOffset(c.message.range[0], ownEdits(c.fix));
    const ownAfter = relinted.find((r) => r.filePath === c.filePath)?.messages ?? [];
    const still = ownAfter.filter((m) => m.ruleId === c.ruleId && m.range[0] === mapped);
    if (still.length > 0) {
      const p = new LineIndex(after.get(c.filePath)!).positionAt(mapped);
      problems.push(`${c.ruleId} is still reported where the finding moved to (${p.line + 1}:${p.character + 1}): ${still[0].message}`);
    }

    // 3. no new finding
    const keys = (results: typeof before) => results.flatMap((r) => r.messages.map((m) => findingKey(rel(r.filePath), m)));
    const beforeKeys = keys(before);
    const fixedKey = findingKey(rel(c.filePath), c.message);
    removeOne(beforeKeys, fixedKey);
    for (const extra of newFindings(beforeKeys, keys(relinted))) problems.push(`new finding: ${extra}`);

    // 4. idempotent: no fix of the rule that was not offered before, and --fix with the rule reaches a fixed point
    const ruleOnly = configWithOnly(this.config, c.ruleId);
    const fixKeys = (results: typeof before) => results.flatMap((r) => r.messages.filter((m) => m.fix).map((m) => findingKey(rel(r.filePath), m)));
    const fixesBefore = fixKeys(this.linter.lintModule(this.inputs(texts), () => ruleOnly));
    if (c.kind === 'fix') removeOne(fixesBefore, fixedKey);
    for (const extra of newFindings(fixesBefore, fixKeys(this.linter.lintModule(this.inputs(after), () => ruleOnly)))) {
      problems.push(`after the edit, a new fix is offered: ${extra}`);
    }
    const first = this.linter.fixModule(this.inputs(after), () => ruleOnly);
    const second = this.linter.fixModule(
      first.map((r) => ({ filePath: r.filePath, text: r.output })),
      () => ruleOnly,
    );
    for (const r of second.filter((s) => s.fixed)) problems.push(`--fix with ${c.ruleId} after the edit is not stable: a second pass changes ${rel(r.filePath)}`);
    return problems;
  }

  /**
   * A describe block per module with fixes or suggestions: its sources compile (or are named),
   * then one test per fix and suggestion. A module that offers none has nothing to check.
   */
  describeModule(module: AcceptanceModule, options: AcceptanceOptions = {}): EditCase[] {
    const cases = this.editCases(module);
    if (cases.length === 0) return cases;
    describe(module.name, () => {
      const mingw = this.mingw.c && this.mingw['c++'];
      it.skipIf(!mingw)(`${options.mustCompile ? 'compiles' : 'names the sources that do not compile'} as written`, { concurrent: true }, async ({ expect }) => {
        const failing = await this.notCompiling(module);
        for (const [path] of failing) console.warn(`NOT COMPILED BEFORE: ${module.name} ${path}`);
        if (options.mustCompile) expect(Object.fromEntries(failing)).toEqual({});
      });
      for (const c of cases) {
        const known = [...(options.knownFailures ?? [])].find(([prefix]) => `${module.name} ${c.title}`.startsWith(prefix));
        it(c.title, { concurrent: true, fails: known !== undefined }, async ({ expect }) => {
          expect(await this.check(module, c)).toEqual([]);
        });
      }
    });
    return cases;
  }
}

/** The files under `folder` (recursively, sorted) that `accept` takes. */
export function filesUnder(folder: string, accept: (path: string) => boolean = () => true): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, accept));
    else if (accept(path)) out.push(path);
  }
  return out;
}

/** Removes one occurrence of `key` from `keys` (none when it is absent). */
function removeOne(keys: string[], key: string): void {
  const i = keys.indexOf(key);
  if (i >= 0) keys.splice(i, 1);
}
