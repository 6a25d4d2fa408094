/**
 * The automatic fixes on the bundled example: `--fix` on a copy leaves a tree that compiles with
 * mingw-w64 and re-lints with only the findings that have no automatic fix; a second `--fix`
 * changes nothing.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

interface Message {
  ruleId: string | null;
  line: number;
  column: number;
  fix?: unknown;
}
interface FileResult {
  filePath: string;
  messages: Message[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-fix-examples-'));
  cpSync(join(import.meta.dirname, '../../examples'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => {}, cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  return { status: await run(args, io), stdout };
}

function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  const folder = join(dir, 'contoso-coinstaller');
  for (const name of readdirSync(folder)) files.set(name, readFileSync(join(folder, name), 'latin1'));
  return files;
}

const key = (file: FileResult, m: Message) => `${file.filePath.slice(dir.length + 1)} ${m.ruleId}`;

describe('--fix on a copy of examples/', () => {
  it('fixes what has a fix, leaves the rest reported, compiles, and is stable', async () => {
    const before = JSON.parse((await cli(['--format', 'json', '.'])).stdout) as FileResult[];
    const fixable = before.flatMap((f) => f.messages.filter((m) => m.fix).map((m) => key(f, m)));
    const unfixable = before.flatMap((f) => f.messages.filter((m) => !m.fix).map((m) => key(f, m)));
    // The example has automatic fixes for the return code, the window-station error and the unwaited process at least.
    expect(fixable.length).toBeGreaterThanOrEqual(3);

    const fixed = await cli(['--fix', '.']);
    expect(fixed.status).toBe(1); // the findings without a fix remain

    const after = JSON.parse((await cli(['--format', 'json', '.'])).stdout) as FileResult[];
    const remaining = after.flatMap((f) => f.messages.map((m) => key(f, m)));
    expect(remaining.sort()).toEqual(unfixable.sort());
    expect(after.flatMap((f) => f.messages.filter((m) => m.fix))).toEqual([]);

    const once = snapshot();
    await cli(['--fix', '.']);
    expect(snapshot()).toEqual(once);

    if (!hasMingw()) return;
    for (const name of [...once.keys()].filter((n) => n.endsWith('.c'))) {
      expect(mingwSyntaxCheck(join(dir, 'contoso-coinstaller', name)), name).toBe('');
    }
  });
});
