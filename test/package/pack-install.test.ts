/**
 * The package as users get it: `npm pack` of the built tree (dist/ as `npm test` built it; no
 * scripts run), installed offline into an empty project (consumer-project.ts), then the command
 * line run with npx on a copy of examples/, and TypeScript files importing the API type-checked
 * with module and moduleResolution NodeNext against the installed declarations, then run: the
 * README's "Use as a library" sample and consumer/usage.ts.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConsumerProject } from './consumer-project.js';
import { builtinRules } from '../../rules/index.js';
import { documentedErrorsPerFile, documentedKeys } from '../support/example-findings.js';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
const TIMEOUT = 180_000;

/** The repository's TypeScript compiler (the native one, when package.json names it apart). */
function repoTsc(): string {
  const candidates = ['node_modules/typescript-native/bin/tsc', 'node_modules/typescript/bin/tsc'].map((p) => join(root, p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('no TypeScript compiler in node_modules: run npm ci');
  return found;
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1' };
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: TIMEOUT, maxBuffer: 64 * 1024 * 1024 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The ```ts block of README.md's "Use as a library" section. */
export function readmeSample(readme: string): string {
  const match = /^## Use as a library\n[\s\S]*?^```ts\n([\s\S]*?)^```/m.exec(readme);
  if (!match) throw new Error('README.md has no ```ts block under "## Use as a library"');
  return match[1];
}

let tmp: string;
let consumer: string;
let packed: string[];

beforeAll(() => {
  for (const built of ['dist/api/index.js', 'dist/api/index.d.ts', 'dist/cli/main.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first (npm test does)`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'cil-pack-'));
  const pack = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root), 'npm pack')) as {
    filename: string;
    integrity: string;
    files: { path: string }[];
  }[];
  packed = pack[0].files.map((f) => f.path);
  consumer = join(tmp, 'consumer');
  mkdirSync(consumer);
  writeConsumerProject(consumer, root, { filename: pack[0].filename, integrity: pack[0].integrity });
  ok(run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], consumer), 'npm ci in the consumer project');
  cpSync(join(root, 'examples'), join(consumer, 'examples'), { recursive: true });
}, TIMEOUT);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the compiled code with its declarations, the bins, the rule pages and the schema; no sources, no source maps', () => {
    for (const file of ['package.json', 'README.md', 'bin/coinstaller-lint.js', 'bin/coinstaller-lint-server.js', 'dist/api/index.js', 'dist/api/index.d.ts', 'dist/cli/main.js', 'dist/server/main.js', 'dist/engine/index.d.ts', 'dist/rules/index.js', 'schema/coinstaller-lint.schema.json', 'docs/rules/no-ui-outside-finish-install.md']) {
      expect(packed, file).toContain(file);
    }
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(packed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(packed.filter((f) => /^(test|examples|scripts|bench|client|api|engine|rules|cli|server)\//.test(f))).toEqual([]);
    expect(packed.filter((f) => f.startsWith('docs/') && !f.startsWith('docs/rules/'))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', manifest.name, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(installed.private).toBeUndefined();
    expect(installed.exports).toEqual({ '.': { types: './dist/api/index.d.ts', default: './dist/api/index.js' }, './package.json': './package.json' });
  });

  it('runs with npx on a copy of examples/ and reports what examples/README.md lists', () => {
    const result = run('npx', ['--no', '--', 'coinstaller-lint', '-f', 'json', 'examples/'], consumer);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(report.every((r) => r.filePath.startsWith(join(consumer, 'examples/contoso-coinstaller/')))).toBe(true);
    const found = report.flatMap((r) => r.messages.map((m) => `${r.filePath.split('/').pop()} ${m.line}:${m.column} ${m.ruleId}`));
    expect(found).toEqual(documentedKeys());
    expect(ok(run('npx', ['--no', '--', 'coinstaller-lint', '--version'], consumer), 'coinstaller-lint --version')).toBe(`${manifest.version}\n`);
  });

  it("imports the API from TypeScript: the README's sample and usage.ts type-check (NodeNext) and run", () => {
    const src = join(consumer, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'readme.ts'), readmeSample(readFileSync(join(root, 'README.md'), 'utf8')));
    copyFileSync(join(import.meta.dirname, 'consumer/usage.ts'), join(src, 'usage.ts'));
    // web-tree-sitter's declarations (reached through RuleModule's listeners) name EmscriptenModule,
    // a global of @types/emscripten, which it does not depend on: stand in for it so that
    // skipLibCheck can stay off and our own declarations are checked
    writeFileSync(join(src, 'emscripten.d.ts'), 'interface EmscriptenModule {}\n');
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        // the installed declarations are checked too
        skipLibCheck: false,
        resolveJsonModule: true,
        rootDir: 'src',
        outDir: 'out',
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
      },
      include: ['src'],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = run(process.execPath, [repoTsc(), '-p', 'tsconfig.json'], consumer);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);

    const readme = ok(run(process.execPath, ['out/readme.js'], consumer), 'the README sample');
    expect(readme).toContain('examples/contoso-coinstaller/ui.c\n  7:5  error  MessageBoxW shows user interface');
    const documented = documentedKeys().length;
    expect(readme).toContain(`✖ ${documented} problems (${documented} errors, 0 warnings)`);
    // the buffer: MessageBoxW on its third line, after four blanks
    expect(readme).toContain('\nui.c:3:5 no-ui-outside-finish-install\n');
    expect(readme).toMatch(/\nno-ui-outside-finish-install: \S.*\n/);
    expect(readme.split('\n').filter((l) => /^[a-z-]+: /.test(l))).toHaveLength(builtinRules.size);

    const usage = JSON.parse(ok(run(process.execPath, ['out/usage.js'], consumer), 'usage.ts')) as Record<string, unknown>;
    expect(usage.text).toEqual({
      // after the fixes nothing is left: Warn() keeps its trace, the message box moved into a
      // finish-install action (its own statement moves, as Warn() also does other work, and only
      // DIF_INSTALLDEVICE reaches it: docs/rules/no-ui-outside-finish-install.md), and the
      // co-installer returns NO_ERROR for the codes it does not handle
      found: [],
      outputLines: [
        '/* Older SDK headers lack the Windows Vista finish-install constants. */',
        '#ifndef DIF_FINISHINSTALL_ACTION',
        '#define DIF_FINISHINSTALL_ACTION 0x0000002A',
        '#endif',
        '#ifndef DI_FLAGSEX_FINISHINSTALL_ACTION',
        '#define DI_FLAGSEX_FINISHINSTALL_ACTION 0x00000008L',
        '#endif',
        '',
        'static void Warn(void)',
        '{',
        '    OutputDebugStringW(L"installing");',
        '}',
        '',
        '__declspec(dllexport) DWORD CALLBACK',
        'CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
        '{',
        '    if (InstallFunction == DIF_NEWDEVICEWIZARD_FINISHINSTALL) {',
        '        /* Ask Windows for a finish-install action; set it here, and only when one is needed. */',
        '        SP_DEVINSTALL_PARAMS_W params;',
        '        params.cbSize = sizeof(params);',
        '        if (SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params)) {',
        '            params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION;',
        '            SetupDiSetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
        '        }',
        '        return NO_ERROR;',
        '    }',
        '    if (InstallFunction == DIF_FINISHINSTALL_ACTION) {',
        '        /* Interactive context: UI is allowed here. A co-installer returns NO_ERROR when done. */',
        '        MessageBoxW(NULL, L"Installing", L"Setup", MB_OK);',
        '        return NO_ERROR;',
        '    }',
        '    if (InstallFunction == DIF_INSTALLDEVICE) {',
        '        Warn();',
        '    }',
        '    return NO_ERROR;',
        '}',
        '',
      ],
      // before the fixes: their titles (Fix.desc), the message box's first
      fixes: ['Move MessageBoxW() into a finish-install action', 'Return NO_ERROR instead of ERROR_DI_DO_DEFAULT'],
    });
    expect(usage.files).toEqual(
      documentedErrorsPerFile(['coinstaller.c', 'contoso.h', 'contoso.inf', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']).map(([file, errors]) => [file, errors]),
    );
    expect(usage.rule).toEqual({
      type: 'problem',
      guideline: 'Displaying a user interface',
      url: `file://${join(consumer, 'node_modules', manifest.name, 'docs/rules/no-ui-outside-finish-install.md')}`,
    });
    expect(usage.config).toEqual({ filePath: null, uiLevel: 2 });
    expect(usage.formats).toEqual(['stylish', 'json', 'sarif']);
    expect(usage.formatterKeys).toEqual(['stylish', 'json', 'sarif']);
    expect([usage.version, usage.manifestVersion, usage.sarifVersion]).toEqual([manifest.version, manifest.version, manifest.version]);
    expect(usage.noFiles).toBe('no such file or folder');
    expect(usage.configError).toBe('ConfigError');
    expect(usage.deepImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
