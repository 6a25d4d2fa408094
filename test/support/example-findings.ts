/**
 * The findings examples/README.md documents by hand for the example co-installer ("Expected
 * findings": file, line:column, rule, why), for every test that runs the tool on examples/: the
 * rows are the one list of expectations, so a finding added to the example is a row added there
 * (docs/contributing.md), never a count or a list copied into a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExampleFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  why: string;
}

export const EXAMPLES_ROOT = join(import.meta.dirname, '../../examples');

export function documentedFindings(): ExampleFinding[] {
  const readme = readFileSync(join(EXAMPLES_ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('\n## Expected findings\n'));
  return [...table.matchAll(/^\| ([\w.-]+) \| (\d+):(\d+) \| ([\w-]+) \| (.*) \|$/gm)].map((m) => ({
    file: m[1],
    line: Number(m[2]),
    column: Number(m[3]),
    rule: m[4],
    why: m[5],
  }));
}

/** `file line:column rule`, the form the tests compare. */
export const findingKey = (file: string, line: number, column: number, rule: string): string => `${file} ${line}:${column} ${rule}`;

/** The documented findings as keys, in the order the tool reports them (file, then position). */
export function documentedKeys(): string[] {
  return documentedFindings()
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
    .map((f) => findingKey(f.file, f.line, f.column, f.rule));
}

/** Errors per file of the example (every recommended rule is an error), 0 for a file with none. */
export function documentedErrorsPerFile(files: readonly string[]): [string, number, number][] {
  const rows = documentedFindings();
  return files.map((file) => [file, rows.filter((r) => r.file === file).length, 0]);
}
