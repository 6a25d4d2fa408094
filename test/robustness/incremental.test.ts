/**
 * Differential: random edit scripts sent to the language server (a child process over JSON-RPC,
 * incremental sync, so incremental re-parsing) end with the same diagnostics as linting the text
 * from scratch with the Linter; and across the files of a module, an edit in one file gives the
 * other file the diagnostics a fresh lint of the whole module gives.
 *
 * The expected side is computed independently: the edits are applied to a plain string here, the
 * module is linted with a fresh Linter, and offsets are turned into LSP positions with LineIndex.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { builtinRules } from '../../rules/index.js';
import { ConfigResolver } from '../../engine/config/load-config.js';
import type { Linter } from '../../engine/linter/linter.js';
import type { OffsetRange } from '../../engine/linter/types.js';
import { discoverModule } from '../../engine/model/index.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { TestClient, pathUri } from '../server/support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from '../server/support/workspace.js';
import { pick, randomInt, seededRandom, type Random } from '../support/mutate.js';
import { realLinter } from './invariants.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

/** Text an edit may insert: real installer code, broken code, line breaks of every kind, non-ASCII. */
const SNIPPETS = [
  'LoadLibraryW(L"x.dll");',
  'MessageBoxW(NULL, L"hi", L"t", MB_OK);',
  'CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);',
  'case DIF_INSTALLDEVICE:',
  'case DIF_FINISHINSTALL_ACTION:',
  'return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
  'return ERROR_DI_DO_DEFAULT;',
  'break;',
  '{',
  '}',
  '(',
  ')',
  ';',
  '"',
  '/*',
  '*/',
  '// coinstaller-lint-disable-next-line no-dll-load\n',
  '#if 0\n',
  '#endif\n',
  '\n',
  '\r\n',
  '    ',
  'IN ',
  'OUT ',
  'CALLBACK ',
  '\u00e9',
  '\u{1F680}',
  'x',
  'static int g_state;',
  'void Helper(void) { LoadLibraryW(L"h"); }\n',
];

/** An offset where an editor can put the cursor: not inside a CRLF, not inside a surrogate pair. */
function cursorOffset(text: string, random: Random): number {
  let at = randomInt(random, text.length + 1);
  while (at > 0 && at < text.length) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    const splitsCrlf = before === 13 && after === 10;
    const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
    if (!splitsCrlf && !splitsPair) break;
    at--;
  }
  return at;
}

interface Edit {
  range: OffsetRange;
  text: string;
}

/** One random edit: type a snippet, delete a span, replace a span, or paste a copy of another span. */
function randomEdit(text: string, random: Random): Edit {
  const a = cursorOffset(text, random);
  const span = Math.min(text.length - a, randomInt(random, 40));
  let b = cursorOffset(text, () => (a + span) / (text.length + 1));
  if (b < a) b = a;
  switch (randomInt(random, 4)) {
    case 0:
      return { range: [a, a], text: pick(random, SNIPPETS) };
    case 1:
      return { range: [a, b], text: '' };
    case 2:
      return { range: [a, b], text: pick(random, SNIPPETS) };
    default: {
      const from = cursorOffset(text, random);
      return { range: [a, a], text: text.slice(from, cursorOffset(text, () => Math.min(1, (from + randomInt(random, 80)) / (text.length + 1)))) };
    }
  }
}

const position = (lines: LineIndex, offset: number) => lines.positionAt(offset);

/** The LSP change for an edit of `text` (positions in UTF-16, computed here, not by the server). */
function lspChange(text: string, edit: Edit) {
  const lines = new LineIndex(text);
  return { range: { start: position(lines, edit.range[0]), end: position(lines, edit.range[1]) }, text: edit.text };
}

const applyEdit = (text: string, e: Edit) => text.slice(0, e.range[0]) + e.text + text.slice(e.range[1]);

/** A diagnostic reduced to what both sides must agree on. */
interface Comparable {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number | undefined;
  code: string | number | undefined;
  message: unknown;
  related: { uri: string; range: Comparable['range'] }[];
}

function fromServer(ds: Diagnostic[]): Comparable[] {
  return ds
    .map((d) => ({
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, range: r.location.range })),
    }))
    .sort(order);
}

function order(a: Comparable, b: Comparable): number {
  return JSON.stringify([a.range, a.code, a.message]) < JSON.stringify([b.range, b.code, b.message]) ? -1 : 1;
}

let parser: CppParser;
let linter: Linter;
beforeAll(async () => {
  parser = await CppParser.create();
  linter = realLinter(parser);
});
afterAll(() => parser.delete());

/** What a fresh lint of the module gives for `target`, with `texts` for the files the editor holds. */
function fromScratch(ws: TempWorkspace, target: string, texts: ReadonlyMap<string, string>): Comparable[] {
  const resolver = new ConfigResolver(builtinRules, { cwd: ws.root, stopAt: ws.root });
  const files = discoverModule(target).files;
  const all = new Map<string, string>();
  for (const f of files) all.set(f, texts.get(f) ?? readFileSync(f, 'utf8'));
  for (const [f, t] of texts) all.set(f, t);
  const inputs = [...all].map(([filePath, text]) => ({ filePath, text, report: filePath === target }));
  const [result] = linter.lintModule(inputs, (f) => resolver.configFor(f));
  const linesOf = new Map([...all].map(([f, t]) => [f, new LineIndex(t)]));
  const lines = linesOf.get(target)!;
  return result.messages
    .map((m) => ({
      range: { start: position(lines, m.range[0]), end: position(lines, m.range[1]) },
      severity: m.severity === 2 ? 1 : 2,
      code: m.ruleId ?? undefined,
      message: m.message,
      related: (m.related ?? []).map((r) => {
        const rl = linesOf.get(r.filePath)!;
        return {
          uri: pathUri(r.filePath),
          range: r.range
            ? { start: position(rl, r.range[0]), end: position(rl, r.range[1]) }
            : { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } },
        };
      }),
    }))
    .sort(order);
}

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

/** Waits until the last publish for `uri` (at `version`, when given) equals `expected`; fails with both on timeout. */
async function settlesTo(c: TestClient, uri: string, expected: Comparable[], version?: number, what = uri): Promise<void> {
  let last: PublishDiagnosticsParams | undefined;
  try {
    await c.waitFor(`${what} to match a lint from scratch`, () => {
      last = c.lastDiagnostics(uri);
      if (!last || (version !== undefined && last.version !== version)) return undefined;
      return JSON.stringify(fromServer(last.diagnostics)) === JSON.stringify(expected) ? true : undefined;
    }, 20_000);
  } catch {
    // Show the difference, not just the timeout.
    expect({ what, version: last?.version, diagnostics: last ? fromServer(last.diagnostics) : null }).toEqual({ what, version: version ?? last?.version, diagnostics: expected });
  }
}

function contosoWorkspace(): TempWorkspace {
  const files: Record<string, string> = { 'coinstaller-lint.json': '{ "extends": "all" }\n' };
  for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) {
    files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
  }
  return tempWorkspace(files);
}

describe('incremental sync and parsing against a lint from scratch', { timeout: 120_000 }, () => {
  it.each([
    [1, 'LF', 25],
    [2, 'CRLF', 25],
    [3, 'LF', 25],
  ])('edit script %i (%s, %i edits, each awaited)', async (seed, eol, steps) => {
    ws = contosoWorkspace();
    const file = ws.path('coinstaller.c');
    let text = readFileSync(file, 'utf8');
    if (eol === 'CRLF') text = text.replace(/\r?\n/g, '\r\n');
    const uri = pathUri(file);
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    await client.open(uri, text, 1);
    const first = fromScratch(ws, file, new Map([[file, text]]));
    // The example breaks several guidelines: there is something to compare from the start.
    expect(first.length).toBeGreaterThanOrEqual(3);
    await settlesTo(client, uri, first, 1, 'version 1');
    const random = seededRandom(seed);
    let changedVersions = 0;
    for (let version = 2; version < 2 + steps; version++) {
      const before = text;
      // One to three changes in one notification; each range refers to the text after the previous change.
      const changes = [];
      for (let n = 1 + randomInt(random, 3); n > 0; n--) {
        const edit = randomEdit(text, random);
        changes.push(lspChange(text, edit));
        text = applyEdit(text, edit);
      }
      if (text !== before) changedVersions++;
      await client.change(uri, version, changes);
      await settlesTo(client, uri, fromScratch(ws, file, new Map([[file, text]])), version, `version ${version}`);
    }
    // Every version whose text changed was parsed incrementally (an edit that changes nothing needs no parse).
    const stats = await client.connection.sendRequest<{ parses: { full: number; incremental: number } }>('coinstallerLint/stats');
    expect(changedVersions).toBeGreaterThan(steps / 2);
    expect(stats.parses.incremental).toBeGreaterThanOrEqual(changedVersions);
  });

  it('a burst of 60 edits sent without waiting ends with the diagnostics of the final text', async () => {
    ws = contosoWorkspace();
    const file = ws.path('coinstaller.c');
    let text = readFileSync(file, 'utf8');
    const uri = pathUri(file);
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    await client.open(uri, text, 1);
    const random = seededRandom(4);
    let version = 1;
    for (let i = 0; i < 60; i++) {
      const edit = randomEdit(text, random);
      const change = lspChange(text, edit);
      text = applyEdit(text, edit);
      await client.change(uri, ++version, [change]);
    }
    await settlesTo(client, uri, fromScratch(ws, file, new Map([[file, text]])), version, 'the final version');
  });
});

/** Offsets strictly inside the comments of a C text (found lexically here, not by the server's parser). */
function insideComments(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g)) {
    const block = m[0].startsWith('/*');
    for (let at = m.index + 2; at <= m.index + m[0].length - (block ? 2 : 0); at++) out.push(at);
  }
  return out;
}

/** What a keystroke in a comment may type: prose, and what would end, open or continue a comment, or make it a directive. */
const COMMENT_TYPING = ['a', 'Z', ' ', '\u00e9', '\u{1F680}', '*', '/', '*/', '/*', '\\', '\n', '"', 'coinstaller-lint-disable-line ', 'DI_FLAGSEX_FINISHINSTALL_ACTION '];

describe('keystrokes inside comments (results moved, not linted again)', { timeout: 120_000 }, () => {
  it('typing and deleting inside comments ends each version with the diagnostics of a lint from scratch', async () => {
    ws = contosoWorkspace();
    const file = ws.path('coinstaller.c');
    let text = readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n');
    const uri = pathUri(file);
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    await client.open(uri, text, 1);
    await settlesTo(client, uri, fromScratch(ws, file, new Map([[file, text]])), 1, 'version 1');
    const stats = async () => (await client!.connection.sendRequest<{ moduleLints: number }>('coinstallerLint/stats')).moduleLints;
    const random = seededRandom(11);
    let plainKeystrokesWithoutLint = 0;
    for (let version = 2; version < 42; version++) {
      const spots = insideComments(text);
      const at = spots[randomInt(random, spots.length)];
      const edit: Edit = randomInt(random, 4) === 0 ? { range: [at, Math.min(at + 1 + randomInt(random, 3), text.length)], text: '' } : { range: [at, at], text: pick(random, COMMENT_TYPING) };
      const plain = /^[a-zA-Z ]$/.test(edit.text) && !/[*/\\\r\n]/.test(text[at - 1]);
      const change = lspChange(text, edit);
      text = applyEdit(text, edit);
      const lintsBefore = await stats();
      await client.change(uri, version, [change]);
      await settlesTo(client, uri, fromScratch(ws, file, new Map([[file, text]])), version, `version ${version}`);
      if (plain && (await stats()) === lintsBefore) plainKeystrokesWithoutLint++;
    }
    // Letters typed in plain comments were answered by moving the last results.
    expect(plainKeystrokesWithoutLint).toBeGreaterThan(3);
  });
});

describe('edits at the edges of what LSP allows', { timeout: 120_000 }, () => {
  it('positions past the end, split surrogate pairs, NUL characters, an empty text: the server follows LSP and equals a lint from scratch', async () => {
    ws = contosoWorkspace();
    const file = ws.path('coinstaller.c');
    let text = readFileSync(file, 'utf8');
    const uri = pathUri(file);
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    await client.open(uri, text, 1);
    // LSP: a line past the last means the end of the text; a character past a line's end means the end of its content.
    const offsetOf = (t: string, p: { line: number; character: number }) => new LineIndex(t).offsetAt(p.line, p.character);
    const at = (line: number, character: number) => ({ line, character });
    const steps: { range?: { start: ReturnType<typeof at>; end: ReturnType<typeof at> }; text: string }[] = [
      { range: { start: at(1_000_000, 5), end: at(1_000_001, 0) }, text: '/* appended */' },
      { range: { start: at(2, 100_000), end: at(2, 100_000) }, text: ' /* end of line 3 */' },
      // A surrogate pair typed in two changes: the first leaves a lone high surrogate in the text.
      { range: { start: at(0, 1), end: at(0, 1) }, text: '\uD83D' },
      { range: { start: at(0, 2), end: at(0, 2) }, text: '\uDE80' },
      { text: text.replace(/;/g, ';\0') },
      { range: { start: at(0, 0), end: at(1_000_000, 0) }, text: '' },
      { text: text.replace(/\r?\n/g, '\r\n') },
      { range: { start: at(5, 0), end: at(9, 100_000) }, text: 'LoadLibraryW(L"x");' },
    ];
    let version = 1;
    for (const step of steps) {
      if (step.range) {
        const start = offsetOf(text, step.range.start);
        const end = offsetOf(text, step.range.end);
        text = text.slice(0, start) + step.text + text.slice(end);
        await client.change(uri, ++version, [{ range: step.range, text: step.text }]);
      } else {
        text = step.text;
        await client.change(uri, ++version, [{ text: step.text }]);
      }
      await settlesTo(client, uri, fromScratch(ws, file, new Map([[file, text]])), version, `version ${version}`);
    }
    // Still answering, and holding one tree for its one document.
    const stats = await client.connection.sendRequest<{ openDocuments: number; liveDocumentTrees: number }>('coinstallerLint/stats');
    expect(stats).toMatchObject({ openDocuments: 1, liveDocumentTrees: 1 });
  });
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
