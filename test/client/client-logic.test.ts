/**
 * The client's logic that needs no VS Code: the restart budget (no silent crash loop), the
 * messages shown when the server cannot run, the document selector, and the rule pages the
 * "Open Rule Documentation" command offers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_FILE_PATTERN, documentSelector, INF_FILE_PATTERN } from '../../client/src/document-selector.js';
import { crashLoopMessage, missingServerMessage, reason, startFailedMessage } from '../../client/src/messages.js';
import { listRuleDocs, ruleIdOfCode } from '../../client/src/rule-doc-files.js';
import { RestartBudget } from '../../client/src/restart-budget.js';

describe('RestartBudget', () => {
  const minute = 60 * 1000;

  it('allows four restarts within three minutes and refuses the fifth stop', () => {
    const budget = new RestartBudget();
    expect([0, 1, 2, 3].map((i) => budget.allowRestart(i * 10 * 1000))).toEqual([true, true, true, true]);
    expect(budget.allowRestart(40 * 1000)).toBe(false);
    expect(budget.recentStops).toBe(5);
  });

  it('forgets stops older than the window', () => {
    const budget = new RestartBudget(2, 3 * minute);
    expect(budget.allowRestart(0)).toBe(true);
    expect(budget.allowRestart(1 * minute)).toBe(true);
    // The stop at 0 is 3 minutes old: out of the window, so this is the second stop in it.
    expect(budget.allowRestart(3 * minute)).toBe(true);
    expect(budget.recentStops).toBe(2);
    expect(budget.allowRestart(3 * minute + 1)).toBe(false);
  });

  it('starts over after reset (a restart by hand)', () => {
    const budget = new RestartBudget(1, minute);
    budget.allowRestart(0);
    expect(budget.allowRestart(1)).toBe(false);
    budget.reset();
    expect(budget.recentStops).toBe(0);
    expect(budget.allowRestart(2)).toBe(true);
  });
});

describe('messages', () => {
  it('say what failed and what to do', () => {
    expect(startFailedMessage(new Error('spawn ENOENT.'))).toBe(
      'coinstaller-lint: the language server could not start: spawn ENOENT. See the output for details.',
    );
    expect(startFailedMessage(new Error('Pending response rejected since connection got disposed'))).toBe(
      'coinstaller-lint: the language server exited while starting. See the output for details.',
    );
    expect(crashLoopMessage(5, 3 * 60 * 1000)).toBe(
      'coinstaller-lint: the language server stopped 5 times in the last 3 minutes and will not be restarted. ' +
        'See the output for the cause, then run "coinstaller-lint: Restart Server".',
    );
    expect(missingServerMessage('/ext/dist/server.js')).toContain('(/ext/dist/server.js)');
    expect(missingServerMessage('/ext/dist/server.js')).toContain('Reinstall the extension');
  });

  it('describe any thrown value', () => {
    expect(reason('closed')).toBe('closed');
    expect(reason(undefined)).toBe('unknown error');
    expect(reason('')).toBe('unknown error');
  });
});

describe('documentSelector', () => {
  it('selects C, C++ and INF files on disk, INF files by extension and build files by name', () => {
    expect(documentSelector()).toEqual([
      { scheme: 'file', language: 'c' },
      { scheme: 'file', language: 'cpp' },
      { scheme: 'file', language: 'inf' },
      { scheme: 'file', pattern: INF_FILE_PATTERN },
      { scheme: 'file', pattern: BUILD_FILE_PATTERN },
    ]);
    for (const ext of ['inf', 'inx', 'INF', 'INX']) expect(INF_FILE_PATTERN).toContain(ext);
    for (const name of ['*.vcxproj', '*.props', '*.targets', 'sources', 'makefile.inc', 'compile_commands.json']) expect(BUILD_FILE_PATTERN).toContain(name);
  });
});

describe('rule documentation files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'coinstaller-lint-docs-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the .md pages by rule id, sorted, ignoring other files', () => {
    writeFileSync(join(folder, 'no-service-control.md'), '# no-service-control\n');
    writeFileSync(join(folder, 'no-dll-load.md'), '# no-dll-load\n');
    writeFileSync(join(folder, 'notes.txt'), 'not a page');
    mkdirSync(join(folder, 'images'));
    expect(listRuleDocs(folder)).toEqual([
      { ruleId: 'no-dll-load', path: join(folder, 'no-dll-load.md') },
      { ruleId: 'no-service-control', path: join(folder, 'no-service-control.md') },
    ]);
  });

  it('lists nothing for a folder that does not exist', () => {
    expect(listRuleDocs(join(folder, 'missing'))).toEqual([]);
  });

  it('reads the rule id from a diagnostic code, plain or with its documentation link', () => {
    expect(ruleIdOfCode('no-dll-load')).toBe('no-dll-load');
    expect(ruleIdOfCode({ value: 'no-dll-load', target: 'file:///ext/docs/rules/no-dll-load.md' })).toBe('no-dll-load');
    expect(ruleIdOfCode(42)).toBeUndefined();
    expect(ruleIdOfCode(undefined)).toBeUndefined();
  });
});
