/**
 * Memory soak: runs the language server (a child process over JSON-RPC, as the editor runs it)
 * through open / edit / lint / close cycles and prints its memory at every report point: RSS,
 * the JS heap in use, and web-tree-sitter's WebAssembly memory (from coinstallerLint/stats).
 * Both should level off: a tree, cursor or parser that is not freed grows the WebAssembly memory,
 * a document or cache entry that is kept grows the JS heap.
 *
 *   node --import tsx scripts/memory-soak.ts [--cycles 10000] [--every 1000]
 *
 * Each cycle opens one of four files of a small co-installer module (round robin), changes it
 * (incremental sync; in a helper, the edit alternates between a DLL load and a comment, so
 * findings come and go), waits for the diagnostics of that version, and closes it.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient, pathUri } from '../test/server/support/lsp-client.js';

interface Stats {
  openDocuments: number;
  liveDocumentTrees: number;
  moduleLints: number;
  memory?: { rss: number; jsHeapUsed: number; wasm: number };
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const ENTRY = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  'void Helper0(void); void Helper1(void); void Helper2(void);',
  '',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
  '                           PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
  '{',
  '    switch (InstallFunction) {',
  '    case DIF_INSTALLDEVICE:',
  '        Helper0();',
  '        Helper1();',
  '        break;',
  '    case DIF_FINISHINSTALL_ACTION:',
  '        Helper2();',
  '        break;',
  '    default:',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

const helper = (n: number) => ['#include <windows.h>', '', `void Helper${n}(void)`, '{', '    MessageBoxW(NULL, L"x", L"y", MB_OK);', '}', ''].join('\n');

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

async function main(): Promise<void> {
  const cycles = option('--cycles', 10_000);
  const every = option('--every', 1_000);
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'cil-soak-')));
  const files = ['co.c', 'helper0.c', 'helper1.c', 'helper2.c'];
  const texts = [ENTRY, helper(0), helper(1), helper(2)];
  files.forEach((f, i) => writeFileSync(join(root, f), texts[i]));
  const client = await TestClient.start({ workspaceFolders: [root], initializationOptions: { debounceMs: 0 } });
  const rows: string[] = [];
  const sample = async (cycle: number) => {
    const s = await client.connection.sendRequest<Stats>('coinstallerLint/stats');
    if (!s.memory) throw new Error('the server does not report memory in coinstallerLint/stats');
    const row = `${String(cycle).padStart(6)}  ${mib(s.memory.rss).padStart(8)}  ${mib(s.memory.jsHeapUsed).padStart(8)}  ${mib(s.memory.wasm).padStart(8)}  ${String(s.openDocuments).padStart(4)}  ${String(s.liveDocumentTrees).padStart(5)}  ${String(s.moduleLints).padStart(7)}`;
    rows.push(row);
    process.stdout.write(`${row}\n`);
  };
  try {
    process.stdout.write(' cycle  RSS(MiB)  JS(MiB) WASM(MiB)  open  trees    lints\n');
    await sample(0);
    const started = performance.now();
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const i = cycle % files.length;
      const uri = pathUri(join(root, files[i]));
      const text = texts[i];
      // Versions grow across cycles, so that a publish from an earlier cycle can never satisfy the wait.
      await client.open(uri, text, 2 * cycle - 1);
      // Insert at the start of line 4 (in a helper's body; a comment in the entry point's parameters):
      // a DLL load on odd cycles, a comment on even ones.
      const line = 4;
      const insert = cycle % 2 === 1 && i > 0 ? '    LoadLibraryW(L"x.dll");\n' : '/* edited */\n';
      await client.change(uri, 2 * cycle, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert }]);
      await client.waitForDiagnostics(uri, 2 * cycle);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      // The client keeps what it received; the server is what is measured.
      if (client.diagnostics.length > 1000) client.diagnostics.splice(0, client.diagnostics.length - 100);
      client.logs.splice(0);
      if (cycle % every === 0) await sample(cycle);
    }
    process.stdout.write(`${cycles} cycles in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
