/**
 * Differential: random edit scripts sent to the language server (a child process over JSON-RPC,
 * incremental sync, so incremental re-parsing) end with the same diagnostics as linting the text
 * from scratch with the Linter, edits awaited one by one or sent in a burst; and edits at the edges
 * of what LSP allows (positions past the end, split surrogate pairs, NUL characters, an empty text).
 *
 * The expected side is computed independently (test/robustness/server-differential.ts): the edits
 * are applied to a plain string, the module is linted with a fresh Linter, and offsets are turned
 * into LSP positions with LineIndex.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Linter } from '../../engine/linter/linter.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { TestClient, pathUri } from '../server/support/lsp-client.js';
import type { TempWorkspace } from '../server/support/workspace.js';
import { randomInt, seededRandom } from '../support/mutate.js';
import { realLinter } from './invariants.js';
import { applyEdit, contosoWorkspace, lintFromScratch, lspChange, randomEdit, settlesTo } from './server-differential.js';

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

describe('incremental sync and parsing against a lint from scratch', { timeout: 120_000 }, () => {
  it.each([
    [1, 'LF', 25],
    [2, 'CRLF', 25],
    [3, 'LF', 25],
    [4, 'CR', 25],
  ])('edit script %i (%s, %i edits, each awaited)', async (seed, eol, steps) => {
    ws = contosoWorkspace();
    const file = ws.path('coinstaller.c');
    let text = readFileSync(file, 'utf8');
    if (eol === 'CRLF') text = text.replace(/\r?\n/g, '\r\n');
    if (eol === 'CR') text = text.replace(/\r?\n/g, '\r');
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
