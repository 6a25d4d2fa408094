/**
 * examples/README.md documents, by hand, one row per finding the example co-installer is meant to
 * show ("Expected findings": file, line:column, rule, why). This keeps the documentation and the
 * tool in agreement: run as a user runs it (no config, so the `recommended` rules), the tool
 * reports exactly those findings, nothing else. The rows are the expectations: adding a finding
 * to the example means adding its row, and nothing here (docs/contributing.md).
 *
 * Every rule in `recommended` is shown at least once. A rule outside `recommended` is off in that
 * run, so the example does not show it and need not: its own test and its page's examples cover it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';
import { builtinRules } from '../../rules/index.js';
import { documentedFindings, findingKey as key } from '../support/example-findings.js';

const root = join(import.meta.dirname, '../..');
const exampleDir = join(root, 'examples/contoso-coinstaller');

describe('examples/', () => {
  const rows = documentedFindings();
  let found: string[] = [];
  let status = -1;

  beforeAll(async () => {
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => {}, cwd: root, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
    status = await run(['--format', 'json', 'examples/'], io);
    const report = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    found = report.flatMap((f) => f.messages.map((m) => key(f.filePath.split('/').pop()!, m.line, m.column, m.ruleId))).sort();
  });

  it('reports exactly the findings examples/README.md documents, and exits 1 (errors)', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(found).toEqual(rows.map((r) => key(r.file, r.line, r.column, r.rule)).sort());
    expect(status).toBe(1);
  });

  it('documents each finding at the code its row names first (`code` in the "Why" column)', () => {
    for (const row of rows) {
      const code = /`([^`]+)`/.exec(row.why)?.[1];
      expect(code, `${row.file} ${row.line}:${row.column}: the "Why" column names the code in backticks`).toBeDefined();
      const line = readFileSync(join(exampleDir, row.file), 'utf8').split(/\r?\n/)[row.line - 1];
      expect(line, `${row.file} ${row.line}:${row.column}`).toContain(code);
      expect(row.column).toBeLessThanOrEqual(line.length);
    }
  });

  it('shows every rule of `recommended` at least once', () => {
    const shown = new Set(rows.map((r) => r.rule));
    const recommended = [...builtinRules].filter(([, rule]) => rule.meta.docs.recommended).map(([id]) => id);
    expect(recommended.length).toBeGreaterThan(0);
    expect(recommended.filter((id) => !shown.has(id))).toEqual([]);
  });
});
