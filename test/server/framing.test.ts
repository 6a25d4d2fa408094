/**
 * A broken LSP frame on stdio (server/main.ts, server/framing-guard.ts): the server must not go
 * silent. It exits with a non-zero code and a stderr line naming the problem, so that the client
 * (client/src/server-client.ts, with its restart budget) can report it and restart it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const validFrame = `Content-Length: ${Buffer.byteLength(initialize)}\r\n\r\n${initialize}`;
const body = '{"jsonrpc":"2.0","method":"x"}';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Sends `broken` then a valid initialize request; resolves when a response arrives or the process exits. */
function run(broken: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--stdio'], { cwd: ROOT, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer and no exit within 10 s\nstderr:\n${stderr}`));
    }, 10000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"id":1')) {
        clearTimeout(timer);
        child.kill();
        resolve({ code: null, stdout, stderr });
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.write(broken);
    child.stdin.write(validFrame);
  });
}

describe('broken frames on stdio', () => {
  const cases: [string, string, RegExp][] = [
    ['a non-numeric Content-Length', `Content-Length: abc\r\n\r\n${body}`, /Content-Length/],
    ['a negative Content-Length', `Content-Length: -5\r\n\r\n${body}`, /Content-Length/],
    ['a Content-Length past 4 GiB', `Content-Length: 4294967296\r\n\r\n${body}`, /Content-Length/],
    ['a header without Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`, /Content-Length/],
    ['a header ended by LF only', `Content-Length: ${body.length}\n\n${body}`, /header/i],
  ];
  for (const [name, broken, problem] of cases) {
    it(`after ${name}, answers or exits non-zero naming the problem`, async () => {
      const outcome = await run(broken);
      if (outcome.code === null) {
        expect(outcome.stdout).toContain('"id":1');
      } else {
        expect(outcome.code).not.toBe(0);
        expect(outcome.stderr).toMatch(/coinstaller-lint-server: .*frame/);
        expect(outcome.stderr).toMatch(problem);
      }
    }, 20000);
  }

  it('a valid frame alone is answered', async () => {
    const outcome = await run('');
    expect(outcome.code).toBeNull();
    expect(outcome.stdout).toContain('"id":1');
  }, 20000);
});
