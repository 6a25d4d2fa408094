/**
 * The language server's workspace index on a tree, against the command line on the same tree
 * (docs/performance.md, Workspace index): starts the built server (dist/server/main.js) under
 * /usr/bin/time, sends initialize with the folder, waits for its "Indexed ..." log (as
 * test/server/workspace.test.ts does), shuts it down and reports its CPU and peak RSS; then runs
 * the CLI (bin/coinstaller-lint.js) on the tree the same way.
 *
 *   [COINSTALLER_LINT_ROOT=<package>] node --import tsx bench/index-cpu.ts <folder> [<runs>]
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package whose dist/ and bin/ run (COINSTALLER_LINT_ROOT: another build, to compare). */
const ROOT = process.env.COINSTALLER_LINT_ROOT ?? join(import.meta.dirname, '..');

interface Usage {
  cpuSeconds: number;
  maxRssMiB: number;
  wallSeconds: number;
}

function parseTime(stderr: string): Usage {
  const field = (name: string) => Number(new RegExp(`${name}: ([0-9.]+)`).exec(stderr)?.[1] ?? NaN);
  return {
    cpuSeconds: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    maxRssMiB: field('Maximum resident set size \\(kbytes\\)') / 1024,
    wallSeconds: NaN,
  };
}

function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

async function serverRun(folder: string): Promise<Usage & { indexed: string }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'dist/server/main.js'), '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let buffer = Buffer.alloc(0);
  const indexed = await new Promise<string>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`the server exited before indexing: ${stderr}`)));
    child.stdout.on('data', (d: Buffer) => {
      buffer = Buffer.concat([buffer, d]);
      for (;;) {
        const head = buffer.indexOf('\r\n\r\n');
        if (head < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
        if (buffer.length < head + 4 + length) return;
        const message = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString()) as { method?: string; id?: number; params?: { message?: string } };
        buffer = buffer.subarray(head + 4 + length);
        // initialized only once initialize is answered (the server registers its handler then)
        if (message.id === 1 && !message.method) child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
        else if (message.method === 'window/logMessage' && message.params?.message?.startsWith('Indexed ')) resolve(message.params.message);
        // answer the server's requests (workspace/configuration, registrations) with nothing
        else if (message.method && message.id !== undefined) child.stdin.write(frame({ jsonrpc: '2.0', id: message.id, result: null }));
      }
    });
    const uri = pathToFileURL(folder).href;
    child.stdin.write(
      frame({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'bench' }], capabilities: {}, initializationOptions: { settings: { trace: { server: 'messages' } } } },
      }),
    );
  });
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
  child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
  await exited;
  return { ...parseTime(stderr), wallSeconds: (performance.now() - started) / 1000, indexed };
}

async function cliRun(folder: string): Promise<Usage> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'bin/coinstaller-lint.js'), '--format', 'json', folder], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { ...parseTime(stderr), wallSeconds: (performance.now() - started) / 1000 };
}

const folder = process.argv[2];
const runs = Number(process.argv[3] ?? 2);
if (!folder) throw new Error('usage: node --import tsx bench/index-cpu.ts <folder> [<runs>]');
for (let i = 0; i < runs; i++) {
  const server = await serverRun(folder);
  const cli = await cliRun(folder);
  const fmt = (u: Usage) => `CPU ${u.cpuSeconds.toFixed(2)} s, peak RSS ${u.maxRssMiB.toFixed(0)} MiB, wall ${u.wallSeconds.toFixed(2)} s`;
  console.log(`run ${i + 1}: server index: ${fmt(server)} (${server.indexed}); CLI: ${fmt(cli)}; server/CLI CPU ${(server.cpuSeconds / cli.cpuSeconds).toFixed(2)}x`);
}
