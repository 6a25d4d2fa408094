/**
 * examples/README.md documents, by hand, what the tool must report on the example co-installer.
 * This keeps the documentation and the tool in agreement: exactly those findings, nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';

const root = join(import.meta.dirname, '../..');

function documentedFindings(): string[] {
  const readme = readFileSync(join(root, 'examples/README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| ([\w.-]+) \| (\d+:\d+) \| ([\w-]+) \|/gm)];
  return rows.map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();
}

describe('examples/', () => {
  it('reports exactly the findings examples/README.md documents', async () => {
    let stdout = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => {}, cwd: root, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
    expect(await run(['--format', 'json', 'examples/'], io)).toBe(1);
    const report = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    const found = report.flatMap((f) => f.messages.map((m) => `${f.filePath.split('/').pop()} ${m.line}:${m.column} ${m.ruleId}`)).sort();
    const documented = documentedFindings();
    expect(documented.length).toBe(16);
    expect(found).toEqual(documented);
  });

  it('shows every rule at least once', async () => {
    const { builtinRules } = await import('../../rules/index.js');
    const rules = new Set(documentedFindings().map((f) => f.split(' ')[2]));
    expect([...builtinRules.keys()].filter((id) => !rules.has(id))).toEqual([]);
  });
});
