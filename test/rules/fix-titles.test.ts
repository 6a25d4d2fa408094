/**
 * Fix and suggestion titles (Fix.desc, a suggestion's desc): every fix of every rule has one (the
 * rule's fixMessageId, a message of meta.messages naming the change), and every title, as the
 * editor shows it with its data filled in, is at most 80 characters. Checked on what the rules
 * offer over the repository's fixtures and examples (the Contoso example as one module), with all
 * rules on and the installer model.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Linter, ModuleFileInput } from '../../engine/linter/linter.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { decodeBytes } from '../../engine/text/decode.js';
import { allRulesConfig, realLinter } from '../robustness/invariants.js';

const REPO = join(import.meta.dirname, '..', '..');
const MAX_TITLE = 80;

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

/** The Contoso example as one module; every C/C++ fixture and the other examples as modules of their own. */
function modules(): { name: string; inputs: ModuleFileInput[] }[] {
  const contoso = join(REPO, 'examples', 'contoso-coinstaller');
  const C_FILE = /\.(c|cpp|h)$/i;
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

describe('fix and suggestion titles', () => {
  it(`every fix has a title, and every title is at most ${MAX_TITLE} characters`, () => {
    const config = allRulesConfig();
    const untitled: string[] = [];
    const long: string[] = [];
    let fixes = 0;
    let suggestions = 0;
    for (const m of modules()) {
      for (const r of linter.lintModule(m.inputs, () => config)) {
        for (const msg of r.messages) {
          const where = `${relative(REPO, r.filePath)}:${msg.line}:${msg.column} ${msg.ruleId}`;
          if (msg.fix) {
            fixes++;
            if (msg.fix.desc === undefined) untitled.push(where);
            else if (msg.fix.desc.length > MAX_TITLE) long.push(`${where}: fix "${msg.fix.desc}" (${msg.fix.desc.length})`);
          }
          for (const s of msg.suggestions ?? []) {
            suggestions++;
            if (s.desc.length > MAX_TITLE) long.push(`${where}: suggestion "${s.desc}" (${s.desc.length})`);
          }
        }
      }
    }
    // the fixtures hold fixes and suggestions of several rules: the check looked at some
    expect(fixes).toBeGreaterThanOrEqual(10);
    expect(suggestions).toBeGreaterThanOrEqual(5);
    expect(untitled, 'fixes without a title (fixMessageId)').toEqual([]);
    expect(long, `titles over ${MAX_TITLE} characters`).toEqual([]);
  });
});
