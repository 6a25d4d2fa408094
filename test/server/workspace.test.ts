/**
 * Over real JSON-RPC: editor settings (workspace/configuration, didChangeConfiguration), config
 * files and watched files, multi-root workspaces, background indexing with $/progress, logs by
 * trace level.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, messageText, pathUri } from './support/lsp-client.js';
import { CO_INSTALLER, tempWorkspace, type TempWorkspace } from './support/workspace.js';

let client: TestClient | undefined;
const workspaces: TempWorkspace[] = [];
afterEach(async () => {
  await client?.stop();
  client = undefined;
  for (const w of workspaces.splice(0)) w.remove();
});

function workspace(files: Record<string, string>): TempWorkspace {
  const w = tempWorkspace(files);
  workspaces.push(w);
  return w;
}

const dllLoads = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'no-dll-load');

/** Waits for a publish for `uri` after `from` (an index into client.diagnostics) that satisfies `ok`. */
function waitForPublish(c: TestClient, uri: string, from: number, ok: (ds: Diagnostic[]) => boolean) {
  return c.waitFor(`a new publish for ${uri}`, () => c.diagnostics.slice(from).find((p) => p.uri === uri && ok(p.diagnostics)));
}

describe('configuration', () => {
  it('takes rule levels from workspace/configuration and re-lints on didChangeConfiguration', async () => {
    const ws = workspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({
      workspaceFolders: [ws.root],
      capabilities: { workspace: { configuration: true } },
      settings: { rules: { 'no-dll-load': 'warn' } },
    });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await waitForPublish(client, uri, 0, (ds) => dllLoads(ds).length === 1 && dllLoads(ds)[0].severity === DiagnosticSeverity.Warning);
    expect(client.configurationRequests.length).toBeGreaterThan(0);

    const mark = client.diagnostics.length;
    client.settings = { rules: { 'no-dll-load': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitForPublish(client, uri, mark, (ds) => dllLoads(ds).length === 0);

    // enable: false turns the server off for the folder.
    const mark2 = client.diagnostics.length;
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitForPublish(client, uri, mark2, (ds) => ds.length === 0);
  });

  it('logs invalid rule settings once and lints with the file\'s config', async () => {
    const ws = workspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { rules: { 'no-such-rule': 'warn' } } } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    expect(dllLoads((await client.waitForDiagnostics(uri, 1)).diagnostics).map((d) => d.severity)).toEqual([DiagnosticSeverity.Error]);
    const warnings = client.logs.filter((l) => l.type === 2 && l.message.startsWith('Ignored coinstallerLint.rules') && l.message.includes('no-such-rule'));
    expect(warnings).toHaveLength(1);
  });

  it('follows coinstaller-lint.json on disk through watched-file events, and shows a broken one on that file', async () => {
    const ws = workspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({
      workspaceFolders: [ws.root],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await waitForPublish(client, uri, 0, (ds) => dllLoads(ds)[0]?.severity === DiagnosticSeverity.Error);
    await client.waitFor('the watcher registration', () =>
      client!.registrations.find((r) => JSON.stringify(r).includes('workspace/didChangeWatchedFiles')),
    );

    const configPath = ws.write('coinstaller-lint.json', '{ "rules": { "no-dll-load": "warn" } }\n');
    let mark = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(configPath), type: FileChangeType.Created }] });
    await waitForPublish(client, uri, mark, (ds) => dllLoads(ds)[0]?.severity === DiagnosticSeverity.Warning);

    // Break it: the error goes on the config file, at the bad value; the source says it was not linted.
    writeFileSync(configPath, '{ "rules": { "no-dll-load": "loud" } }\n');
    mark = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(configPath), type: FileChangeType.Changed }] });
    const onConfig = await waitForPublish(client, pathUri(configPath), mark, (ds) => ds.length === 1);
    // `{ "rules": { "no-dll-load": ` is 28 characters; "loud" with its quotes is 6.
    expect(onConfig.diagnostics[0].range).toEqual({ start: { line: 0, character: 28 }, end: { line: 0, character: 34 } });
    expect(onConfig.diagnostics[0].severity).toBe(DiagnosticSeverity.Error);
    const onSource = await waitForPublish(client, uri, mark, (ds) => ds.length === 1 && /configuration is invalid/.test(messageText(ds[0])));
    expect(onSource.diagnostics[0].severity).toBe(DiagnosticSeverity.Warning);

    // Repair it: the config's diagnostic is cleared.
    writeFileSync(configPath, '{ "rules": { "no-dll-load": "error" } }\n');
    mark = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathUri(configPath), type: FileChangeType.Changed }] });
    await waitForPublish(client, pathUri(configPath), mark, (ds) => ds.length === 0);
    await waitForPublish(client, uri, mark, (ds) => dllLoads(ds)[0]?.severity === DiagnosticSeverity.Error);
  });

  it('gives each folder of a multi-root workspace its own config', async () => {
    const quiet = workspace({ 'co.c': CO_INSTALLER, 'coinstaller-lint.json': '{ "rules": { "no-dll-load": "off" } }' });
    const strict = workspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [quiet.root, strict.root] });
    const quietUri = pathUri(quiet.path('co.c'));
    const strictUri = pathUri(strict.path('co.c'));
    await client.open(quietUri, CO_INSTALLER, 1);
    await client.open(strictUri, CO_INSTALLER, 1);
    expect(dllLoads((await client.waitForDiagnostics(quietUri, 1)).diagnostics)).toEqual([]);
    expect(dllLoads((await client.waitForDiagnostics(strictUri, 1)).diagnostics)).toHaveLength(1);
  });
});

describe('run on save', () => {
  it('with run: onSave, edits publish nothing until the document is saved', async () => {
    const ws = workspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { run: 'onSave' } } });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    expect(dllLoads((await client.waitForDiagnostics(uri, 1)).diagnostics)).toHaveLength(1);
    const mark = client.diagnostics.length;
    // Rename the call away: no publish while typing...
    await client.change(uri, 2, [{ range: { start: { line: 9, character: 12 }, end: { line: 9, character: 24 } }, text: 'GetModuleHandleW' }]);
    await new Promise((r) => setTimeout(r, 600));
    expect(client.diagnostics.slice(mark).filter((p) => p.uri === uri)).toEqual([]);
    // ...the save lints the document as it is now.
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await client.waitForDiagnostics(uri, 2);
    expect(dllLoads(saved.diagnostics)).toEqual([]);
  });
});

describe('workspace folders', () => {
  it('indexes a folder added to the workspace, and lints it with its own config', async () => {
    const first = workspace({ 'co.c': CO_INSTALLER });
    const added = workspace({ 'co.c': CO_INSTALLER, 'coinstaller-lint.json': '{ "rules": { "no-dll-load": "warn" } }' });
    client = await TestClient.start({
      workspaceFolders: [first.root],
      capabilities: { workspace: { workspaceFolders: true } },
      initializationOptions: { settings: { trace: { server: 'messages' } } },
    });
    await client.waitFor('the first index', () => client!.logs.find((l) => /^Indexed 1 files in 1 modules/.test(l.message)));
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathUri(added.root), name: 'added' }], removed: [] },
    });
    await client.waitFor('the index of both folders', () => client!.logs.find((l) => /^Indexed 2 files in 2 modules and 1 config files/.test(l.message)));
    const uri = pathUri(added.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    const published = await client.waitForDiagnostics(uri, 1);
    expect(dllLoads(published.diagnostics).map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);
  });
});

describe('workspace indexing and logs', () => {
  it('indexes the workspace in the background with $/progress begin, report and end', async () => {
    const ws = workspace({ 'a/co.c': CO_INSTALLER, 'b/co.c': CO_INSTALLER, 'b/co.inf': '[Version]\nSignature="$WINDOWS NT$"\n' });
    client = await TestClient.start({
      workspaceFolders: [ws.root],
      capabilities: { window: { workDoneProgress: true } },
      initializationOptions: { settings: { trace: { server: 'messages' } } },
    });
    await client.waitFor('the end of the progress', () => client!.progress.find((p) => (p as { value: { kind: string } }).value.kind === 'end'));
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.filter((k) => k === 'report')).toHaveLength(2);
    expect(kinds[kinds.length - 1]).toBe('end');
    expect(client.logs.some((l) => /^Indexed 3 files in 2 modules/.test(l.message))).toBe(true);
  });

  it('logs by trace level: nothing but problems at "off", details at "verbose"', async () => {
    const ws = workspace({ 'co.c': CO_INSTALLER });
    client = await TestClient.start({ workspaceFolders: [ws.root] });
    const uri = pathUri(ws.path('co.c'));
    await client.open(uri, CO_INSTALLER, 1);
    await client.waitForDiagnostics(uri, 1);
    expect(client.logs.filter((l) => l.type > 2)).toEqual([]);
    await client.stop();

    client = await TestClient.start({ workspaceFolders: [ws.root], initializationOptions: { settings: { trace: { server: 'verbose' } } } });
    await client.open(uri, CO_INSTALLER, 1);
    await client.waitForDiagnostics(uri, 1);
    await client.waitFor('a verbose log', () => client!.logs.find((l) => l.type === 4 && l.message.startsWith(`opened ${uri}`)));
  });
});
