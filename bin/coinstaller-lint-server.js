#!/usr/bin/env node
// The language server's entry point: runs the compiled server from dist/ (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('coinstaller-lint-server: the compiled server is missing (dist/server/main.js); run `npm run build` first.\n');
  process.exit(2);
}
await import(main);
