/**
 * With a real editor: Debian's Neovim (0.7.2 or later), headless, starts the server on
 * examples/contoso-coinstaller/coinstaller.c and records the diagnostics it receives. Skipped,
 * saying so, where nvim is not installed (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { checkCrossFileMove } from '../e2e/expectations.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'contoso-coinstaller');

function hasNeovim(): boolean {
  const found = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!found) console.warn('SKIPPED: nvim is not installed (apt-get install neovim); the Neovim LSP test is skipped');
  return found;
}

describe('Neovim', () => {
  it.skipIf(!hasNeovim())('attaches the server to the example co-installer and receives its diagnostics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cil-nvim-'));
    const out = join(dir, 'diagnostics.json');
    const file = join(EXAMPLE, 'coinstaller.c');
    try {
      const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'server', 'neovim', 'attach.lua')}`], {
        cwd: ROOT,
        env: {
          ...process.env,
          CIL_SERVER_CMD: JSON.stringify([process.execPath, '--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--stdio']),
          CIL_FILE: file,
          CIL_ROOT: EXAMPLE,
          CIL_OUT: out,
          XDG_STATE_HOME: dir,
          XDG_DATA_HOME: dir,
        },
        timeout: 50000,
        encoding: 'utf8',
      });
      expect(existsSync(out), `nvim wrote no result (status ${run.status}):\n${run.stdout}\n${run.stderr}`).toBe(true);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { status: string; publishes: PublishDiagnosticsParams[] };
      expect(result.status, run.stderr).toBe('ok');
      const last = [...result.publishes].reverse().find((p) => p.uri.endsWith('/coinstaller.c') && p.diagnostics.length > 0)!;
      const loads = last.diagnostics.filter((d) => d.code === 'no-dll-load').map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
      // coinstaller.c (0-based lines): `#pragma comment(lib, "contosohelper.lib")` on line 7, from its `#`
      // at columns 0..41; `helper = LoadLibraryW(...)` on line 32, LoadLibraryW at 13..25.
      expect(loads).toEqual([
        [7, 0, 41],
        [32, 13, 25],
      ]);
      expect(last.diagnostics.every((d) => d.source === 'coinstaller-lint')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  it.skipIf(!hasNeovim())('applies the cross-file move at ui.c and writes coinstaller.c as the rule page shows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cil-nvim-move-'));
    const copy = join(dir, 'contoso-coinstaller');
    cpSync(EXAMPLE, copy, { recursive: true });
    const out = join(dir, 'action.json');
    const before = readFileSync(join(copy, 'coinstaller.c'), 'utf8');
    const uiBefore = readFileSync(join(copy, 'ui.c'), 'utf8');
    try {
      const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'server', 'neovim', 'code-action.lua')}`], {
        cwd: ROOT,
        env: {
          ...process.env,
          CIL_SERVER_CMD: JSON.stringify([process.execPath, '--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--stdio']),
          CIL_FILE: join(copy, 'ui.c'),
          CIL_ROOT: copy,
          CIL_OUT: out,
          // ui.c line 7 (0-based 6), MessageBoxW at column 5 (0-based 4)
          CIL_LINE: '6',
          CIL_COLUMN: '4',
          CIL_TITLE: 'Move ShowFirmwareWarning() into a finish-install action',
          XDG_STATE_HOME: dir,
          XDG_DATA_HOME: dir,
        },
        timeout: 50000,
        encoding: 'utf8',
      });
      expect(existsSync(out), `nvim wrote no result (status ${run.status}):\n${run.stdout}\n${run.stderr}`).toBe(true);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { status: string; titles: string[]; applied?: string };
      expect(result.status, `titles: ${result.titles.join(' | ')}\n${run.stderr}`).toBe('ok');
      expect(result.applied).toBe('Move ShowFirmwareWarning() into a finish-install action');
      expect(checkCrossFileMove(before, readFileSync(join(copy, 'coinstaller.c'), 'utf8'))).toEqual([]);
      expect(readFileSync(join(copy, 'ui.c'), 'utf8')).toBe(uiBefore);
      if (hasMingw()) for (const f of ['coinstaller.c', 'ui.c']) expect(mingwSyntaxCheck(join(copy, f)), f).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
