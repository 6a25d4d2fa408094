import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, layeringViolations, specifiersOf, type ImportEdge } from './import-graph.js';

const ROOT = join(import.meta.dirname, '../..');
const FOLDERS = ['engine', 'rules', 'api', 'cli', 'server', 'bench', 'scripts', 'client/src'];

const edge = (from: string, to: string): ImportEdge => ({ from, specifier: to, to, line: 1 });

describe('import direction', () => {
  it('engine → rules → (cli, server, bench): every import of the repository follows it, type-only ones included', () => {
    const edges = importEdges(ROOT, FOLDERS);
    // the walk found the layers it checks
    expect(edges.filter((e) => e.from.startsWith('rules/') && e.to === 'engine/index.ts').length).toBeGreaterThan(10);
    expect(edges.filter((e) => e.from.startsWith('server/') && e.to === 'engine/index.ts').length).toBeGreaterThan(5);
    expect(edges.filter((e) => e.from.startsWith('api/') && e.to === 'engine/index.ts').length).toBeGreaterThan(3);
    expect(edges.some((e) => e.from === 'cli/main.ts' && e.to === 'api/index.ts')).toBe(true);
    expect(layeringViolations(edges)).toEqual([]);
  });

  it('reports the engine importing a rule, a front end or the client', () => {
    expect(layeringViolations([edge('engine/batch/lint-setup.ts', 'rules/index.ts')])).toEqual([
      "engine/batch/lint-setup.ts:1 imports 'rules/index.ts': engine/ may not import rules/",
    ]);
    expect(layeringViolations([edge('engine/linter/linter.ts', 'server/server.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('rules/no-dll-load.ts', 'cli/main.ts')])).toHaveLength(1);
  });

  it('reports a reach past engine/index.ts from outside the engine, and allows it inside', () => {
    expect(layeringViolations([edge('server/providers/hover.ts', 'engine/model/summarize.ts')])).toEqual([
      "server/providers/hover.ts:1 imports 'engine/model/summarize.ts': outside engine/, import the engine through engine/index.ts",
    ]);
    expect(layeringViolations([edge('rules/no-dll-load.ts', 'engine/linter/types.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('engine/model/guards.ts', 'engine/syntax/functions.ts')])).toEqual([]);
    expect(layeringViolations([edge('cli/main.ts', 'engine/index.ts'), edge('cli/main.ts', 'rules/index.ts')])).toEqual([]);
  });

  it('api/ sits on the engine (through engine/index.ts) and the rules, below the front ends', () => {
    expect(layeringViolations([edge('api/lint-files.ts', 'engine/index.ts'), edge('api/index.ts', 'rules/index.ts')])).toEqual([]);
    expect(layeringViolations([edge('api/lint-text.ts', 'engine/batch/lint-paths.ts')])).toEqual([
      "api/lint-text.ts:1 imports 'engine/batch/lint-paths.ts': outside engine/, import the engine through engine/index.ts",
    ]);
    expect(layeringViolations([edge('api/index.ts', 'cli/main.ts')])).toEqual(["api/index.ts:1 imports 'cli/main.ts': api/ may not import cli/"]);
    expect(layeringViolations([edge('api/index.ts', 'server/server.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('engine/batch/lint-file-list.ts', 'api/index.ts')])).toEqual([
      "engine/batch/lint-file-list.ts:1 imports 'api/index.ts': engine/ may not import api/",
    ]);
    expect(layeringViolations([edge('rules/no-dll-load.ts', 'api/index.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('client/src/extension.ts', 'api/index.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('cli/main.ts', 'api/index.ts'), edge('server/server.ts', 'api/index.ts'), edge('bench/lint-cli.ts', 'api/index.ts')])).toEqual([]);
  });

  it('reports the client importing anything of the engine, the rules or the server', () => {
    expect(layeringViolations([edge('client/src/extension.ts', 'engine/index.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('client/src/extension.ts', 'server/main.ts')])).toHaveLength(1);
    expect(layeringViolations([edge('client/src/extension.ts', 'client/src/commands.ts')])).toEqual([]);
  });

  it('reads type-only, re-export, side-effect and dynamic imports', () => {
    const text = [
      "import type { A } from '../engine/model/contract.js';",
      "import {",
      "  b,",
      "} from './b.js';",
      "export { c } from '../engine/c.js';",
      "export * from './d.js';",
      "import './side-effect.js';",
      "const e = await import('../engine/e.js');",
      "// a string that is not an import: 'from ../engine/x.js'",
    ].join('\n');
    expect(specifiersOf(text)).toEqual([
      { specifier: '../engine/model/contract.js', line: 1 },
      { specifier: './b.js', line: 4 },
      { specifier: '../engine/c.js', line: 5 },
      { specifier: './d.js', line: 6 },
      { specifier: './side-effect.js', line: 7 },
      { specifier: '../engine/e.js', line: 8 },
    ]);
  });
});
