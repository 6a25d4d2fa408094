/**
 * End-to-end test of the VS Code extension in real VS Code (code-server, driven through Debian's
 * chromium with playwright-core). Run by `npm run test:e2e`, not by `npm test`:
 *
 *   node --import tsx test/e2e/run.ts
 *
 * 1. Installs what it needs outside the repository (setup.ts) and packages the .vsix.
 * 2. Installs the .vsix into a fresh code-server profile (workspace trust off) and opens a copy
 *    of examples/ plus a small module for the quick fix (the copy is edited, never the repo).
 * 3. Checks that the Problems panel lists the findings the examples are written to have, that
 *    hovering a flagged call shows the guideline text, and that the "move into a finish-install
 *    action" quick fix edits the file as the rule's documentation describes, also across files
 *    (ui.c's finding edits coinstaller.c; the module then compiles and re-lints clean).
 * 4. Also: the language status item, "Open Rule Documentation", the INF language, "Fix All
 *    Problems", and a broken server (reported, restarts bounded).
 * 5. Saves a screenshot (the hover; or the screen at a failure) under test/e2e/artifacts/ and
 *    prints its path; stops every process it started (process groups), pass or fail.
 *
 * Exit status: 0 on success, 1 on a failed check, 2 when the tools could not be installed (the
 * message says what failed and why). COINSTALLER_LINT_E2E_KEEP=1 keeps the run's temporary
 * folder (profile, workspace copy, logs); COINSTALLER_LINT_E2E_CACHE moves the tool cache.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packageExtension } from '../../scripts/package-extension.js';
import { checkCrossFileMove, checkFinishInstallFix, checkFixAllUpdater, EXPECTED_PROBLEMS, HOVER_EXPECTATIONS, problemRowMatches, problemRows, type ExpectedProblem } from './expectations.js';
import { lintFiles } from '../../api/index.js';
import { hasMingw, mingwSyntaxCheck } from '../support/mingw.js';
import { ProcessGroup } from './processes.js';
import { ensureTools, SetupError } from './setup.js';
import { Workbench } from './workbench.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const ARTIFACTS = join(HERE, 'artifacts');

class CheckError extends Error {}

function log(line: string): void {
  process.stdout.write(`e2e: ${line}\n`);
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new CheckError(message);
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'coinstaller-lint-e2e-'));
  const started: ProcessGroup[] = [];
  let browser: Browser | undefined;
  let page: Page | undefined;
  let screenshot: string | undefined;
  let step = 'setup';
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    for (const p of started.splice(0).reverse()) await p.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    step = 'installing the tools';
    const tools = ensureTools(log);
    log(`node ${tools.node}; code-server ${tools.codeServerEntry}; chromium ${tools.chromium}`);

    step = 'packaging the extension';
    const vsix = await packageExtension({ out: join(work, 'coinstaller-lint.vsix') });
    log(`packaged ${vsix}`);

    step = 'preparing the profile and the workspace';
    const userData = join(work, 'user-data');
    const extensions = join(work, 'extensions');
    const workspace = join(work, 'workspace');
    mkdirSync(join(userData, 'User'), { recursive: true });
    mkdirSync(extensions, { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(testSettings(), null, 2));
    cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
    cpSync(join(HERE, 'fixtures', 'finish-install-demo'), join(workspace, 'finish-install-demo'), { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // code-server keeps its config, logs and state under these: inside the run's folder.
      XDG_CONFIG_HOME: join(work, 'xdg-config'),
      XDG_DATA_HOME: join(work, 'xdg-data'),
      XDG_CACHE_HOME: join(work, 'xdg-cache'),
    };
    const codeServerArgs = [
      tools.codeServerEntry,
      '--config', join(work, 'code-server.yaml'),
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
    ];
    writeFileSync(join(work, 'code-server.yaml'), 'auth: none\n');

    step = 'installing the .vsix into code-server';
    const install = ProcessGroup.start('code-server --install-extension', tools.node, [...codeServerArgs, '--install-extension', vsix], { env });
    started.push(install);
    const installCode = await install.wait();
    check(installCode === 0 && /successfully installed/i.test(install.output), `code-server --install-extension failed (exit ${installCode}):\n${install.output}`);
    log('installed the .vsix');

    step = 'starting code-server';
    const server = ProcessGroup.start(
      'code-server',
      tools.node,
      [
        ...codeServerArgs,
        '--bind-addr', '127.0.0.1:0',
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        workspace,
      ],
      { env },
    );
    started.push(server);
    const listening = await server.waitForOutput(/HTTP server listening on (http:\/\/[^\s/]+)/, 90000);
    const base = listening[1];
    log(`code-server at ${base}`);

    step = 'starting chromium';
    browser = await chromium.launch({
      executablePath: tools.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      env, // its crash reports go under the run's XDG folders too
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(30000);
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    const wb = new Workbench(page);
    await wb.ready();
    log('workbench ready');

    step = 'problems of the examples';
    await wb.openFile('contoso-coinstaller/ui.c');
    await wb.waitForSquiggle('error');
    await wb.openFile('contoso-coinstaller/coinstaller.c');
    await wb.waitForSquiggle('error');
    for (const expected of EXPECTED_PROBLEMS) {
      const rows = await waitForProblem(wb, expected);
      check(
        problemRows(rows).some((r) => problemRowMatches(r, expected)),
        `the Problems panel does not list ${expected.rule} in ${expected.file} at line ${expected.line}${expected.column ? `, column ${expected.column}` : ''}; rows with that filter:\n${rows.join('\n')}`,
      );
    }
    await wb.problems('');
    log(`the Problems panel lists the ${EXPECTED_PROBLEMS.length} expected findings`);

    step = 'the language status item';
    const status = await wb.languageStatus();
    check(status.includes('coinstaller-lint') && status.includes('Checking against the co-installer guidelines'), `the language status says: ${status}`);
    log('the language status item says the server is running');

    step = 'hover on a flagged call';
    await wb.goTo(HOVER_EXPECTATIONS.line, HOVER_EXPECTATIONS.column);
    const hoverText = await wb.hover(HOVER_EXPECTATIONS.token);
    for (const text of HOVER_EXPECTATIONS.contains) {
      check(hoverText.includes(text), `the hover on ${HOVER_EXPECTATIONS.token} lacks "${text}"; it says:\n${hoverText}`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    screenshot = join(ARTIFACTS, 'vscode-hover.png');
    await page.screenshot({ path: screenshot });
    log('the hover on a flagged call shows the guideline');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');

    step = 'Open Rule Documentation at the flagged call';
    await wb.command('coinstaller-lint: Open Rule Documentation');
    await wb.activeTab('no-dll-load.md').waitFor({ state: 'visible', timeout: 30000 });
    // The preview is a webview that keeps the keyboard focus: close it before typing shortcuts again.
    await wb.closeActiveEditor('no-dll-load.md');
    log('"Open Rule Documentation" opened the shipped page of no-dll-load');

    step = 'the INF language';
    await wb.openFile('contoso-coinstaller/contoso.inf');
    // the INF's one finding is its CoInstallers32 value (one per registration), below the first screen
    const infProblem = EXPECTED_PROBLEMS.find((p) => p.file === 'contoso.inf');
    if (infProblem === undefined) throw new CheckError('the expectations list no contoso.inf finding');
    await wb.goTo(infProblem.line, infProblem.column ?? 1);
    await wb.waitForSquiggle('error');
    const mode = await wb.languageMode('inf');
    check(mode === 'inf', `contoso.inf opened as language "${mode}", not "inf"`);
    log('contoso.inf opens as the inf language, with its problems underlined');

    step = 'quick fix: move into a finish-install action';
    const demo = join(workspace, 'finish-install-demo', 'coinstaller.c');
    const before = readFileSync(demo, 'utf8');
    const at = positionOf(before, 'MessageBoxW');
    await wb.openFile('finish-install-demo/coinstaller.c');
    await wb.waitForSquiggle('error');
    // The squiggle may be another file's, still drawn: wait for this very finding in the Problems panel.
    const demoProblem: ExpectedProblem = { file: 'coinstaller.c', rule: 'no-ui-outside-finish-install', line: at.line, column: at.column };
    check(problemRows(await waitForProblem(wb, demoProblem)).some((r) => problemRowMatches(r, demoProblem)), `the Problems panel does not list the demo's MessageBoxW at ${at.line}:${at.column}`);
    const items = await wb.quickFixesAt(at.line, at.column + 2);
    const titles = await items.allTextContents();
    // The rule's automatic fix: titled "Fix: <message> (no-ui-outside-finish-install)" by the server
    // today; a title that names the move ("Move ... into a finish-install action") is accepted too.
    const fix = items.filter({ hasText: /^(Fix: .*no-ui-outside-finish-install|Move .*finish-install action)/i }).first();
    check((await fix.count()) === 1, `no "move into a finish-install action" quick fix at MessageBoxW; the menu has:\n${titles.join('\n')}`);
    await fix.click();
    await wb.waitForDirty();
    await wb.save();
    const after = readFileSync(demo, 'utf8');
    const problems = checkFinishInstallFix(before, after);
    check(problems.length === 0, `the quick fix did not edit the file as expected: ${problems.join('; ')}\n--- after ---\n${after}`);
    log('the quick fix moved the message box into a finish-install action');

    step = 'quick fix across files: move ShowFirmwareWarning() into the finish-install action';
    const coinstaller = join(workspace, 'contoso-coinstaller', 'coinstaller.c');
    const uiSource = join(workspace, 'contoso-coinstaller', 'ui.c');
    const coinstallerBefore = readFileSync(coinstaller, 'utf8');
    const uiBefore = readFileSync(uiSource, 'utf8');
    const uiProblem = EXPECTED_PROBLEMS.find((p) => p.file === 'ui.c' && p.rule === 'no-ui-outside-finish-install');
    if (uiProblem?.column === undefined) throw new CheckError('the expectations list no ui.c finding with a column');
    await wb.openFile('contoso-coinstaller/ui.c');
    check(problemRows(await waitForProblem(wb, uiProblem)).some((r) => problemRowMatches(r, uiProblem)), `the Problems panel does not list ui.c's MessageBoxW at ${uiProblem.line}:${uiProblem.column}`);
    const moveItems = await wb.quickFixesAt(uiProblem.line, uiProblem.column + 2);
    const moveTitles = await moveItems.allTextContents();
    // the title names the change (docs/rules/no-ui-outside-finish-install.md, "How to fix it")
    const move = moveItems.filter({ hasText: /^Move ShowFirmwareWarning\(\) into a finish-install action$/ }).first();
    check((await move.count()) === 1, `no "Move ShowFirmwareWarning() into a finish-install action" quick fix at ui.c's MessageBoxW; the menu has:\n${moveTitles.join('\n')}`);
    await move.click();
    // the workspace edit changes coinstaller.c, which is not open: save every editor
    await wb.command('File: Save All');
    const moved = await waitFor(() => readFileSync(coinstaller, 'utf8') !== coinstallerBefore, 30000);
    check(moved, 'the quick fix did not change coinstaller.c on disk');
    const coinstallerAfter = readFileSync(coinstaller, 'utf8');
    const moveProblems = checkCrossFileMove(coinstallerBefore, coinstallerAfter);
    check(moveProblems.length === 0, `the move did not edit coinstaller.c as expected: ${moveProblems.join('; ')}\n--- after ---\n${coinstallerAfter}`);
    check(readFileSync(uiSource, 'utf8') === uiBefore, 'the move changed ui.c');
    const compiled = compileErrors([coinstaller, uiSource]);
    check(compiled === '', `coinstaller.c or ui.c does not compile after the move:\n${compiled}`);
    const relinted = await lintFiles([join(workspace, 'contoso-coinstaller')], { cwd: workspace });
    const left = relinted.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-ui-outside-finish-install').map((m) => `${r.filePath}:${m.line}:${m.column}`));
    check(left.length === 0, `the UI finding is still reported after the move: ${left.join(', ')}`);
    log('the cross-file quick fix removed the call from OnInstallDevice; the module compiles and re-lints without the UI finding');

    step = 'Fix All Problems';
    const updater = join(workspace, 'contoso-coinstaller', 'updater.c');
    const updaterBefore = readFileSync(updater, 'utf8');
    await wb.openFile('contoso-coinstaller/updater.c');
    // its finding (ShowReleaseNotes' CreateProcessW) is below the first screen: squiggles are drawn where seen
    const releaseNotesCall = updaterBefore.indexOf('CreateProcessW', updaterBefore.indexOf('DWORD ShowReleaseNotes('));
    await wb.goTo(updaterBefore.slice(0, releaseNotesCall).split('\n').length, 1);
    await wb.waitForSquiggle('error');
    await wb.command('coinstaller-lint: Fix All Problems');
    await wb.waitForDirty();
    await wb.save();
    const fixAllProblems = checkFixAllUpdater(updaterBefore, readFileSync(updater, 'utf8'));
    check(fixAllProblems.length === 0, `"Fix All Problems" on updater.c: ${fixAllProblems.join('; ')}`);
    log('"Fix All Problems" applied the one automatic fix of updater.c');

    step = 'a server that cannot start';
    // Break the installed extension's server (a copy in the test profile), then restart it by hand.
    const installed = readdirSync(extensions).find((n) => n.startsWith('coinstaller-lint.coinstaller-lint-'));
    check(installed !== undefined, `the extension is not in ${extensions}: ${readdirSync(extensions).join(', ')}`);
    const launches = join(work, 'server-launches.log');
    const serverJs = join(extensions, installed!, 'dist', 'server.js');
    const goodServer = readFileSync(serverJs);
    writeFileSync(
      serverJs,
      `require('node:fs').appendFileSync(${JSON.stringify(launches)}, 'launch\\n');\nprocess.exit(3);\n`,
    );
    await wb.command('coinstaller-lint: Restart Server');
    const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'coinstaller-lint: the language server' }).first();
    await toast.waitFor({ state: 'visible', timeout: 90000 });
    const toastText = ((await toast.textContent()) ?? '').trim();
    check(/exited while starting|could not start|will not be restarted/.test(toastText), `unexpected message: ${toastText}`);
    // No crash loop: the launches stop (at most 1 + 4 restarts) and stay stopped.
    const countLaunches = () => (readFileSync(launches, 'utf8').match(/launch/g) ?? []).length;
    await new Promise((r) => setTimeout(r, 5000));
    const settled = countLaunches();
    await new Promise((r) => setTimeout(r, 10000));
    check(settled >= 1 && settled <= 5 && countLaunches() === settled, `the broken server was launched ${settled} times, then ${countLaunches()} times 10 s later`);
    const failedStatus = await wb.languageStatus();
    check(/exited while starting|could not start|will not be restarted/.test(failedStatus), `after the failure the language status says: ${failedStatus}`);
    log(`a broken server is reported ("${toastText}") and not restarted in a loop (${settled} launch${settled === 1 ? '' : 'es'})`);

    step = 'Restart Server after the failure';
    writeFileSync(serverJs, goodServer);
    await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => undefined);
    await wb.command('coinstaller-lint: Restart Server');
    // updater.c has nothing left to report after Fix All: look where a finding stays
    const stateProblem = EXPECTED_PROBLEMS.find((p) => p.rule === 'no-state-in-dll');
    if (stateProblem === undefined) throw new CheckError('the expectations list no no-state-in-dll finding');
    await wb.openFile('contoso-coinstaller/coinstaller.c');
    await wb.goTo(stateProblem.line, stateProblem.column ?? 1);
    await wb.waitForSquiggle('error');
    const recovered = await wb.languageStatus();
    check(recovered.includes('Checking against the co-installer guidelines'), `after Restart Server the language status says: ${recovered}`);
    log('Restart Server brings the repaired server back');

    log(`PASS (screenshot: ${screenshot})`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SetupError) {
      process.stderr.write(`e2e: SETUP FAILED while ${step}: ${message}\n`);
      return 2;
    }
    process.stderr.write(`e2e: FAILED while ${step}: ${message}\n`);
    if (page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const failure = join(ARTIFACTS, 'vscode-failure.png');
      if (await page.screenshot({ path: failure }).then(() => true, () => false)) process.stderr.write(`e2e: screenshot of the failure: ${failure}\n`);
    }
    if (!(error instanceof CheckError) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    for (const p of started) if (p.output) process.stderr.write(`--- ${p.name} output (last lines) ---\n${p.output.slice(-4000)}\n`);
    return 1;
  } finally {
    await stopAll();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (!process.env.COINSTALLER_LINT_E2E_KEEP) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

/** The user settings of the test profile. */
function testSettings(): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 200,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'problems.defaultViewMode': 'tree',
  };
}

/** The Problems panel's rows filtered by the rule id, once they list `expected` (the server indexes in the background). */
async function waitForProblem(wb: Workbench, expected: ExpectedProblem, timeoutMs = 60000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows = await wb.problems(expected.rule);
  while (Date.now() < deadline && !problemRows(rows).some((r) => problemRowMatches(r, expected))) {
    await new Promise((r) => setTimeout(r, 1000));
    rows = await wb.problems(expected.rule);
  }
  return rows;
}

/** 1-based line and column of the first occurrence of `text`. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const offset = source.indexOf(text);
  if (offset < 0) throw new Error(`"${text}" is not in the fixture`);
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Polls `test` every 200 ms until it holds or the time is up. */
async function waitFor(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

/** mingw-w64's diagnostics for the files ('' when they compile, or when mingw-w64 is missing: said in the log). */
function compileErrors(files: string[]): string {
  if (!hasMingw()) {
    log('SKIPPED the compile check: x86_64-w64-mingw32-gcc is not installed');
    return '';
  }
  return files.map((f) => mingwSyntaxCheck(f)).filter((e) => e !== '').join('\n');
}

process.exitCode = await main();
