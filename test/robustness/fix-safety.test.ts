/**
 * Fix safety on every C fixture of the repository (test/**\/fixtures, examples/, the shared
 * finish-install example, and a generated benchmark sample when the generator exists): applying
 * all fixes (Linter.fixModule, what --fix does) gives text that parses with no new ERROR or
 * MISSING nodes, changes nothing outside the fixes' lines' worth of text in other files, and a
 * second pass changes nothing. Every suggestion, applied alone, parses as well as the original.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../engine/config/resolved-config.js';
import type { Linter, ModuleFileInput } from '../../engine/linter/linter.js';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { countParseProblems } from '../../engine/parsing/parse-problems.js';
import { decodeBytes } from '../../engine/text/decode.js';
import { mutate, randomInt, seededRandom } from '../support/mutate.js';
import { DOMAIN_EXAMPLE, seedModules } from './fuzz-case.js';
import { allRulesConfig, realLinter } from './invariants.js';

const REPO = join(import.meta.dirname, '..', '..');
const C_FILE = /\.(c|cpp|h)$/i;

function filesUnder(folder: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, accept));
    else if (accept(path)) out.push(path);
  }
  return out;
}

function readText(path: string): string {
  const d = decodeBytes(new Uint8Array(readFileSync(path)));
  if (!d.ok) throw new Error(`${path}: ${d.message}`);
  return d.text;
}

/**
 * The modules to fix: the Contoso example as one module (its .c, .h, .def and .inf), every other
 * fixture as a module of its own (a fixture folder holds before/after copies of the same code).
 */
function fixtureModules(): { name: string; inputs: ModuleFileInput[] }[] {
  const modules: { name: string; inputs: ModuleFileInput[] }[] = [];
  const contoso = join(REPO, 'examples', 'contoso-coinstaller');
  modules.push({ name: 'examples/contoso-coinstaller', inputs: filesUnder(contoso, () => true).map((p) => ({ filePath: p, text: readText(p) })) });
  const singles = [
    ...filesUnder(join(REPO, 'examples'), (p) => C_FILE.test(p) && !p.startsWith(contoso)),
    ...filesUnder(join(REPO, 'test'), (p) => C_FILE.test(p) && /[/\\]fixtures[/\\]/.test(p)),
    ...filesUnder(DOMAIN_EXAMPLE, (p) => C_FILE.test(p)),
  ];
  for (const p of singles) modules.push({ name: relative(REPO, p), inputs: [{ filePath: p, text: readText(p) }] });
  return modules;
}

let parser: CppParser;
let linter: Linter;
const config: ResolvedConfig = allRulesConfig();
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => {
  linter.dispose();
  parser.delete();
});

/** ERROR and MISSING nodes of a parse (as the linter parses: macros blanked). */
function parseErrors(text: string): number {
  const tree = parser.parse(text);
  try {
    return countParseProblems(tree.rootNode);
  } finally {
    tree.delete();
  }
}

const isC = (path: string) => C_FILE.test(path);

describe('fix safety on every fixture', () => {
  const modules = fixtureModules();

  it('finds the fixtures (the Contoso module, the rule fixtures, the finish-install example)', () => {
    const names = modules.map((m) => m.name);
    expect(names[0]).toBe('examples/contoso-coinstaller');
    expect(names.filter((n) => n.startsWith('test/fixtures/rules/')).length).toBeGreaterThanOrEqual(20);
    expect(names).toContain('test/parsing/fixtures/sal-heavy-coinstaller.c');
    if (existsSync(DOMAIN_EXAMPLE)) expect(names.some((n) => n.endsWith('finish-install-example/before.c'))).toBe(true);
  });

  it('has fixes to apply: the fixtures with a .fixed.c twin and the Contoso module change', () => {
    const changed = modules.filter((m) => linter.fixModule(m.inputs, () => config).some((r) => r.fixed)).map((m) => m.name);
    expect(changed).toContain('examples/contoso-coinstaller');
    // a twin is `x.fixed.c` next to `x.c` (a header's own path is no twin of it)
    const twins = modules.filter((m) => /\.c$/.test(m.inputs[0].filePath) && existsSync(m.inputs[0].filePath.replace(/\.c$/, '.fixed.c'))).map((m) => m.name);
    expect(twins.length).toBeGreaterThanOrEqual(10);
    for (const t of twins) expect(changed).toContain(t);
  });

  it.each(modules.map((m) => [m.name, m] as const))('%s: all fixes parse with no new errors, and a second pass changes nothing', (_name, module) => {
    const fixed = linter.fixModule(module.inputs, () => config);
    for (const r of fixed) {
      const before = module.inputs.find((i) => i.filePath === r.filePath)!.text;
      if (isC(r.filePath)) expect({ file: basename(r.filePath), errors: parseErrors(r.output) }).toEqual({ file: basename(r.filePath), errors: parseErrors(before) });
      if (!r.fixed) expect(r.output).toBe(before);
      // What is left has no fix (fixModule stops when nothing more applies, or after ten passes).
      expect(r.messages.filter((m) => m.fix).map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toEqual([]);
      // Line endings are kept: a CRLF file gains no bare LF, an LF file no CR.
      if (/\r\n/.test(before) && !/(^|[^\r])\n/.test(before)) expect(/(^|[^\r])\n/.test(r.output)).toBe(false);
      if (!before.includes('\r')) expect(r.output.includes('\r')).toBe(false);
    }
    const again = linter.fixModule(
      fixed.map((r) => ({ filePath: r.filePath, text: r.output })),
      () => config,
    );
    expect(again.filter((r) => r.fixed).map((r) => r.filePath)).toEqual([]);
  });

  it.each(modules.map((m) => [m.name, m] as const))('%s: every suggestion, applied alone, parses with no new errors', (_name, module) => {
    const results = linter.lintModule(module.inputs, () => config);
    for (const r of results) {
      if (!isC(r.filePath)) continue;
      const text = module.inputs.find((i) => i.filePath === r.filePath)!.text;
      const baseline = parseErrors(text);
      for (const m of r.messages) {
        for (const s of m.suggestions ?? []) {
          const { output, applied } = applyFixes(text, [s.fix]);
          expect(applied).toHaveLength(1);
          expect({ suggestion: `${m.ruleId}: ${s.desc}`, errors: parseErrors(output) }).toEqual({ suggestion: `${m.ruleId}: ${s.desc}`, errors: baseline });
        }
      }
    }
  });

  it('the same on a CRLF copy of the Contoso module', () => {
    const inputs = modules[0].inputs.map((i) => ({ ...i, text: i.text.replace(/\r?\n/g, '\r\n') }));
    const fixed = linter.fixModule(inputs, () => config);
    expect(fixed.some((r) => r.fixed)).toBe(true);
    for (const r of fixed) {
      const before = inputs.find((i) => i.filePath === r.filePath)!.text;
      expect(/(^|[^\r])\n/.test(r.output)).toBe(false);
      if (isC(r.filePath)) expect(parseErrors(r.output)).toBe(parseErrors(before));
    }
    const again = linter.fixModule(fixed.map((r) => ({ filePath: r.filePath, text: r.output })), () => config);
    expect(again.filter((r) => r.fixed)).toEqual([]);
  });
});

describe('fix safety on a generated benchmark sample (bench/installer-module.ts)', () => {
  const generator = join(REPO, 'bench', 'installer-module.ts');
  it.skipIf(!existsSync(generator))('three generated installer modules: fixes parse with no new errors, a second pass changes nothing', async () => {
    const { generateModule } = (await import(generator)) as {
      generateModule: (seed: number, index: number, approxBytes: number) => { files: { path: string; text: string }[] };
    };
    let fixedFiles = 0;
    for (let index = 0; index < 3; index++) {
      const generated = generateModule(7, index, 6_000);
      // In memory only: the paths are made absolute under a folder that does not exist.
      const inputs = generated.files.map((f) => ({ filePath: join('/generated-sample', f.path), text: f.text }));
      expect(inputs.some((i) => isC(i.filePath))).toBe(true);
      const fixed = linter.fixModule(inputs, () => config);
      for (const r of fixed) {
        if (!isC(r.filePath)) continue;
        const before = inputs.find((i) => i.filePath === r.filePath)!.text;
        expect({ file: r.filePath, errors: parseErrors(r.output) }).toEqual({ file: r.filePath, errors: parseErrors(before) });
        if (r.fixed) fixedFiles++;
      }
      const again = linter.fixModule(fixed.map((r) => ({ filePath: r.filePath, text: r.output })), () => config);
      expect(again.filter((r) => r.fixed).map((r) => r.filePath)).toEqual([]);
    }
    // The generator plants violations, some with automatic fixes.
    expect(fixedFiles).toBeGreaterThan(0);
  });
});

describe('fix safety on broken sources', () => {
  it('fixing a mutated module never throws, a file without fixes stays as it was, and a second pass changes nothing (30 cases)', () => {
    const seeds = seedModules();
    const random = seededRandom(77);
    const failures: string[] = [];
    let fixed = 0;
    for (let i = 0; i < 30; i++) {
      const module = seeds[randomInt(random, seeds.length)];
      const target = randomInt(random, module.length);
      const { bytes, steps } = mutate(module[target].bytes, random, { sizes: { depth: 300, longLine: 3_000 } });
      const decoded = decodeBytes(bytes);
      if (!decoded.ok) continue;
      const inputs = module.map((f, j) => ({ filePath: f.filePath, text: j === target ? decoded.text : readText(f.filePath) }));
      try {
        const first = linter.fixModule(inputs, () => config);
        fixed += first.filter((r) => r.fixed).length;
        for (const r of first) if (!r.fixed && r.output !== inputs.find((x) => x.filePath === r.filePath)!.text) failures.push(`case ${i}: ${r.filePath} changed without a fix`);
        const second = linter.fixModule(first.map((r) => ({ filePath: r.filePath, text: r.output })), () => config);
        for (const r of second) if (r.fixed) failures.push(`case ${i} (${steps.join(', ')}): a second pass changed ${basename(r.filePath)}`);
      } catch (error) {
        failures.push(`case ${i} (${steps.join(', ')}): ${(error as Error)?.stack ?? String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(fixed).toBeGreaterThan(0);
  });
});
