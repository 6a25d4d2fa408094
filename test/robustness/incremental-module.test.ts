/**
 * Differential: across the files of a module, an edit in one file sent to the language server
 * gives the other file the diagnostics a fresh lint of the whole module with the Linter gives.
 *
 * The expected side is computed independently (test/robustness/server-differential.ts): the edits
 * are applied to a plain string, the module is linted with a fresh Linter, and offsets are turned
 * into LSP positions with LineIndex.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Linter } from '../../engine/linter/linter.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { TestClient, pathUri } from '../server/support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from '../server/support/workspace.js';
import { seededRandom } from '../support/mutate.js';
import { realLinter } from './invariants.js';
import { applyEdit, lintFromScratch, lspChange, randomEdit, settlesTo, type Edit } from './server-differential.js';

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => parser.delete());

const fromScratch = (ws: TempWorkspace, target: string, texts: ReadonlyMap<string, string>) => lintFromScratch(linter, ws, target, texts);

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

describe('across the files of a module', { timeout: 120_000 }, () => {
  /** helper.c: LoadHelper loads a DLL; co.c calls it under DIF_INSTALLDEVICE. */
  const HELPER = ['#include <windows.h>', '', 'void LoadHelper(void)', '{', '    LoadLibraryW(L"helper.dll");', '}', ''].join('\n');
  const ENTRY = [
    '#include <windows.h>',
    '#include <setupapi.h>',
    'void LoadHelper(void);',
    '',
    'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
    '                           PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        LoadHelper();',
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');

  it('random edits in the helper file and in the entry point: both files end as a fresh lint of the module says', async () => {
    ws = tempWorkspace({ 'co.c': ENTRY, 'helper.c': HELPER, 'coinstaller-lint.json': '{ "extends": "all" }\n' });
    const co = ws.path('co.c');
    const helper = ws.path('helper.c');
    const texts = new Map([
      [co, ENTRY],
      [helper, HELPER],
    ]);
    const versions = new Map([
      [co, 1],
      [helper, 1],
    ]);
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    await client.open(pathUri(helper), HELPER, 1);
    await client.open(pathUri(co), ENTRY, 1);
    await settlesTo(client, pathUri(helper), fromScratch(ws, helper, texts), undefined, 'helper.c at first');
    // The call chain is what links the two: the helper's finding must start out present.
    expect(fromScratch(ws, helper, texts).some((d) => d.code === 'no-dll-load' && d.related.some((r) => r.uri === pathUri(co)))).toBe(true);
    const random = seededRandom(5);
    for (let step = 0; step < 16; step++) {
      // Mostly the helper; sometimes the entry point; now and then the edit that cuts or restores the chain.
      const target = random() < 0.7 ? helper : co;
      let text = texts.get(target)!;
      let edit: Edit;
      const call = text.indexOf('LoadHelper();');
      if (target === co && call >= 0 && random() < 0.5) edit = { range: [call, call + 'LoadHelper();'.length], text: ';' };
      else edit = randomEdit(text, random);
      const change = lspChange(text, edit);
      text = applyEdit(text, edit);
      texts.set(target, text);
      const version = versions.get(target)! + 1;
      versions.set(target, version);
      await client.change(pathUri(target), version, [change]);
      for (const f of [co, helper]) await settlesTo(client, pathUri(f), fromScratch(ws, f, texts), f === target ? version : undefined, `${f.slice(ws.root.length + 1)} after step ${step}`);
    }
  });

  it('restoring the call in the entry point brings the helper finding back, with the chain into the entry point', async () => {
    ws = tempWorkspace({ 'co.c': ENTRY, 'helper.c': HELPER, 'coinstaller-lint.json': '{ "extends": "all" }\n' });
    const co = ws.path('co.c');
    const helper = ws.path('helper.c');
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    await client.open(pathUri(helper), HELPER, 1);
    await client.open(pathUri(co), ENTRY, 1);
    const lines = new LineIndex(ENTRY);
    const at = ENTRY.indexOf('LoadHelper();');
    // Cut the call, then type it back one character at a time.
    await client.change(pathUri(co), 2, [{ range: { start: lines.positionAt(at), end: lines.positionAt(at + 13) }, text: '' }]);
    let text = ENTRY.slice(0, at) + ENTRY.slice(at + 13);
    let version = 2;
    for (const ch of 'LoadHelper();') {
      const l = new LineIndex(text);
      const p = l.positionAt(at + (text.length - (ENTRY.length - 13)));
      await client.change(pathUri(co), ++version, [{ range: { start: p, end: p }, text: ch }]);
      text = text.slice(0, at + (text.length - (ENTRY.length - 13))) + ch + text.slice(at + (text.length - (ENTRY.length - 13)));
    }
    expect(text).toBe(ENTRY);
    const texts = new Map([
      [co, text],
      [helper, HELPER],
    ]);
    await settlesTo(client, pathUri(co), fromScratch(ws, co, texts), version, 'co.c restored');
    await settlesTo(client, pathUri(helper), fromScratch(ws, helper, texts), undefined, 'helper.c after the restore');
    const load = fromScratch(ws, helper, texts).filter((d) => d.code === 'no-dll-load');
    expect(load.map((d) => d.range)).toEqual([{ start: { line: 4, character: 4 }, end: { line: 4, character: 16 } }]);
  });
});
