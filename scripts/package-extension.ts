/**
 * Builds the VS Code extension (client/esbuild.mts) and packages it with @vscode/vsce, offline
 * and without node_modules (`--no-dependencies`): everything the extension needs is bundled.
 *
 *   node --import tsx scripts/package-extension.ts [--out file.vsix] [--no-minify]
 *
 * Writes coinstaller-lint-<version>.vsix at the repository root unless --out says otherwise, and
 * prints its path.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExtension, CLIENT_ROOT, REPO_ROOT } from '../client/esbuild.mjs';

export interface PackageOptions {
  /** Where to write the .vsix (default: coinstaller-lint-<version>.vsix at the repository root). */
  out?: string;
  minify?: boolean;
}

export function defaultVsixPath(): string {
  const manifest = JSON.parse(readFileSync(join(CLIENT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
}

/** Builds and packages; returns the .vsix path. Throws with vsce's output when packaging fails. */
export async function packageExtension(options: PackageOptions = {}): Promise<string> {
  await buildExtension({ minify: options.minify ?? true });
  const out = resolve(options.out ?? defaultVsixPath());
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out],
    { cwd: CLIENT_ROOT, encoding: 'utf8', env: { ...process.env, VSCE_TELEMETRY_DISABLED: '1' } },
  );
  if (result.status !== 0) {
    throw new Error(`vsce package failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    const out = await packageExtension({
      out: outAt >= 0 ? args[outAt + 1] : undefined,
      minify: !args.includes('--no-minify'),
    });
    process.stdout.write(`${out}\n`);
  } catch (error) {
    process.stderr.write(`package-extension: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
