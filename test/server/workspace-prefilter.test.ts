/**
 * The workspace index uses the command line's fast path (server/providers/workspace-indexing.ts,
 * engine/batch/prefilter.ts): a module none of whose files has an installer signal is read but
 * not parsed nor linted; an installer's module is. Seen through `coinstallerLint/stats`: the
 * index's counts, the session's parses and module lints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from './support/lsp-client.js';
import { CO_INSTALLER, tempWorkspace, type TempWorkspace } from './support/workspace.js';

let client: TestClient | undefined;
let ws: TempWorkspace | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  ws?.remove();
  ws = undefined;
});

interface Stats {
  parses: { full: number; incremental: number };
  moduleLints: number;
  index: { modules: number; modulesSkipped: number; filesRead: number };
}

const variants = [
  { lang: 'C', ext: 'c', eol: '\n', eolName: 'LF' },
  { lang: 'C', ext: 'c', eol: '\r\n', eolName: 'CRLF' },
  { lang: 'C++', ext: 'cpp', eol: '\n', eolName: 'LF' },
  { lang: 'C++', ext: 'cpp', eol: '\r\n', eolName: 'CRLF' },
];

describe.each(variants)('workspace index prefilter ($lang, $eolName)', ({ ext, eol }) => {
  const lines = (...l: string[]) => l.join(eol) + eol;

  it('reads a module without installer signal but does not parse it; the installer module is linted', async () => {
    ws = tempWorkspace({
      // a helper library: functions, a header, no installer type nor INF registration
      [`plain/plain.${ext}`]: lines('#include "util.h"', '', 'int g_total;', '', 'int PlainAdd(int a, int b)', '{', '    return a + b + g_total;', '}'),
      'plain/util.h': lines('int PlainAdd(int a, int b);'),
      [`plain/more.${ext}`]: lines('#include "util.h"', '', 'int PlainTwice(int a)', '{', '    return PlainAdd(a, a);', '}'),
      [`installer/co.${ext}`]: CO_INSTALLER.split('\n').join(eol),
    });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { trace: { server: 'messages' } } } });
    await client.waitFor('the index', () => client!.logs.find((l) => /^Indexed 4 files in 2 modules/.test(l.message)));
    const stats = await client.connection.sendRequest<Stats>('coinstallerLint/stats');
    // plain/: three files read for the prefilter, skipped; installer/: one file read, then linted
    expect(stats.index).toEqual({ modules: 2, modulesSkipped: 1, filesRead: 4 });
    expect(stats.moduleLints).toBe(1);
    // the one file of the installer module is parsed; none of plain/
    expect(stats.parses.full).toBe(1);
  });

  it('a module whose every file lacks a signal but one: the whole module is linted (the decision is per module)', async () => {
    ws = tempWorkspace({
      [`mixed/helper.${ext}`]: lines('int g_calls;', '', 'void ContosoCount(void)', '{', '    g_calls++;', '}'),
      [`mixed/co.${ext}`]: CO_INSTALLER.split('\n').join(eol),
    });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { trace: { server: 'messages' } } } });
    await client.waitFor('the index', () => client!.logs.find((l) => /^Indexed 2 files in 1 modules/.test(l.message)));
    const stats = await client.connection.sendRequest<Stats>('coinstallerLint/stats');
    expect(stats.index).toEqual({ modules: 1, modulesSkipped: 0, filesRead: 2 });
    expect(stats.moduleLints).toBe(1);
    expect(stats.parses.full).toBe(2);
  });
});
