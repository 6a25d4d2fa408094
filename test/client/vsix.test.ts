/**
 * The .vsix that `npm run package` builds: its file list (bundled client, bundled server, both
 * .wasm files, rule docs, schema; nothing from node_modules), its manifest (activation,
 * untrusted workspaces, the INF language, settings that agree with the server, commands that
 * the client registers), and the bundled server, unpacked alone outside the repository, linting
 * a file and answering a hover from the docs it ships with.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRIBUTED_COMMANDS } from '../../client/src/command-ids.js';
import { packageExtension } from '../../scripts/package-extension.js';
import { SHOW_DOCS_COMMAND } from '../../server/protocol/capabilities.js';
import { defaultServerSettings, readServerSettings } from '../../server/protocol/settings.js';
import { BundledServer } from './support/bundled-server.js';
import { zipEntries, zipEntryBytes } from './support/unzip.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));

interface Manifest {
  name: string;
  version: string;
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string } };
  contributes: {
    languages: { id: string; extensions?: string[]; configuration?: string; aliases?: string[] }[];
    jsonValidation: { fileMatch: string; url: string }[];
    configuration: { properties: Record<string, { default?: unknown; enum?: unknown[]; description?: string; markdownDescription?: string }> };
    commands: { command: string; title: string; category?: string }[];
  };
}

let work: string;
let files: Map<string, Buffer>;
let manifest: Manifest;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (name: string) => {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} is not in the .vsix`);
  return bytes;
};
/** A path of the manifest ("./dist/x.js") as an entry name of the .vsix. */
const entryOf = (manifestPath: string) => `extension/${manifestPath.replace(/^\.\//, '')}`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'coinstaller-lint-vsix-'));
  const vsix = await packageExtension({ out: join(work, 'test.vsix') });
  const zip = readFileSync(vsix);
  files = new Map(zipEntries(zip).map((e) => [e.name, zipEntryBytes(zip, e)]));
  manifest = JSON.parse(file('extension/package.json').toString('utf8')) as Manifest;
}, 180000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the .vsix file list', () => {
  it('holds the bundles, the two .wasm files, every rule page and the schema, and nothing else', () => {
    const ruleDocs = readdirSync(join(ROOT, 'docs', 'rules')).filter((n) => n.endsWith('.md'));
    expect(ruleDocs.length).toBeGreaterThan(0);
    const expected = [
      'extension.vsixmanifest',
      '[Content_Types].xml',
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/inf-language-configuration.json',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/web-tree-sitter.wasm',
      'extension/dist/tree-sitter-cpp.wasm',
      'extension/schema/coinstaller-lint.schema.json',
      ...ruleDocs.map((n) => `extension/docs/rules/${n}`),
    ];
    expect([...files.keys()].sort()).toEqual(expected.sort());
  });

  it('has nothing from node_modules, no TypeScript source and no source maps', () => {
    for (const name of files.keys()) {
      expect(name).not.toMatch(/node_modules/);
      expect(name).not.toMatch(/\.(ts|mts|map)$/);
    }
  });

  it('ships the runtime and grammar .wasm byte for byte', () => {
    expect(sha(file('extension/dist/web-tree-sitter.wasm'))).toBe(sha(readFileSync(requireFromRoot.resolve('web-tree-sitter/web-tree-sitter.wasm'))));
    expect(sha(file('extension/dist/tree-sitter-cpp.wasm'))).toBe(sha(readFileSync(requireFromRoot.resolve('tree-sitter-cpp/tree-sitter-cpp.wasm'))));
  });

  it('ships the rule pages and the schema as they are in the repository', () => {
    expect(file('extension/docs/rules/no-dll-load.md').toString('utf8')).toBe(readFileSync(join(ROOT, 'docs', 'rules', 'no-dll-load.md'), 'utf8'));
    expect(sha(file('extension/schema/coinstaller-lint.schema.json'))).toBe(sha(readFileSync(join(ROOT, 'schema', 'coinstaller-lint.schema.json'))));
  });

  it('bundles the client with only vscode and Node built-ins left to require', () => {
    const required = requiredModules(file('extension/dist/extension.js').toString('utf8'));
    expect(required).toContain('vscode');
    expect(required.filter((m) => m !== 'vscode' && !isBuiltin(m))).toEqual([]);
  });

  it('bundles the server with only Node built-ins left to require', () => {
    const required = requiredModules(file('extension/dist/server.js').toString('utf8'));
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((m) => !isBuiltin(m))).toEqual([]);
  });
});

describe('the manifest', () => {
  it('points main at the bundled client', () => {
    expect(files.has(entryOf(manifest.main))).toBe(true);
    expect(entryOf(manifest.main)).toBe('extension/dist/extension.js');
  });

  it('activates on C, C++ and INF files and on a workspace with coinstaller-lint.json', () => {
    expect(manifest.activationEvents).toEqual(
      expect.arrayContaining(['onLanguage:c', 'onLanguage:cpp', 'onLanguage:inf', 'workspaceContains:**/coinstaller-lint.json']),
    );
    expect(manifest.activationEvents).not.toContain('*');
  });

  it('declares support for untrusted workspaces', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
  });

  it('contributes the inf language for .inf and .inx with a configuration file it ships, and no name', () => {
    const inf = manifest.contributes.languages.filter((l) => l.id === 'inf');
    expect(inf).toHaveLength(1);
    // VS Code renames a merged language after the last contribution with aliases: none here.
    expect(Object.keys(inf[0]).sort()).toEqual(['configuration', 'extensions', 'id']);
    expect(inf[0].extensions?.sort()).toEqual(['.inf', '.inx']);
    const config = JSON.parse(file(entryOf(inf[0].configuration!)).toString('utf8')) as { comments: { lineComment: string } };
    expect(config.comments.lineComment).toBe(';');
    // Only its own language: C and C++ belong to VS Code and the C/C++ extensions.
    expect(manifest.contributes.languages.map((l) => l.id)).toEqual(['inf']);
  });

  it('validates coinstaller-lint.json with the schema it ships', () => {
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: 'coinstaller-lint.json', url: './schema/coinstaller-lint.schema.json' }]);
    expect(files.has(entryOf(manifest.contributes.jsonValidation[0].url))).toBe(true);
  });

  it('contributes the settings the server reads, each described, with the server defaults', () => {
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(
      [
        'coinstallerLint.enable',
        'coinstallerLint.maxFileSize',
        'coinstallerLint.rules',
        'coinstallerLint.run',
        'coinstallerLint.target',
        'coinstallerLint.trace.server',
      ].sort(),
    );
    for (const [key, p] of Object.entries(props)) {
      expect((p.description ?? p.markdownDescription ?? '').length, key).toBeGreaterThan(20);
    }
    const defaults = defaultServerSettings();
    const fromManifest = {
      enable: props['coinstallerLint.enable'].default,
      rules: props['coinstallerLint.rules'].default,
      run: props['coinstallerLint.run'].default,
      target: props['coinstallerLint.target'].default,
      trace: { server: props['coinstallerLint.trace.server'].default },
      maxFileSize: props['coinstallerLint.maxFileSize'].default,
    };
    const read = readServerSettings(fromManifest);
    expect(read.problems).toEqual([]);
    expect(read.settings).toEqual(defaults);
  });

  it('offers only values the server accepts for run, target and trace.server', () => {
    const props = manifest.contributes.configuration.properties;
    expect(props['coinstallerLint.run'].enum).toEqual(['onType', 'onSave']);
    expect(props['coinstallerLint.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
    expect(props['coinstallerLint.target'].enum).toEqual(['', 'windows-driver', 'universal', 'legacy']);
    for (const run of props['coinstallerLint.run'].enum!) expect(readServerSettings({ run }).settings.run).toBe(run);
    for (const server of props['coinstallerLint.trace.server'].enum!) expect(readServerSettings({ trace: { server } }).settings.trace.server).toBe(server);
    for (const target of props['coinstallerLint.target'].enum!) {
      const read = readServerSettings({ target });
      expect(read.problems).toEqual([]);
      expect(read.settings.target).toBe(target === '' ? null : target);
    }
  });

  it('contributes the four commands, all registered by the client, none clashing with the server command', () => {
    const ids = manifest.contributes.commands.map((c) => c.command);
    expect(ids.sort()).toEqual(
      ['coinstallerLint.fixAllProblems', 'coinstallerLint.openRuleDocumentation', 'coinstallerLint.restartServer', 'coinstallerLint.showOutput'].sort(),
    );
    expect([...CONTRIBUTED_COMMANDS].sort()).toEqual(ids.sort());
    expect(manifest.contributes.commands.map((c) => c.title).sort()).toEqual(
      ['Fix All Problems', 'Open Rule Documentation', 'Restart Server', 'Show Output'].sort(),
    );
    // vscode-languageclient registers the server's executeCommand ids itself; a second registration would fail.
    expect(ids).not.toContain(SHOW_DOCS_COMMAND);
    const commandsSource = readFileSync(join(ROOT, 'client', 'src', 'commands.ts'), 'utf8');
    for (const constant of ['RESTART_SERVER_COMMAND', 'FIX_ALL_COMMAND', 'SHOW_OUTPUT_COMMAND', 'OPEN_RULE_DOCS_COMMAND']) {
      expect(commandsSource).toContain(`registerCommand(${constant},`);
    }
  });
});

describe('the bundled server, unpacked alone', () => {
  let extensionDir: string;
  let workspace: string;
  let server: BundledServer | undefined;

  beforeAll(() => {
    // Outside the repository, with no node_modules anywhere above it.
    extensionDir = join(work, 'unpacked', 'extension');
    for (const [name, bytes] of files) {
      if (!name.startsWith('extension/')) continue;
      const target = join(work, 'unpacked', name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    workspace = join(work, 'workspace');
    mkdirSync(workspace);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('starts, reports a DLL load with a link to its shipped page, and hovers with the guideline', async () => {
    const source = [
      '#include <windows.h>',
      '#include <setupapi.h>',
      '',
      'DWORD CALLBACK',
      'SampleCoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet,',
      '                  PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
      '{',
      '    HMODULE helper;',
      '    switch (InstallFunction) {',
      '    case DIF_INSTALLDEVICE:',
      '        helper = LoadLibraryW(L"samplehelper.dll");',
      '        break;',
      '    default:',
      '        break;',
      '    }',
      '    return NO_ERROR;',
      '}',
      '',
    ].join('\r\n');
    const filePath = join(workspace, 'sample.c');
    writeFileSync(filePath, source);
    const uri = pathToFileURL(filePath).href;

    server = BundledServer.start(join(extensionDir, 'dist', 'server.js'), workspace);
    const init = await server.initialize(workspace);
    expect(init.serverInfo).toEqual({ name: 'coinstaller-lint', version: manifest.version });
    await server.connection.sendNotification('initialized', {});
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: source } });

    const published = await server.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'no-dll-load'));
    const found = published.diagnostics.filter((d) => d.code === 'no-dll-load');
    expect(found).toHaveLength(1);
    // Line 11 (0-based 10), "LoadLibraryW" after 8 spaces and "helper = ".
    expect(found[0].range).toEqual({ start: { line: 10, character: 17 }, end: { line: 10, character: 29 } });
    expect(found[0].source).toBe('coinstaller-lint');
    expect(found[0].codeDescription?.href).toBe(pathToFileURL(join(extensionDir, 'docs', 'rules', 'no-dll-load.md')).href);

    const hover = await server.connection.sendRequest<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 10, character: 20 },
    });
    expect(hover?.contents.kind).toBe('markdown');
    // From the "Why it matters" section of docs/rules/no-dll-load.md, read from the unpacked extension.
    expect(hover?.contents.value).toContain('Device installation runs in a locked-down, non-interactive service.');
    expect(hover?.contents.value).toContain('Loading executable or DLL files');

    const code = await server.stop();
    server = undefined;
    expect(code).toBe(0);
  }, 60000);
});

/**
 * The module names a CommonJS bundle still requires at run time. A `require(...)` right after a
 * quote is text, not a call (Ajv keeps 'require("ajv/dist/runtime/equal")' as code for
 * standalone validators it never generates here).
 */
function requiredModules(bundle: string): string[] {
  const names = new Set<string>();
  for (const m of bundle.matchAll(/(?<!['"`])\brequire\(\s*["']([^"']+)["']\s*\)/g)) names.add(m[1]);
  return [...names].sort();
}
