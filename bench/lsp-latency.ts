/**
 * Language server latency (a benchmark, not a test): keystroke-to-diagnostics p50/p95 over 200
 * edits of a generated 5,000-line co-installer, and start-to-first-diagnostics (process spawn to
 * the first publishDiagnostics of the opened file). The server runs as a child process over stdio,
 * as editors run it.
 *
 *   node --import tsx bench/lsp-latency.ts [--dist] [--edits N] [--lines N] [--workspace-files N]
 *
 * Also: start to first diagnostics in a workspace of about 2,000 files (generated installer modules,
 * bench/generate-corpus.ts, kept in .bench-cache/): spawn to the first diagnostics of one opened entry
 * point file, and spawn to the end of the background index of the whole workspace ($/progress end).
 *
 * --dist runs dist/server/main.js (after `npm run build`) instead of server/main.ts through tsx.
 * Keystrokes are measured with the server's defaults (no pause: a lint starts as soon as the server
 * is idle): typing in a comment (the server moves its last results over the edit),
 * typing a digit into a number in a helper's body (the server relints that function only), typing a
 * letter into a name there (the model may change: a full lint, with the file's summary spliced),
 * and, for comparison, typing digits with a 150 ms pause.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateInstaller } from './big-installer.js';
import { CACHE_DIR, generateCorpus } from './generate-corpus.js';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const useDist = args.includes('--dist');
const EDITS = Number(args[args.indexOf('--edits') + 1]) || 200;
const LINES = Number(args[args.indexOf('--lines') + 1]) || 5000;
const WORKSPACE_FILES = Number(args[args.indexOf('--workspace-files') + 1]) || 2000;


interface Run {
  startToFirstMs: number;
  keystrokesMs: number[];
  lines: number;
  findings: number;
}

/** Where keystrokes land: a helper's comment, a number in its code (a digit), or a name in its code (a letter). */
type Where = 'comment' | 'code' | 'name';

async function measure(debounceMs: number | undefined, where: Where, file: string, text: string): Promise<Run> {
  const t0 = performance.now();
  const { connection } = startServer(ROOT);
  const uri = pathToFileURL(file).href;
  const waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
  let findings = 0;
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    if (p.uri !== uri || p.version === undefined) return;
    findings = p.diagnostics.length;
    waiting.get(p.version)?.(p);
    waiting.delete(p.version);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const published = (version: number) => new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve));

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dirname(file)).href,
    capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(dirname(file)).href, name: 'bench' }],
    initializationOptions: debounceMs === undefined ? {} : { debounceMs },
  });
  await connection.sendNotification('initialized', {});
  const first = published(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
  await first;
  const startToFirstMs = performance.now() - t0;

  const lines = text.split('\r\n');
  // Where keystrokes land: inside the comment of each helper, or into the number of `value = params.Flags + N;`.
  const spots = lines.flatMap((l, n) => {
    if (where === 'comment') return l.includes('keystrokes land in this comment') ? [{ line: n, character: 6 }] : [];
    const m = /value = params\.Flags \+ /.exec(l);
    // a name: the local `value` read here becomes `xvalue`, a name the function does not declare
    return m ? [{ line: n, character: where === 'name' ? m.index : m.index + m[0].length }] : [];
  });
  const keystrokesMs: number[] = [];
  for (let e = 0; e < EDITS; e++) {
    const version = e + 2;
    const { line, character } = spots[(e * 7) % spots.length];
    const done = published(version);
    const t = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: where === 'code' ? '1' : 'x' }],
    });
    await done;
    keystrokesMs.push(performance.now() - t);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { startToFirstMs, keystrokesMs, lines: lines.length, findings };
}

/** The server process over stdio, and a connection to it. */
function startServer(cwd: string) {
  const command = useDist ? [join(ROOT, 'dist', 'server', 'main.js'), '--stdio'] : ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--stdio'];
  const child = spawn(process.execPath, command, { cwd, stdio: 'pipe' });
  child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return { child, connection };
}

interface WorkspaceRun {
  files: number;
  modules: number;
  firstDiagnosticsMs: number;
  indexedMs: number;
}

/** Spawn to the first diagnostics of one opened file, and to the end of the workspace index, in a workspace of generated modules. */
async function measureWorkspace(targetFiles: number): Promise<WorkspaceRun> {
  // about 12.5 files per generated module (sources, header, .def, .inf)
  const root = join(CACHE_DIR, `lsp-workspace-${targetFiles}`);
  const manifest = generateCorpus({ root, seed: 9, modules: Math.max(1, Math.round(targetFiles / 12.5)) });
  const entry = manifest.findings.map((f) => join(root, f.file)).find((f) => /\.c$/.test(f))!;
  const uri = pathToFileURL(entry).href;
  const t0 = performance.now();
  const { connection } = startServer(ROOT);
  let firstDiagnosticsMs = 0;
  let indexedMs = 0;
  const first = new Promise<void>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === uri && !firstDiagnosticsMs) {
        firstDiagnosticsMs = performance.now() - t0;
        resolve();
      }
    }),
  );
  const indexed = new Promise<void>((resolve) =>
    connection.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
      if (p.value?.kind === 'end' && !indexedMs) {
        indexedMs = performance.now() - t0;
        resolve();
      }
    }),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { window: { workDoneProgress: true } },
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'workspace' }],
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: readFileSync(entry, 'utf8') } });
  await Promise.all([first, indexed]);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { files: manifest.files, modules: manifest.modules, firstDiagnosticsMs, indexedMs };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cil-bench-'));
  try {
    const text = generateInstaller(LINES);
    const file = join(dir, 'coinstaller.c');
    writeFileSync(file, text);
    const rows: string[][] = [];
    for (const [label, debounce, where] of [
      ['typing in a comment (default: no pause)', undefined, 'comment'],
      ['typing a digit in code (default: no pause)', undefined, 'code'],
      ['typing a letter in a name (default: no pause)', undefined, 'name'],
      ['typing a digit in code, 150 ms pause', 150, 'code'],
    ] as const) {
      const run = await measure(debounce, where, file, text);
      rows.push([
        label,
        String(run.lines),
        String(run.findings),
        run.startToFirstMs.toFixed(0),
        percentile(run.keystrokesMs, 50).toFixed(1),
        percentile(run.keystrokesMs, 95).toFixed(1),
        Math.max(...run.keystrokesMs).toFixed(1),
      ]);
    }
    const header = ['server ' + (useDist ? '(dist)' : '(tsx)'), 'lines', 'findings', 'start→first diag ms', `keystroke p50 ms (${EDITS})`, 'p95 ms', 'max ms'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const fmt = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
    process.stdout.write(`${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(fmt).join('\n')}\n`);
    const ws = await measureWorkspace(WORKSPACE_FILES);
    process.stdout.write(
      `\nworkspace of ${ws.files} files (${ws.modules} generated installer modules): start to first diagnostics of an opened file ${ws.firstDiagnosticsMs.toFixed(0)} ms; start to the end of the background index ${(ws.indexedMs / 1000).toFixed(1)} s\n`,
    );
    process.stdout.write(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
