import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { generateModule } from '../../bench/installer-module.js';

const roots: string[] = [];
const tempRoot = () => {
  const r = mkdtempSync(path.join(tmpdir(), 'corpus-'));
  roots.push(r);
  return r;
};
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** What each rule's finding starts at, per docs/installer-facts.md and the rule docs (docs/rules/). */
const STARTS: Record<string, RegExp> = {
  'no-ui-outside-finish-install': /^MessageBoxW\(/,
  // a #pragma from its #, the name that is the problem otherwise (docs/rules/no-dll-load.md)
  'no-dll-load': /^(LoadLibraryW\(|#pragma comment\(lib, ")/,
  'no-process-outside-finish-install': /^CreateProcessW\(/,
  'wait-for-finish-install-process': /^CreateProcessW\(/,
  'no-service-control': /^StartServiceW\(/,
  'no-default-dif-handler-call': /^SetupDiRemoveDevice\(/,
  'no-file-queue-call': /^SetupQueueCopyW\(/,
  'no-state-in-dll': /^g_InstallCount\+\+/,
  'no-reserved-dif-code': /^DIF_(ASSIGNRESOURCES|CALCDISKSPACE|DETECTVERIFY|ENABLECLASS)\b/,
  'unhandled-dif-return-code': /^ERROR_DI_DO_DEFAULT;/,
  'no-interactive-windowstation-error': /^ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;/,
  // the field written, not the structure (docs/rules/finish-install-flag-placement.md)
  'finish-install-flag-placement': /^FlagsEx \|= DI_FLAGSEX_FINISHINSTALL_ACTION;/,
  // one finding per registration, at its value (docs/rules/inf-no-legacy-installer.md)
  'inf-no-legacy-installer': /^"[a-z0-9]+\.dll,\w+"/,
};

describe('generated corpus', () => {
  it('is the same for the same seed, and differs for another', () => {
    const a = generateModule(7, 3, 8000);
    const b = generateModule(7, 3, 8000);
    const c = generateModule(8, 3, 8000);
    expect(b).toEqual(a);
    expect(c.files.map((f) => f.text).join('')).not.toBe(a.files.map((f) => f.text).join(''));
  });

  it('makes a module independent of the modules before it', () => {
    const root = tempRoot();
    const manifest = generateCorpus({ root, seed: 5, modules: 4, moduleBytes: 4000 });
    const fourth = generateModule(5, 3, 4000);
    for (const f of fourth.files) expect(readFileSync(path.join(root, f.path), 'utf8')).toBe(f.text);
    expect(manifest.findings.slice(-fourth.findings.length)).toEqual(fourth.findings);
  });

  it('writes modules until the size is reached, and reuses a corpus already written', () => {
    const root = tempRoot();
    const m = generateCorpus({ root, seed: 1, targetBytes: 300_000, moduleBytes: 20_000 });
    expect(m.bytes).toBeGreaterThanOrEqual(300_000);
    expect(m.modules).toBeGreaterThan(3);
    const again = generateCorpus({ root, seed: 1, targetBytes: 300_000, moduleBytes: 20_000 });
    expect(again).toEqual(m);
  });

  it('varies its shapes: entry styles, installer kinds, line endings, subfolders', () => {
    const modules = Array.from({ length: 40 }, (_, i) => generateModule(3, i, 2000));
    const texts = modules.flatMap((m) => m.files);
    const entries = texts.filter((f) => /\/[a-z]+\d+\.c$/.test(f.path) && f.text.includes('InstallFunction'));
    expect(entries.some((f) => f.text.includes('switch (InstallFunction)'))).toBe(true);
    expect(entries.some((f) => f.text.includes('} else if (InstallFunction =='))).toBe(true);
    expect(entries.some((f) => f.text.includes('PCOINSTALLER_CONTEXT_DATA Context)'))).toBe(true);
    expect(entries.some((f) => !f.text.includes('PCOINSTALLER_CONTEXT_DATA'))).toBe(true);
    expect(texts.some((f) => f.text.includes('\r\n'))).toBe(true);
    expect(texts.some((f) => !f.text.includes('\r'))).toBe(true);
    expect(texts.some((f) => f.path.includes('/src/'))).toBe(true);
    expect(texts.some((f) => f.path.endsWith('.def'))).toBe(true);
  });

  it('records each planted finding where its token is', () => {
    const modules = Array.from({ length: 30 }, (_, i) => generateModule(9, i, 3000));
    const seen = new Set<string>();
    for (const m of modules) {
      const byPath = new Map(m.files.map((f) => [f.path, f.text]));
      for (const f of m.findings) {
        const lines = byPath.get(f.file)!.split(/\r?\n/);
        const at = lines[f.line - 1].slice(f.column - 1);
        expect(at, `${f.ruleId} at ${f.file}:${f.line}:${f.column}`).toMatch(STARTS[f.ruleId]);
        seen.add(f.ruleId);
      }
    }
    // every rule gets planted somewhere in 30 modules
    expect([...seen].sort()).toEqual(Object.keys(STARTS).sort());
  });
});
