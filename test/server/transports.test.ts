/** The transports vscode-languageserver offers besides stdio: Node IPC and a TCP socket. */
import { fork, spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'main.ts');

async function handshake(connection: ProtocolConnection): Promise<InitializeResult> {
  connection.listen();
  const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  return result;
}

describe('transports', () => {
  it('--node-ipc', async () => {
    const child = fork(MAIN, ['--node-ipc'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const result = await handshake(connection);
    expect(result.serverInfo?.name).toBe('coinstaller-lint');
    expect(await exited).toBe(0);
    connection.dispose();
  });

  it('--socket=PORT', async () => {
    const accepted = new Promise<Socket>((resolve) => {
      const server = createServer((socket) => {
        server.close();
        resolve(socket);
      });
      server.listen(0, '127.0.0.1', () => {
        const port = (server.address() as { port: number }).port;
        const child = spawn(process.execPath, ['--import', 'tsx', MAIN, `--socket=${port}`], { stdio: 'ignore' });
        child.unref();
      });
    });
    const socket = await accepted;
    const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    const result = await handshake(connection);
    expect(result.capabilities.positionEncoding).toBe('utf-16');
    connection.dispose();
    socket.destroy();
  });
});
