/**
 * The language server's entry point: `coinstaller-lint-server [--stdio | --node-ipc |
 * --socket=PORT | --pipe=NAME]` (stdio when no transport is named). Runs until the client sends
 * shutdown and exit, or the client process goes away (--clientProcessId).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import { FramingGuard } from './framing-guard.js';
import { packageVersion } from '../api/index.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${packageVersion()}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: coinstaller-lint-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n' +
      'The coinstaller-lint language server (LSP). Communicates over stdio unless another transport is named.\n',
  );
} else {
  const transports = ['--stdio', '--node-ipc'];
  if (!args.some((a) => transports.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe='))) process.argv.push('--stdio');
  // Nothing may be written to stdout but protocol messages.
  console.log = (...items: unknown[]) => console.error(...items);
  // On stdio, a broken frame would leave the reader waiting forever: say so and exit non-zero instead.
  const connection = process.argv.includes('--stdio')
    ? createConnection(ProposedFeatures.all, process.stdin.pipe(new FramingGuard(exitOnBrokenFrame)), process.stdout)
    : createConnection(ProposedFeatures.all);
  // A bug in one request must not take the editor's server down: report it and go on.
  process.on('uncaughtException', (error) => {
    process.stderr.write(`coinstaller-lint-server: uncaught ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    connection.console.error(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
  });
  startServer(connection);
}

function exitOnBrokenFrame(problem: string): void {
  process.stderr.write(`coinstaller-lint-server: broken LSP frame on stdin: ${problem}; exiting\n`);
  process.exit(1);
}
