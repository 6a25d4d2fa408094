/**
 * `--fix` on the command line when a file cannot or must not be written (README, Security;
 * api/write-fixes.ts): the file gets its own fatal message, the other files are fixed, the whole
 * report is printed, and the exit status is 1 (errors), not 2 (an internal error).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../cli/main.js';
import { openToOthers, runNodeScript } from '../support/unprivileged.js';
import { FIX_WRITE_CASES, fixableClassInstaller, FORBIDDEN } from '../support/fixable-installer.js';

const fixable = (eol: string) => fixableClassInstaller(eol);
const CASES = FIX_WRITE_CASES;

interface JsonResult {
  filePath: string;
  errorCount: number;
  messages: { ruleId: string | null; severity: number; fatal?: boolean; message: string }[];
}

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-fix-write-')));
});
afterEach(() => {
  // a locked folder cannot be emptied otherwise (when not root)
  for (const locked of [join(dir, 'locked')]) {
    try {
      chmodSync(locked, 0o755);
    } catch {
      // not there
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  return { status: await run(args, io), stdout, stderr };
}

describe.each(CASES)('--fix on $lang, $eolName', ({ ext, eol }) => {
  it('an unwritable file (EACCES) gets its fatal message, the other file is fixed, the whole report is printed, exit status 1', () => {
    // as root permissions do not apply: the run happens as "nobody" (test/support/unprivileged.ts)
    openToOthers(dir);
    mkdirSync(join(dir, 'locked'));
    mkdirSync(join(dir, 'open'));
    const locked = join(dir, 'locked', `a.${ext}`);
    const open = join(dir, 'open', `b.${ext}`);
    writeFileSync(locked, fixable(eol));
    writeFileSync(open, fixable(eol));
    chmodSync(locked, 0o444);
    chmodSync(join(dir, 'locked'), 0o555);
    chmodSync(open, 0o666);
    chmodSync(join(dir, 'open'), 0o777);
    const main = pathToFileURL(join(import.meta.dirname, '../../cli/main.ts')).href;
    const r = runNodeScript(`import { run } from ${JSON.stringify(main)};\nprocess.exitCode = await run(['--fix', '--format', 'json', '.']);`, dir);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonResult[];
    expect(report.map((f) => f.filePath)).toEqual([locked, open]);
    expect(report[0].messages).toHaveLength(1);
    expect(report[0].messages[0]).toMatchObject({ ruleId: null, severity: 2, fatal: true });
    expect(report[0].messages[0].message).toMatch(
      new RegExp(`^could not write the fixes: EACCES: permission denied, open '${join(dir, 'locked')}/\\.a\\.${ext}\\.[0-9]+-[0-9a-f]{8}\\.coinstaller-lint\\.tmp'; the file is unchanged$`),
    );
    expect(report[1].messages).toEqual([]);
    expect(readFileSync(locked, 'utf8')).toBe(fixable(eol));
    expect(readFileSync(open, 'utf8')).not.toContain(FORBIDDEN);
    expect(readFileSync(open, 'utf8')).toContain(`if (SetupGetNonInteractiveMode())${eol}            return ERROR_DI_DO_DEFAULT;`);
  });

  it('a file reached through a link that leaves the linted folder is linted, not written, and said so once', async () => {
    mkdirSync(join(dir, 'tree'));
    mkdirSync(join(dir, 'outside'));
    const victim = join(dir, 'outside', `victim.${ext}`);
    writeFileSync(victim, fixable(eol));
    writeFileSync(join(dir, 'tree', `own.${ext}`), fixable(eol));
    symlinkSync(`../outside/victim.${ext}`, join(dir, 'tree', `link.${ext}`));
    const r = await cli(['--fix', 'tree']);
    expect(r.status).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe(fixable(eol));
    expect(readFileSync(join(dir, 'tree', `own.${ext}`), 'utf8')).not.toContain(FORBIDDEN);
    const note = `not fixed: the file is reached through a symbolic link that leaves the linted folders (it is ${victim}); --fix writes only inside them`;
    expect(r.stdout.split(note).length - 1).toBe(1);
    expect(r.stdout).toContain(`tree/link.${ext}\n  1:1  error  ${note}`);
  });
});
