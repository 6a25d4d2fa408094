/**
 * Cross-file fixes and fix titles in the language server, over JSON-RPC with the server in this
 * process (so that it runs test rules): one workspace edit with the edits of each document, other
 * documents' positions in their own lines and the negotiated encoding, never from a stale text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Node } from 'web-tree-sitter';
import type { RuleEdit, RuleModule } from '../../engine/linter/types.js';
import { startServer } from '../../server/server.js';
import { pathUri } from './support/lsp-client.js';

const docs = { description: 'test', guideline: 'test', url: 'file:///x', recommended: true };

/** `move(N);` in a.c moves before the `/* here *\/` comment of b.c, titled "Move move(N) to b.c". */
const moveToB: RuleModule = {
  meta: { type: 'problem', docs, messages: { found: 'move() here.', title: 'Move move({{n}}) to b.c' }, fixable: 'code', schema: [] },
  create(context) {
    return {
      expression_statement(node: Node) {
        const m = /^move\((\d+)\);$/.exec(node.text);
        const files = context.services.files!;
        const b = files.filePaths.find((p) => p.endsWith('b.c'));
        if (!m || !b || context.filePath === b) return;
        context.report({
          node,
          messageId: 'found',
          fixMessageId: 'title',
          fixData: { n: m[1] },
          fix: (f): RuleEdit[] => {
            const at = files.sourceCodeOf(b)!.text.indexOf('/* here */');
            return [f.remove(node), { ...f.insertTextBeforeRange([at, at], `move(${m[1]}); `), filePath: b }];
          },
        });
      },
    };
  },
};

interface Harness {
  client: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  dir: string;
}

let harness: Harness | undefined;
afterEach(async () => {
  if (!harness) return;
  await harness.client.sendRequest('shutdown').catch(() => undefined);
  harness.client.dispose();
  rmSync(harness.dir, { recursive: true, force: true });
  harness = undefined;
});

async function start(files: Record<string, string>, encodings: string[] = ['utf-16']): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cross-file-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, toServer, toClient);
  const paths = Object.keys(files).map((f) => join(dir, f));
  startServer(connection, { rules: new Map([['move-to-b', moveToB]]), locateModule: () => ({ root: dir, files: paths }) });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: { general: { positionEncodings: encodings } },
    workspaceFolders: [{ uri: pathUri(dir), name: 'ws' }],
    initializationOptions: { debounceMs: 0 },
  });
  await client.sendNotification('initialized', {});
  harness = { client, published, dir };
  return harness;
}

async function diagnosticsOf(h: Harness, uri: string, version: number): Promise<Diagnostic[]> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const last = [...h.published].reverse().find((p) => p.uri === uri);
    if (last && last.version === version) return last.diagnostics.filter((d) => d.code === 'move-to-b');
    if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function actions(h: Harness, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return h.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only } });
}

// b.c line 2 holds a comment with é (1 UTF-16 unit, 2 UTF-8 bytes) and 😀 (2 units, 4 bytes) before the insertion point
const A = (eol: string) => `void f(void)${eol}{${eol}    move(1);${eol}}${eol}`;
const B = (eol: string) => `void g(void)${eol}{${eol}    /* é😀 */ int x; /* here */${eol}}${eol}`;

describe('language server: cross-file fixes', () => {
  for (const eol of ['\n', '\r\n']) {
    const name = eol === '\n' ? 'LF' : 'CRLF';

    it(`offers the fix titled by the rule as one workspace edit over a.c and b.c, both open (${name})`, async () => {
      const h = await start({ 'a.c': A(eol), 'b.c': B(eol) });
      const [a, b] = [pathUri(join(h.dir, 'a.c')), pathUri(join(h.dir, 'b.c'))];
      await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'c', version: 3, text: B(eol) } });
      await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'c', version: 1, text: A(eol) } });
      const found = await diagnosticsOf(h, a, 1);
      expect(found).toHaveLength(1);
      const [move] = (await actions(h, a, found)).filter((x) => x.title.startsWith('Move'));
      expect(move.title).toBe('Move move(1) to b.c');
      expect(move.isPreferred).toBe(true);
      // a.c: 'move(1);' on line 2 from column 4; b.c: '/* here */' on line 2 after '    /* é😀 */ int x; ' (21 UTF-16 units)
      expect(move.edit!.changes).toEqual({
        [a]: [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } }, newText: '' }],
        [b]: [{ range: { start: { line: 2, character: 21 }, end: { line: 2, character: 21 } }, newText: 'move(1); ' }],
      });
    });
  }

  it('converts the other document’s positions in the negotiated encoding (UTF-8)', async () => {
    const h = await start({ 'a.c': A('\n'), 'b.c': B('\n') }, ['utf-8']);
    const [a, b] = [pathUri(join(h.dir, 'a.c')), pathUri(join(h.dir, 'b.c'))];
    await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'c', version: 1, text: B('\n') } });
    await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'c', version: 1, text: A('\n') } });
    const [move] = (await actions(h, a, await diagnosticsOf(h, a, 1))).filter((x) => x.title.startsWith('Move'));
    // é is 2 bytes and 😀 4: 21 UTF-16 units are 24 bytes
    expect(move.edit!.changes![b]).toEqual([{ range: { start: { line: 2, character: 24 }, end: { line: 2, character: 24 } }, newText: 'move(1); ' }]);
  });

  it('a fix into a file that is not open: the same title and edit (the file as read from disk); fix-all leaves it out', async () => {
    const h = await start({ 'a.c': A('\n'), 'b.c': B('\n') });
    const [a, b] = [pathUri(join(h.dir, 'a.c')), pathUri(join(h.dir, 'b.c'))];
    await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'c', version: 1, text: A('\n') } });
    const found = await diagnosticsOf(h, a, 1);
    const all = await actions(h, a, found);
    const [move] = all.filter((x) => x.title.startsWith('Move'));
    // every file of the module is editable in the server's lints (engine/incremental/full-module-lint.ts): still the fix
    expect(move.title).toBe('Move move(1) to b.c');
    expect(move.isPreferred).toBe(true);
    expect(move.edit!.changes![b]).toEqual([{ range: { start: { line: 2, character: 21 }, end: { line: 2, character: 21 } }, newText: 'move(1); ' }]);
    expect(await actions(h, a, found, ['source.fixAll.coinstaller-lint'])).toEqual([]);
  });

  it('never sends edits for an older text of the other document: they come from the lint of its current text', async () => {
    const h = await start({ 'a.c': A('\n'), 'b.c': B('\n') });
    const [a, b] = [pathUri(join(h.dir, 'a.c')), pathUri(join(h.dir, 'b.c'))];
    await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: b, languageId: 'c', version: 1, text: B('\n') } });
    await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri: a, languageId: 'c', version: 1, text: A('\n') } });
    const stale = await diagnosticsOf(h, a, 1);
    // two lines added at the top of b.c: '/* here */' is now on line 4
    await h.client.sendNotification('textDocument/didChange', {
      textDocument: { uri: b, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'int y;\nint z;\n' }],
    });
    const [move] = (await actions(h, a, stale)).filter((x) => x.title.startsWith('Move'));
    expect(move.edit!.changes![b]).toEqual([{ range: { start: { line: 4, character: 21 }, end: { line: 4, character: 21 } }, newText: 'move(1); ' }]);
  });
});
