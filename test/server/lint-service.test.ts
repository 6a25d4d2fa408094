/** The server's lint service in-process: rule failures logged once, caching by version, module re-use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import type { RuleModule } from '../../engine/linter/types.js';
import { CppParser } from '../../engine/parsing/cpp-parser.js';
import { OpenDocuments } from '../../server/documents/open-documents.js';
import { ConfigStore } from '../../server/lint/config-store.js';
import { DiskFiles } from '../../server/lint/disk-files.js';
import { LintService } from '../../server/lint/lint-service.js';
import { Logger } from '../../server/logger.js';
import { defaultServerSettings } from '../../server/protocol/settings.js';
import { pathUri } from './support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from './support/workspace.js';

const docs = { description: 'd', guideline: 'g', url: 'file:///x', recommended: true };
const badCall: RuleModule = {
  meta: { type: 'problem', docs, messages: { bad: 'bad() called.' }, schema: [] },
  create: (context) => ({
    call_expression(node: Node) {
      const fn = node.childForFieldName('function')!;
      if (fn.text === 'bad') context.report({ node: fn, messageId: 'bad' });
    },
  }),
};
const throws: RuleModule = {
  meta: { type: 'problem', docs, messages: { m: 'm' }, schema: [] },
  create: () => ({
    call_expression() {
      throw new Error('boom');
    },
  }),
};

let parser: CppParser;
let ws: TempWorkspace;
beforeAll(async () => {
  parser = await CppParser.create();
  ws = tempWorkspace({ 'a.c': 'void f(void) { bad(); }\n', 'b.c': 'void g(void) { }\n' });
});
afterAll(() => {
  parser.delete();
  ws.remove();
});

function service(logs: string[]) {
  const rules = new Map([
    ['bad-call', badCall],
    ['throws', throws],
  ]);
  const documents = new OpenDocuments();
  const configs = new ConfigStore(rules);
  configs.setFolders([ws.root]);
  configs.setSettings(null, defaultServerSettings());
  const disk = new DiskFiles(documents.parseCounts, () => 1 << 20);
  const logger = new Logger((_type, message) => logs.push(message), () => 'off');
  const lint = new LintService({
    rules,
    parser,
    documents,
    disk,
    configs,
    logger,
    modelProvider: () => ({}),
    locateModule: () => ({ root: ws.root, files: [ws.path('a.c'), ws.path('b.c')] }),
  });
  return { lint, documents, disk };
}

describe('LintService', () => {
  it('logs a throwing rule once, and the other rules still report', () => {
    const logs: string[] = [];
    const { lint, documents, disk } = service(logs);
    const uri = pathUri(ws.path('a.c'));
    const doc = documents.open(uri, 'c', 1, 'void f(void) { bad(); }\n');
    const first = lint.lintFile(ws.path('a.c'));
    expect(first.messages.filter((m) => m.ruleId === 'bad-call').map((m) => m.range)).toEqual([[15, 18]]);
    expect(first.messages.find((m) => m.ruleId === 'throws')?.message).toMatch(/Internal error in rule throws: boom/);
    doc.apply([{ text: 'void f(void) { bad(); bad(); }\n' }], 2, 'utf-16');
    const second = lint.lintFile(ws.path('a.c'));
    expect(second.messages.filter((m) => m.ruleId === 'bad-call')).toHaveLength(2);
    expect(logs.filter((l) => l.includes('Rule throws failed'))).toHaveLength(1);
    documents.dispose();
    disk.dispose();
  });

  it('reuses the cached result while nothing changed, and re-lints after an edit or a change on disk', () => {
    const { lint, documents, disk } = service([]);
    const doc = documents.open(pathUri(ws.path('a.c')), 'c', 1, 'void f(void) { bad(); }\n');
    const first = lint.lintFile(ws.path('a.c'));
    expect(lint.lintFile(ws.path('a.c'))).toBe(first);
    expect(lint.lintCount).toBe(1);
    doc.apply([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }], 2, 'utf-16');
    const second = lint.lintFile(ws.path('a.c'));
    expect(second.version).toBe(2);
    expect(second.resultId).not.toBe(first.resultId);
    lint.diskChanged([ws.path('b.c')], false);
    lint.lintFile(ws.path('a.c'));
    expect(lint.lintCount).toBe(3);
    // Both files parsed fully once; the edited one incrementally after that; b.c again after its change.
    expect(documents.parseCounts).toEqual({ full: 3, incremental: 1 });
    documents.dispose();
    disk.dispose();
  });

  it('after a workspace lint of every file, a keystroke lints (reports) the open file only', () => {
    const { lint, documents, disk } = service([]);
    const a = ws.path('a.c');
    const b = ws.path('b.c');
    expect([...lint.lintModuleOf(a, [a, b]).files.keys()].sort()).toEqual([a, b]);
    const doc = documents.open(pathUri(a), 'c', 1, 'void f(void) { bad(); }\n');
    doc.apply([{ text: 'void f(void) { bad(); bad(); }\n' }], 2, 'utf-16');
    const module = lint.lintModuleOf(a, [a]);
    expect([...module.files.keys()]).toEqual([a]);
    expect(module.files.get(a)!.messages.filter((m) => m.ruleId === 'bad-call')).toHaveLength(2);
    documents.dispose();
    disk.dispose();
  });
});
