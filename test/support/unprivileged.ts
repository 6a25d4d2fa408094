/**
 * Permission tests need a user that permissions apply to: root reads everything. When the tests
 * run as root (CI containers do), such checks run in a child process as "nobody" (uid 65534).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** tsx's loader by absolute URL: the child's cwd is a temporary folder without node_modules. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const NOBODY = 65534;

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Runs `node --import tsx --input-type=module -e script` as nobody when root, else as the current
 * user; returns stdout. The script prints what the test checks. Paths it needs must be readable.
 */
export function runNodeScript(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', script], {
    cwd,
    encoding: 'utf8',
    ...(isRoot() ? { uid: NOBODY, gid: NOBODY } : {}),
    env: { ...process.env, HOME: '/tmp' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lets "nobody" into a temporary folder that mkdtemp created as 0700. */
export function openToOthers(folder: string): void {
  chmodSync(folder, 0o755);
}
