/**
 * Security: the CLI and the language server execute nothing from the workspace and read no code
 * from it (a config is data: "extends" names a preset, "plugins" and JavaScript configs are
 * refused), write only where asked (--fix, -o), and never follow config paths outside the
 * workspace.
 *
 * "Never read" is proven with FIFOs: opening a FIFO for reading blocks until a writer comes, so a
 * process that so much as opens one hangs. Those runs happen in a child process with a timeout.
 * "Never executed" is proven with JavaScript files that would write a marker file if loaded.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { run, type CliIo } from '../../cli/main.js';
import { TestClient, messageText, pathUri } from '../server/support/lsp-client.js';
import { fixableClassInstaller } from '../support/fixable-installer.js';

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLI_MAIN = pathToFileURL(join(import.meta.dirname, '../../cli/main.ts')).href;
const STACK_TRACE = /\n\s+at /;

/** A co-installer that loads a DLL under DIF_INSTALLDEVICE: one no-dll-load error, with no fix. */
const INSTALLER = [
  '#include <windows.h>',
  '#include <setupapi.h>',
  '',
  'DWORD CALLBACK CoInstaller(DI_FUNCTION Dif, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
  '{',
  '    switch (Dif) {',
  '    case DIF_INSTALLDEVICE:',
  '        LoadLibraryW(L"helper.dll");',
  '        break;',
  '    }',
  '    return NO_ERROR;',
  '}',
  '',
].join('\n');

/** A file with one automatic fix (test/support/fixable-installer.ts). */
const FIXABLE = fixableClassInstaller('\n', 'ClassInstall');

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cil-security-')));
});
afterEach(() => {
  // Unblock anything still waiting on a FIFO, then clean up.
  rmSync(dir, { recursive: true, force: true });
});

const marker = () => join(dir, 'EXECUTED');
/** JavaScript that leaves a marker file when it runs, as a CommonJS script or an ES module. */
const evilJs = () => `process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker())}, 'ran');\n`;

/** The marker proves something only if the evil file really writes it when run: check that first. */
function expectEvilJsWorks(): void {
  for (const name of ['probe.js', 'probe.mjs']) {
    writeFileSync(join(dir, name), evilJs());
    execFileSync(process.execPath, [join(dir, name)]);
    expect(existsSync(marker())).toBe(true);
    rmSync(marker());
    rmSync(join(dir, name));
  }
}

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** The CLI in a child process, killed after `ms`: a run that opens a FIFO never ends on its own. */
function cliChild(args: string[], ms = 60_000): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const script = `import { run } from ${JSON.stringify(CLI_MAIN)};\nprocess.exitCode = await run(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', script], {
    cwd: dir,
    encoding: 'utf8',
    timeout: ms,
    env: { ...process.env, HOME: dir },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  return { status: await run(args, io), stdout, stderr };
}

/** Every file under `root` with its bytes and modification time (FIFOs and folders by kind). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const st = statSync(path);
      const rel = relative(root, path);
      if (st.isDirectory()) {
        out.set(rel + '/', 'folder');
        walk(path);
      } else if (st.isFIFO()) out.set(rel, 'fifo');
      else out.set(rel, `${st.mtimeMs} ${readFileSync(path).toString('base64')}`);
    }
  };
  walk(root);
  return out;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

describe('the CLI loads no code and reads no file a config names', { timeout: 120_000 }, () => {
  it('"extends": "./evil.js" is refused, and evil.js (a FIFO) is never opened', () => {
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{ "extends": "./evil.js" }\n');
    fifo(join(dir, 'evil.js'));
    const r = cliChild(['a.c']);
    expect(r.signal).toBeNull(); // not killed by the timeout: it never blocked on the FIFO
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('coinstaller-lint.json');
    expect(r.stderr).toContain('extends');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('"plugins", "parser" and paths outside the workspace in "extends" are refused, and nothing named is opened', () => {
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    mkdirSync(join(dir, 'ws'));
    writeFileSync(join(dir, 'ws', 'a.c'), INSTALLER);
    fifo(join(dir, 'evil.js'));
    fifo(join(dir, 'outside.json'));
    const configs = [
      '{ "plugins": ["../evil.js"] }',
      '{ "plugins": { "evil": "../evil.js" } }',
      '{ "parser": "../evil.js" }',
      '{ "extends": "../outside.json" }',
      '{ "extends": ["recommended", "../outside.json"] }',
      `{ "extends": ${JSON.stringify(join(dir, 'outside.json'))} }`,
    ];
    for (const config of configs) {
      writeFileSync(join(dir, 'ws', 'coinstaller-lint.json'), config);
      const r = cliChild(['ws/a.c']);
      expect({ config, signal: r.signal, status: r.status }).toEqual({ config, signal: null, status: 2 });
      expect(r.stderr).toContain('coinstaller-lint.json');
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('JavaScript configs in the workspace are never run, and --config naming one is read as JSON only', async () => {
    expectEvilJsWorks();
    writeFileSync(join(dir, 'a.c'), INSTALLER);
    for (const name of ['coinstaller-lint.config.js', 'coinstaller-lint.config.mjs', '.coinstaller-lintrc.js', 'eslint.config.js']) {
      writeFileSync(join(dir, name), evilJs());
    }
    const plain = await cli(['a.c']);
    expect(plain.status).toBe(1); // the default config: the DLL load is reported
    expect(existsSync(marker())).toBe(false);
    const named = await cli(['--config', 'coinstaller-lint.config.js', 'a.c']);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('coinstaller-lint.config.js');
    expect(named.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(marker())).toBe(false);
  });

  it('an --rule or inline directive naming a file loads nothing', async () => {
    expectEvilJsWorks();
    writeFileSync(join(dir, 'evil.js'), evilJs());
    writeFileSync(join(dir, 'a.c'), `// coinstaller-lint-disable ./evil.js\n${INSTALLER}`);
    const directive = await cli(['--format', 'json', 'a.c']);
    expect(directive.status).toBe(1);
    expect(JSON.parse(directive.stdout)[0].messages.map((m: { message: string }) => m.message)).toContainEqual(expect.stringContaining("Unknown rule './evil.js'"));
    const rule = await cli(['--rule', './evil.js:error', 'a.c']);
    expect(rule.status).toBe(2);
    expect(existsSync(marker())).toBe(false);
  });
});

describe('the CLI writes only where asked', () => {
  function project(): void {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'fixable.c'), FIXABLE);
    writeFileSync(join(dir, 'src', 'unfixable.c'), INSTALLER);
    writeFileSync(join(dir, 'src', 'notes.txt'), 'not a source\n');
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{ "extends": "all" }\n');
  }

  it('a plain run, --fix-dry-run and every format write nothing', async () => {
    project();
    const before = snapshot(dir);
    for (const args of [['.'], ['--fix-dry-run', '--format', 'json', '.'], ['--format', 'sarif', '.'], ['--format', 'json', '.']]) {
      const r = await cli(args);
      expect(r.status).toBe(1);
    }
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
  });

  it('--fix writes only the files it fixed', async () => {
    project();
    const before = snapshot(dir);
    const r = await cli(['--fix', '.']);
    expect(r.status).toBe(1); // the DLL load has no automatic fix
    expect(changedFiles(before, snapshot(dir))).toEqual(['src/fixable.c']);
  });

  it('-o writes the report and nothing else, with or without --fix', async () => {
    project();
    const before = snapshot(dir);
    await cli(['--format', 'json', '-o', 'reports/lint.json', '.']);
    expect(changedFiles(before, snapshot(dir))).toEqual(['reports/', 'reports/lint.json']);
    const middle = snapshot(dir);
    await cli(['--fix', '-o', 'reports/lint.txt', '.']);
    expect(changedFiles(middle, snapshot(dir))).toEqual(['reports/lint.txt', 'src/fixable.c']);
  });
});

describe('the language server', { timeout: 120_000 }, () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const dllLoads = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'no-dll-load');

  it('refuses "extends": "./evil.js" without opening it, and keeps answering', async () => {
    expectEvilJsWorks();
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'a.c'), INSTALLER);
    writeFileSync(join(ws, 'coinstaller-lint.json'), '{ "extends": "./evil.js", "plugins": ["./evil.js"] }\n');
    fifo(join(ws, 'evil.js'));
    writeFileSync(join(ws, 'coinstaller-lint.config.js'), evilJs());
    client = await TestClient.start({ workspaceFolders: [ws] });
    const config = pathUri(join(ws, 'coinstaller-lint.json'));
    await client.open(pathUri(join(ws, 'a.c')), INSTALLER, 1);
    // The broken config is shown on the config file.
    const shown = await client.waitFor('the config error', () => {
      const d = client!.lastDiagnostics(config);
      return d && d.diagnostics.length > 0 ? d : undefined;
    });
    expect(shown.diagnostics.map(messageText).join('\n')).toMatch(/extends|plugins/);
    // A server blocked on the FIFO could not answer this.
    const stats = await client.connection.sendRequest<{ openDocuments: number }>('coinstallerLint/stats');
    expect(stats.openDocuments).toBe(1);
    expect(existsSync(marker())).toBe(false);
  });

  it('does not read a config above the workspace folder', async () => {
    // dir/coinstaller-lint.json turns the rule off; the workspace folder is dir/ws, which has none.
    writeFileSync(join(dir, 'coinstaller-lint.json'), '{ "rules": { "no-dll-load": "off" } }\n');
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'a.c'), INSTALLER);
    client = await TestClient.start({ workspaceFolders: [ws] });
    const uri = pathUri(join(ws, 'a.c'));
    await client.open(uri, INSTALLER, 1);
    const d = await client.waitForDiagnostics(uri);
    expect(dllLoads(d.diagnostics).map((x) => x.range)).toEqual([{ start: { line: 7, character: 8 }, end: { line: 7, character: 20 } }]);
  });

  it('writes nothing to the workspace: open, edit, code actions, close', async () => {
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'fixable.c'), FIXABLE);
    writeFileSync(join(ws, 'a.c'), INSTALLER);
    const before = snapshot(dir);
    client = await TestClient.start({ workspaceFolders: [ws] });
    const uri = pathUri(join(ws, 'fixable.c'));
    await client.open(uri, FIXABLE, 1);
    const d = await client.waitForDiagnostics(uri, 1);
    expect(d.diagnostics.length).toBeGreaterThan(0);
    const actions = await client.connection.sendRequest<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.diagnostics[0].range,
      context: { diagnostics: d.diagnostics },
    });
    expect(actions.length).toBeGreaterThan(0);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' }]);
    await client.waitForDiagnostics(uri, 2);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.stop();
    client = undefined;
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
  });
});
