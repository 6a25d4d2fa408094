/**
 * The import graph of the project's TypeScript sources, and the layering it must follow
 * (docs/architecture.md, "Layout"): engine → rules → api → (cli, server, bench, scripts); outside
 * engine/, the engine is imported through engine/index.ts only; client/ imports nothing of the
 * engine, the rules or the server. Type-only imports count like the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

export interface ImportEdge {
  /** The importing file, relative to the repository root, with '/' separators. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported file relative to the root (relative specifiers), else undefined (packages, node:). */
  to?: string;
  line: number;
}

/** Every static `import`/`export ... from`, side-effect import and `import('...')` of a text. */
export function specifiersOf(text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const patterns = [
    /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
    /(?:^|[;\n])\s*import\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index + m[0].lastIndexOf(m[2]);
      found.push({ specifier: m[2], line: text.slice(0, at).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

export function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/** Every edge from the .ts files under the given top-level folders (tests and declaration files excluded). */
export function importEdges(root: string, folders: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== 'out') visit(path);
      } else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) {
        for (const { specifier, line } of specifiersOf(readFileSync(join(root, path), 'utf8'))) {
          edges.push({ from: path, specifier, to: resolveSpecifier(path, specifier), line });
        }
      }
    }
  };
  for (const folder of folders) visit(folder);
  return edges;
}

const top = (path: string): string => path.split('/')[0];

/** Which top-level folders a folder may import (besides itself), and whether it may see past engine/index.ts. */
const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  rules: ['engine'],
  // the package's public API (package.json "exports"): the engine and the built-in rules
  api: ['engine', 'rules'],
  cli: ['engine', 'rules', 'api'],
  server: ['engine', 'rules', 'api'],
  bench: ['engine', 'rules', 'api', 'cli'],
  // the fuzzer and the memory soak drive the test harnesses
  scripts: ['engine', 'rules', 'cli', 'client', 'test'],
  client: [],
};

/** The edges that break the layering, each with the reason. */
export function layeringViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    if (edge.to === undefined) continue;
    const source = top(edge.from);
    const target = top(edge.to);
    const where = `${edge.from}:${edge.line} imports '${edge.specifier}'`;
    if (target === source) continue;
    const allowed = ALLOWED[source];
    if (allowed === undefined) continue;
    if (!allowed.includes(target)) {
      problems.push(`${where}: ${source}/ may not import ${target}/`);
    } else if (target === 'engine' && edge.to !== 'engine/index.ts') {
      problems.push(`${where}: outside engine/, import the engine through engine/index.ts`);
    }
  }
  return problems;
}

export function relativeTo(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}
