/**
 * writeFixes (api/write-fixes.ts, engine/text/fix-write.ts): nothing lost. A file edited after
 * the lint read it keeps the edit (size, modification time and hash are checked), a file is
 * replaced through a temporary file with its mode and owner kept, a symbolic link that leaves the
 * linted folders is linted but its target never written, and every file not written says why in
 * its own result (README, Security). C and C++, LF and CRLF.
 */
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintFiles, type LintResult, writeFixes } from '../../api/index.js';
import { isRoot, NOBODY } from '../support/unprivileged.js';
import { FIX_WRITE_CASES, fixableClassInstaller, FORBIDDEN } from '../support/fixable-installer.js';

const fixable = (eol: string) => fixableClassInstaller(eol);
const CASES = FIX_WRITE_CASES;

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-write-fixes-')));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Two modules, each a folder of its own with one fixable file: m1/a.<ext> is linted first. */
function twoModules(ext: string, eol: string): { first: string; second: string } {
  mkdirSync(join(dir, 'm1'));
  mkdirSync(join(dir, 'm2'));
  const first = join(dir, 'm1', `a.${ext}`);
  const second = join(dir, 'm2', `b.${ext}`);
  writeFileSync(first, fixable(eol));
  writeFileSync(second, fixable(eol));
  return { first, second };
}

const notices = (r: LintResult | undefined) => (r?.messages ?? []).filter((m) => m.ruleId === null).map((m) => [m.severity, m.message]);

describe.each(CASES)('writeFixes on $lang, $eolName', ({ ext, eol }) => {
  it('keeps a line an editor appended while the lint ran: that file is not written, says why and counts as an error; the other is fixed', async () => {
    const { first, second } = twoModules(ext, eol);
    const appended = `${fixable(eol)}// saved by the editor during the lint${eol}`;
    let edited = false;
    const results = await lintFiles(['m1', 'm2'], {
      cwd: dir,
      fix: true,
      // called after each module: m1 is linted (and read), m2 not yet
      onProgress: () => {
        if (edited) return;
        edited = true;
        writeFileSync(first, appended);
      },
    });
    expect(results.map((r) => r.output !== undefined)).toEqual([true, true]);
    const written = writeFixes(results);
    expect(readFileSync(first, 'utf8')).toBe(appended);
    expect(readFileSync(second, 'utf8')).not.toContain(FORBIDDEN);
    expect(readFileSync(second, 'utf8')).toContain(`if (SetupGetNonInteractiveMode())${eol}            return ERROR_DI_DO_DEFAULT;`);
    expect(notices(written[0])).toEqual([[2, 'not fixed: the file changed on disk since it was read; lint it again']]);
    expect(written[0]).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    expect(notices(written[1])).toEqual([]);
    expect(written[1].errorCount).toBe(0);
    // no temporary file is left behind
    expect(readdirSync(join(dir, 'm1')).sort()).toEqual([`a.${ext}`]);
    expect(readdirSync(join(dir, 'm2')).sort()).toEqual([`b.${ext}`]);
  });

  it('on worker threads too: the read stamps travel back with the results', async () => {
    const files = ['m1', 'm2', 'm3'].map((m) => {
      mkdirSync(join(dir, m));
      writeFileSync(join(dir, m, `a.${ext}`), fixable(eol));
      return join(dir, m, `a.${ext}`);
    });
    const appended = `${fixable(eol)}// saved by the editor during the lint${eol}`;
    let edited = false;
    // every module is read before any is handed to a worker: after the first one is done, all were read
    const results = await lintFiles(['m1', 'm2', 'm3'], {
      cwd: dir,
      fix: true,
      threads: 2,
      onProgress: () => {
        if (edited) return;
        edited = true;
        for (const f of files) writeFileSync(f, appended);
      },
    });
    expect(results.map((r) => r.output !== undefined)).toEqual([true, true, true]);
    const written = writeFixes(results);
    expect(files.map((f) => readFileSync(f, 'utf8') === appended)).toEqual([true, true, true]);
    expect(written.map((r) => notices(r).length)).toEqual([1, 1, 1]);
  });

  it('sees an edit of the same size with the modification time put back: the hash differs', async () => {
    const { first } = twoModules(ext, eol);
    const whole = new Date('2026-01-02T03:04:05Z');
    utimesSync(first, whole, whole);
    const results = await lintFiles(['m1'], { cwd: dir, fix: true });
    // the same length, one letter changed, and the old time
    const sameSize = fixable(eol).replace('ContosoClassInstall', 'ContosoClassInstalL');
    writeFileSync(first, sameSize);
    utimesSync(first, whole, whole);
    expect(statSync(first).mtimeMs).toBe(results[0].readStamp?.mtimeMs);
    expect(statSync(first).size).toBe(results[0].readStamp?.size);
    const written = writeFixes(results);
    expect(readFileSync(first, 'utf8')).toBe(sameSize);
    expect(notices(written[0])).toEqual([[2, 'not fixed: the file changed on disk since it was read; lint it again']]);
  });

  it('a file replaced by a folder after the lint is left alone, with its message', async () => {
    const { first } = twoModules(ext, eol);
    const results = await lintFiles(['m1'], { cwd: dir, fix: true });
    rmSync(first);
    mkdirSync(first);
    const written = writeFixes(results);
    expect(statSync(first).isDirectory()).toBe(true);
    expect(notices(written[0])).toEqual([[2, 'not fixed: the file is no longer a regular file; lint it again']]);
  });

  it('keeps the file mode and, as root, the owner; the file is replaced, not written in place', async () => {
    const { first } = twoModules(ext, eol);
    chmodSync(first, 0o640);
    if (isRoot()) chownSync(first, NOBODY, NOBODY);
    const inodeBefore = statSync(first).ino;
    const written = writeFixes(await lintFiles(['m1'], { cwd: dir, fix: true }));
    expect(notices(written[0])).toEqual([]);
    const after = statSync(first);
    expect(readFileSync(first, 'utf8')).not.toContain(FORBIDDEN);
    expect(after.mode & 0o7777).toBe(0o640);
    if (isRoot()) expect([after.uid, after.gid]).toEqual([NOBODY, NOBODY]);
    // renamed over it: a reader holding the old file never sees half a text
    expect(after.ino).not.toBe(inodeBefore);
  });

  it('never writes through a symbolic link that leaves the linted folder; says so once for that file', async () => {
    mkdirSync(join(dir, 'tree'));
    mkdirSync(join(dir, 'outside'));
    const victim = join(dir, 'outside', `victim.${ext}`);
    writeFileSync(victim, fixable(eol));
    symlinkSync(`../outside/victim.${ext}`, join(dir, 'tree', `link.${ext}`));
    const results = await lintFiles(['tree'], { cwd: dir, fix: true });
    // linted: the fix is computed
    expect(results[0].output).toBeDefined();
    const written = writeFixes(results);
    expect(readFileSync(victim, 'utf8')).toBe(fixable(eol));
    expect(notices(written[0])).toEqual([
      [2, `not fixed: the file is reached through a symbolic link that leaves the linted folders (it is ${victim}); --fix writes only inside them`],
    ]);
    // the file keeps its findings on disk: the run fails
    expect(written[0].errorCount).toBe(results[0].errorCount + 1);
  });

  it('writes through a symbolic link that stays inside the linted folder: the target changes, the link stays a link', async () => {
    mkdirSync(join(dir, 'tree'));
    const target = join(dir, 'tree', `real.${ext}`);
    writeFileSync(target, fixable(eol));
    const link = join(dir, 'tree', `link.${ext}`);
    symlinkSync(`real.${ext}`, link);
    // only the link is linted: the glob does not match real.<ext>
    const results = await lintFiles([`tree/link.${ext}`], { cwd: dir, fix: true });
    const written = writeFixes(results);
    expect(notices(written[0])).toEqual([]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(`real.${ext}`);
    expect(readFileSync(target, 'utf8')).not.toContain(FORBIDDEN);
  });

  it('a file whose name takes 250 bytes is written too (the temporary file name stays short enough)', async () => {
    mkdirSync(join(dir, 'long'));
    const file = join(dir, 'long', `${'contoso'.repeat(35)}.${ext}`.padStart(250, 'x'));
    writeFileSync(file, fixable(eol));
    const written = writeFixes(await lintFiles(['long'], { cwd: dir, fix: true }));
    expect(notices(written[0])).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toContain(FORBIDDEN);
  });

  it('a file reached twice (itself and a link to it) is written once', async () => {
    mkdirSync(join(dir, 'tree'));
    const target = join(dir, 'tree', `real.${ext}`);
    writeFileSync(target, fixable(eol));
    symlinkSync(`real.${ext}`, join(dir, 'tree', `alias.${ext}`));
    const results = await lintFiles(['tree'], { cwd: dir, fix: true });
    expect(results.map((r) => r.output !== undefined)).toEqual([true, true]);
    const written = writeFixes(results);
    const fixedText = readFileSync(target, 'utf8');
    expect(fixedText).toBe(results[1].output);
    // alias.<ext> comes first in path order: it is the one written, real.<ext> is the same file
    expect(notices(written[0])).toEqual([]);
    expect(notices(written[1])).toEqual([[1, `not fixed again: the same file as ${join(dir, 'tree', `alias.${ext}`)} (a symbolic link)`]]);
  });
});
