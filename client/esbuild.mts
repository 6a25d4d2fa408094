/**
 * Builds the VS Code extension into client/: the client bundle (dist/extension.js, CommonJS,
 * `vscode` external), the language server bundle (dist/server.js, one CommonJS file run by
 * Node in its own process), the two .wasm files the server loads from beside itself
 * (web-tree-sitter's runtime and tree-sitter-cpp's grammar), the rule documentation
 * (docs/rules/*.md, read by hovers and opened by "Open Rule Documentation", offline) and the
 * coinstaller-lint.json schema (schema/, for jsonValidation).
 *
 * Run it with `node --import tsx client/esbuild.mts [--minify]`.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** The client folder (holding the extension's package.json). */
export const CLIENT_ROOT = dirname(fileURLToPath(import.meta.url));
/** The repository root (holding server/, docs/ and schema/). */
export const REPO_ROOT = dirname(CLIENT_ROOT);

/** What `buildExtension` writes, relative to the client folder. */
export const BUILD_OUTPUTS = {
  extension: 'dist/extension.js',
  server: 'dist/server.js',
  runtimeWasm: 'dist/web-tree-sitter.wasm',
  grammarWasm: 'dist/tree-sitter-cpp.wasm',
  docs: 'docs/rules',
  schema: 'schema/coinstaller-lint.schema.json',
} as const;

export interface BuildExtensionOptions {
  minify?: boolean;
}

/**
 * The server's sources are ES modules that use `import.meta.url` (to find the rule docs and the
 * grammar, and web-tree-sitter to find its runtime .wasm). In the CommonJS bundle it is the
 * bundle's own file URL, so every file is looked up beside dist/server.js.
 */
const IMPORT_META_URL = '__coinstallerLintImportMetaUrl';

function common(options: BuildExtensionOptions): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: false,
    minify: options.minify ?? false,
    legalComments: 'inline',
    logLevel: 'warning',
    absWorkingDir: REPO_ROOT,
  };
}

export async function buildExtension(options: BuildExtensionOptions = {}): Promise<void> {
  const dist = join(CLIENT_ROOT, 'dist');
  rmSync(dist, { recursive: true, force: true });
  rmSync(join(CLIENT_ROOT, 'docs'), { recursive: true, force: true });
  rmSync(join(CLIENT_ROOT, 'schema'), { recursive: true, force: true });

  await build({
    ...common(options),
    entryPoints: [join(CLIENT_ROOT, 'src', 'extension.ts')],
    outfile: join(CLIENT_ROOT, BUILD_OUTPUTS.extension),
    external: ['vscode'],
  });

  await build({
    ...common(options),
    entryPoints: [join(REPO_ROOT, 'server', 'main.ts')],
    outfile: join(CLIENT_ROOT, BUILD_OUTPUTS.server),
    define: { 'import.meta.url': IMPORT_META_URL },
    banner: { js: `const ${IMPORT_META_URL} = require("node:url").pathToFileURL(__filename).href;` },
  });

  const require = createRequire(join(REPO_ROOT, 'package.json'));
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(CLIENT_ROOT, BUILD_OUTPUTS.runtimeWasm));
  copyFileSync(require.resolve('tree-sitter-cpp/tree-sitter-cpp.wasm'), join(CLIENT_ROOT, BUILD_OUTPUTS.grammarWasm));

  const docsFrom = join(REPO_ROOT, 'docs', 'rules');
  const docsTo = join(CLIENT_ROOT, BUILD_OUTPUTS.docs);
  mkdirSync(docsTo, { recursive: true });
  for (const name of readdirSync(docsFrom)) {
    if (name.endsWith('.md')) copyFileSync(join(docsFrom, name), join(docsTo, name));
  }

  mkdirSync(join(CLIENT_ROOT, 'schema'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'schema', 'coinstaller-lint.schema.json'), join(CLIENT_ROOT, BUILD_OUTPUTS.schema));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildExtension({ minify: process.argv.includes('--minify') });
}
