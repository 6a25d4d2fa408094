/**
 * `#include` lines never make module discovery open a file outside the workspace (the linted
 * folders and the current folder; the language server's workspace folders), nor a device, FIFO,
 * or a file under /proc (engine/model/module-discovery.ts includeRoots,
 * engine/build/workspace-files.ts includeAllowed; README, Security). The observable: a macro
 * defined in an outside header and called under DIF_INSTALLDEVICE is a no-dll-load finding only
 * when the header is read (docs/architecture.md: macros are expanded by name from the module's
 * files). The same tree linted with its parent as the workspace is the positive case.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { run, type CliIo } from '../../cli/main.js';
import { TestClient, pathUri } from '../server/support/lsp-client.js';

let dir: string;
let ws: string;
let source: string;
/** ws/src/a.c: CONTOSO_LOAD() at 14:9, CONTOSO_LOAD_ABS() at 15:9 (1-based). */
function tree(eol: string): string {
  const text = [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '#include "../../outside/x.h"',
    `#include "${join(dir, 'outside', 'abs.h')}"`,
    '#include "/etc/passwd"',
    '#include "/proc/self/environ"',
    '#include "/dev/zero"',
    '#include "pipe.h"',
    '',
    'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Dif, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    switch (Dif) {',
    '    case DIF_INSTALLDEVICE:',
    '        CONTOSO_LOAD();',
    '        CONTOSO_LOAD_ABS();',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join(eol);
  writeFileSync(source, text);
  return text;
}

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-include-reads-')));
  ws = join(dir, 'ws');
  mkdirSync(join(ws, 'src'), { recursive: true });
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'x.h'), '#define CONTOSO_LOAD() LoadLibraryW(L"contoso.dll")\n');
  writeFileSync(join(dir, 'outside', 'abs.h'), '#define CONTOSO_LOAD_ABS() LoadLibraryW(L"contoso-abs.dll")\n');
  // a FIFO in the workspace: opening it for reading would block until a writer comes
  execFileSync('mkfifo', [join(ws, 'src', 'pipe.h')]);
  source = join(ws, 'src', 'a.c');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  return { status: await run(args, io), stdout, stderr };
}

interface JsonResult {
  messages: { ruleId: string | null; line: number; column: number }[];
}
const loadsAt = (report: JsonResult[]) => report.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-dll-load').map((m) => `${m.line}:${m.column}`));

describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
])('the CLI, %s', (_name, eol) => {
  it('opens no include outside the workspace, under /proc or /dev, nor a FIFO', async () => {
    tree(eol);
    const module = await cli(['--print-module', 'src/a.c'], ws);
    expect(module.stdout).toBe('rule: folder\nfiles:\n  src/a.c\n');
    const r = await cli(['--format', 'json', 'src'], ws);
    expect(r.stderr).toBe('');
    expect(loadsAt(JSON.parse(r.stdout) as JsonResult[])).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('follows the same includes into the workspace when it holds them (the current folder is the parent)', async () => {
    tree(eol);
    const module = await cli(['--print-module', 'ws/src/a.c'], dir);
    expect(module.stdout).toBe('rule: folder\nfiles:\n  ws/src/a.c\n  outside/x.h\n  outside/abs.h\n');
    const r = await cli(['--format', 'json', 'ws/src'], dir);
    expect(loadsAt(JSON.parse(r.stdout) as JsonResult[])).toEqual(['14:9', '15:9']);
    expect(r.status).toBe(1);
  });
});

describe('the CLI and links into /proc', () => {
  it('a link named like a header that leads into /proc is neither walked nor a file of the module', async () => {
    writeFileSync(source, '#include "env.h"\nint ContosoValue;\n');
    symlinkSync('/proc/self/environ', join(ws, 'src', 'env.h'));
    const module = await cli(['--print-module', 'src/a.c'], ws);
    expect(module.stdout).toBe('rule: folder\nfiles:\n  src/a.c\n');
    const r = await cli(['--format', 'json', 'src'], ws);
    expect(r.stderr).toBe(`coinstaller-lint: ${join(ws, 'src', 'env.h')}: symbolic link into /proc, /sys or /dev; skipped\n`);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath)).toEqual([source]);
  });
});

describe('the language server', { timeout: 60_000 }, () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  const loads = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'no-dll-load').map((d) => [d.range.start.line, d.range.start.character]);

  it.each([
    ['C', 'a.c', 'c'],
    ['C++', 'a.cpp', 'cpp'],
  ])('opens no include outside the workspace folder (%s), and keeps answering', async (_lang, name, languageId) => {
    source = join(ws, 'src', name);
    const text = tree('\r\n');
    client = await TestClient.start({ workspaceFolders: [ws] });
    const uri = pathUri(source);
    await client.open(uri, text, 1, languageId);
    const d = await client.waitForDiagnostics(uri, 1);
    expect(loads(d.diagnostics)).toEqual([]);
    // a server blocked on the FIFO or /dev/zero could not answer this
    const stats = await client.connection.sendRequest<{ openDocuments: number }>('coinstallerLint/stats');
    expect(stats.openDocuments).toBe(1);
  });

  it('reads the same headers when the workspace folder holds them', async () => {
    const text = tree('\n');
    client = await TestClient.start({ workspaceFolders: [dir] });
    const uri = pathUri(source);
    await client.open(uri, text, 1);
    const d = await client.waitForDiagnostics(uri, 1);
    expect(loads(d.diagnostics)).toEqual([
      [13, 8],
      [14, 8],
    ]);
  });
});
