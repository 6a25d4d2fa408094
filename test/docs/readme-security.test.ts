/**
 * The README's Security section against the code: the message it quotes is the one the tool
 * gives, and the -o refusals it lists happen (the behaviour itself is tested in
 * test/api/write-fixes.test.ts, test/cli/fix-write.test.ts, test/cli/output-file.test.ts and
 * test/robustness/include-reads.test.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFile } from '../../cli/output-file.js';
import { readSourceFile } from '../../engine/text/source-file.js';
import { writeIfUnchanged } from '../../engine/text/fix-write.js';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const security = readme.slice(readme.indexOf('## Security'));
/** The section as one line: quoted text may wrap. */
const flat = security.replace(/\s*\n\s*/g, ' ');

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-readme-security-')));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('README, Security', () => {
  it('quotes the message of a file changed since it was read, word for word', () => {
    const file = join(dir, 'a.c');
    writeFileSync(file, 'int x;\n');
    const read = readSourceFile(file);
    if (!read.ok) throw new Error(read.message);
    writeFileSync(file, 'int y;\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const outcome = writeIfUnchanged(file, new TextEncoder().encode('int z;\n'), read.stamp);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(flat).toContain(`\`${outcome.message}\``);
    expect(readFileSync(file, 'utf8')).toBe('int y;\n');
  });

  it('lists refusals of -o that happen: a source, a config, a symbolic link, a folder, a device, a path under a file, /proc, a new folder outside', () => {
    writeFileSync(join(dir, 'a.c'), '');
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), '');
    mkdirSync(join(dir, 'reports'));
    symlinkSync('notes.txt', join(dir, 'link.txt'));
    for (const path of ['a.c', 'coinstaller-lint.json', 'link.txt', 'reports', '/dev/full', 'notes.txt/x', '/proc/self/nonexist/x', '../outside/new/report.txt']) {
      expect({ path, ok: checkOutputFile(path, dir).ok }).toEqual({ path, ok: false });
    }
    expect(flat).toContain('missing folders are created only inside the current folder');
    expect(checkOutputFile('new/report.txt', dir).ok).toBe(true);
  });
});
