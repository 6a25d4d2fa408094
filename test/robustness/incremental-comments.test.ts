/**
 * Differential: keystrokes inside comments sent to the language server (the results are moved
 * over such an edit, engine/incremental/comment-edit-shift.ts, instead of linting again) end each
 * version with the diagnostics of a lint of the text from scratch with the Linter.
 *
 * The expected side is computed independently (test/robustness/server-differential.ts): the edits
 * are applied to a plain string, the module is linted with a fresh Linter, and offsets are turned
 * into LSP positions with LineIndex.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Linter } from '../../engine/linter/linter.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { TestClient, pathUri } from '../server/support/lsp-client.js';
import type { TempWorkspace } from '../server/support/workspace.js';
import { pick, randomInt, seededRandom } from '../support/mutate.js';
import { realLinter } from './invariants.js';
import { applyEdit, contosoWorkspace, lintFromScratch, lspChange, settlesTo, type Edit } from './server-differential.js';

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
