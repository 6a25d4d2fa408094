/**
 * lintFiles with `cache` (engine/batch/lint-cache.ts, docs/architecture.md Cache): two copies of
 * the example co-installer are two modules; what each change must relint, by hand: an edit of one
 * module's header relints that module only, a config change or another tool version relints all,
 * a cache file that is not ours is ignored, --fix entries are keyed by the fixed text.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintFiles, type LintResult, writeFixes } from '../../api/index.js';
import type { LintCacheStats } from '../../engine/index.js';

const examples = join(import.meta.dirname, '../../examples/contoso-coinstaller');
let dir: string;
const stats = (): LintCacheStats => ({ modulesCached: 0, modulesLinted: 0, filesCached: 0, filesLinted: 0 });
const summary = (results: readonly LintResult[]) => results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => `${m.ruleId}:${m.line}:${m.column}`)]);

async function run(extra: Parameters<typeof lintFiles>[1] = {}) {
  const cacheStats = stats();
  const results = await lintFiles(['a', 'b'], { cwd: dir, cache: true, cacheStats, ...extra });
  return { results, cacheStats };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cil-cache-'));
  cpSync(examples, join(dir, 'a'), { recursive: true });
  cpSync(examples, join(dir, 'b'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lintFiles with cache', () => {
  it('a warm run serves every module from the cache, with the same results and sources of files with messages only', async () => {
    const cold = await run();
    expect(cold.cacheStats).toEqual({ modulesCached: 0, modulesLinted: 2, filesCached: 0, filesLinted: 14 });
    expect(existsSync(join(dir, '.coinstaller-lint-cache'))).toBe(true);
    const warm = await run();
    expect(warm.cacheStats).toEqual({ modulesCached: 2, modulesLinted: 0, filesCached: 14, filesLinted: 0 });
    expect(summary(warm.results)).toEqual(summary(cold.results));
    // ui.c has a finding (examples/README.md): its source is the text on disk; contoso.def is not linted, contoso.h has none
    const ui = warm.results.find((r) => r.filePath === join(dir, 'a/ui.c'))!;
    expect(ui.messages.length).toBeGreaterThan(0);
    expect(ui.source).toBe(readFileSync(join(dir, 'a/ui.c'), 'utf8'));
    // the cache file holds no text
    expect(readFileSync(join(dir, '.coinstaller-lint-cache'), 'utf8')).not.toContain('SetupDiCallClassInstaller(');
  });

  it('an edit of a header relints its module only, and the finding it causes is reported', async () => {
    await run();
    const header = join(dir, 'a/contoso.h');
    writeFileSync(header, `${readFileSync(header, 'utf8')}\n/* edited */\n`);
    const after = await run();
    expect(after.cacheStats).toEqual({ modulesCached: 1, modulesLinted: 1, filesCached: 7, filesLinted: 7 });
    // a CRLF edit is a change too
    writeFileSync(header, readFileSync(header, 'utf8').replace(/\n/g, '\r\n'));
    expect((await run()).cacheStats).toEqual({ modulesCached: 1, modulesLinted: 1, filesCached: 7, filesLinted: 7 });
    expect((await run()).cacheStats.modulesLinted).toBe(0);
  });

  it('an edit of a file the model reads but the run does not report relints the reported one: the finding it made goes', async () => {
    const ui = async () => {
      const cacheStats = stats();
      const [result] = await lintFiles('a/ui.c', { cwd: dir, cache: true, cacheStats });
      return { rules: result.messages.map((m) => `${m.ruleId}:${m.line}:${m.column}`), cacheStats };
    };
    // examples/README.md: ui.c's MessageBox is reached from DIF_INSTALLDEVICE through coinstaller.c line 45
    expect((await ui()).rules).toEqual(['no-ui-outside-finish-install:7:5']);
    expect((await ui()).cacheStats.modulesCached).toBe(1);
    const coinstaller = join(dir, 'a/coinstaller.c');
    writeFileSync(coinstaller, readFileSync(coinstaller, 'utf8').replace('    ShowFirmwareWarning();', '    /* no call */'));
    expect(await ui()).toEqual({ rules: [], cacheStats: { modulesCached: 0, modulesLinted: 1, filesCached: 0, filesLinted: 1 } });
  });

  it('a config change relints every module, and its rule levels are applied', async () => {
    await run();
    writeFileSync(join(dir, 'coinstaller-lint.json'), JSON.stringify({ rules: { 'no-ui-outside-finish-install': 'off' } }));
    const after = await run();
    expect(after.cacheStats).toEqual({ modulesCached: 0, modulesLinted: 2, filesCached: 0, filesLinted: 14 });
    expect(after.results.flatMap((r) => r.messages).some((m) => m.ruleId === 'no-ui-outside-finish-install')).toBe(false);
    // a --rule override is part of the config too
    const overridden = await run({ ruleOverrides: { 'no-ui-outside-finish-install': 'warn' } });
    expect(overridden.cacheStats.modulesLinted).toBe(2);
  });

  it('another version of the tool relints every module', async () => {
    await run({ cacheTool: 'version 1' });
    expect((await run({ cacheTool: 'version 1' })).cacheStats.modulesLinted).toBe(0);
    expect((await run({ cacheTool: 'version 2' })).cacheStats.modulesLinted).toBe(2);
  });

  it('an unreadable or foreign cache file is ignored and rewritten, said through onCacheProblem', async () => {
    writeFileSync(join(dir, '.coinstaller-lint-cache'), '{ not json');
    const problems: string[] = [];
    const first = await run({ onCacheProblem: (m) => problems.push(m) });
    expect(first.cacheStats.modulesLinted).toBe(2);
    expect(problems).toEqual([`the cache file ${join(dir, '.coinstaller-lint-cache')} is not valid JSON: ignored`]);
    expect((await run()).cacheStats.modulesCached).toBe(2);
  });

  it('a cache location that is a folder gets a file named from a hash of cwd', async () => {
    mkdirSync(join(dir, 'caches'));
    await run({ cache: 'caches' });
    expect(existsSync(join(dir, '.coinstaller-lint-cache'))).toBe(false);
    const names = readdirSync(join(dir, 'caches'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^\.cache_[0-9a-f]{16}$/);
    expect((await run({ cache: 'caches/' })).cacheStats.modulesCached).toBe(2);
    // a file path is the file
    await run({ cache: 'my-cache.json' });
    expect(existsSync(join(dir, 'my-cache.json'))).toBe(true);
  });

  it('--fix: cached files with fixable messages are linted again; written fixes are served from the cache next run', async () => {
    await run();
    const fixed = await run({ fix: true });
    // the automatic fixes of the example (examples/README.md) are in coinstaller.c and updater.c of each copy, at least
    expect(fixed.cacheStats.modulesLinted).toBe(2);
    const outputs = (results: readonly LintResult[]) => results.filter((r) => r.output !== undefined).map((r) => r.filePath.slice(dir.length + 1));
    expect(outputs(fixed.results)).toEqual(expect.arrayContaining(['a/coinstaller.c', 'a/updater.c', 'b/coinstaller.c', 'b/updater.c']));
    // the same fixes as a --fix run without cache
    expect(outputs(fixed.results)).toEqual(outputs(await lintFiles(['a', 'b'], { cwd: dir, fix: true })));
    writeFixes(fixed.results);
    const after = await run();
    expect(after.cacheStats).toEqual({ modulesCached: 2, modulesLinted: 0, filesCached: 14, filesLinted: 0 });
    expect(after.results.every((r) => r.fixableErrorCount + r.fixableWarningCount === 0)).toBe(true);
    // and the cached results are those of a lint without cache
    expect(summary(after.results)).toEqual(summary(await lintFiles(['a', 'b'], { cwd: dir })));
  });
});
