/**
 * Driving VS Code's workbench (as code-server serves it) with playwright-core: commands, quick
 * open, the Problems panel, hovers and the Quick Fix menu. Selectors are VS Code's own classes.
 */
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  async ready(timeoutMs = 90000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    // The explorer shows the workspace once the remote file system is up.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Runs a command by its title from the command palette. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 15000 });
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15000 }).catch(() => undefined);
  }

  /** Opens a workspace file with Quick Open (`relativePath` like "folder/file.c") and waits for its tab. */
  async openFile(relativePath: string): Promise<void> {
    const parts = relativePath.split('/');
    const name = parts.pop()!;
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    // The row of that file: its name, and its folder in the description.
    let row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name });
    for (const folder of parts) row = row.filter({ hasText: folder });
    await row.first().waitFor({ state: 'visible', timeout: 30000 });
    await row.first().click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.activeTab(name).waitFor({ state: 'visible', timeout: 30000 });
    const folder = parts.at(-1);
    if (folder) await this.page.locator('.editor-group-container.active .breadcrumbs-control', { hasText: folder }).first().waitFor({ state: 'visible' });
    await this.editor().waitFor({ state: 'visible' });
  }

  /** The active tab of the active editor group, if it shows `name`. */
  activeTab(name: string): Locator {
    return this.page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: name });
  }

  /** The focused editor group's text editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor to a 1-based line and column (Go to Line "L:C"). */
  async goTo(line: number, column: number): Promise<void> {
    await this.editor().click({ position: { x: 200, y: 10 } });
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`); // Go to Line is Quick Open with the ":" prefix
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Waits for at least one squiggle of the given severity in the active editor. */
  async waitForSquiggle(severity: 'error' | 'warning' | 'info', timeoutMs = 60000): Promise<void> {
    await this.editor().locator(`.squiggly-${severity}`).first().waitFor({ state: 'attached', timeout: timeoutMs });
  }

  /**
   * Opens the Problems panel, types `filter` into its filter box, and returns its rows in display
   * order, each as "<aria-label> || <text>" (file rows, problem rows, related information).
   */
  async problems(filter = ''): Promise<string[]> {
    await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    const input = this.page.locator('.viewpane-filter-container input').filter({ visible: true }).first();
    await input.waitFor({ state: 'visible' });
    if ((await input.inputValue()) !== filter) {
      await input.fill(filter);
      await this.page.waitForTimeout(700); // the filter is applied after a short delay
    }
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 30000 });
    return rows.evaluateAll((els) =>
      els
        .map((e) => ({ top: Number.parseFloat((e as HTMLElement).style.top) || 0, row: `${e.getAttribute('aria-label') ?? ''} || ${e.textContent ?? ''}` }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.row),
    );
  }

  /** Moves the mouse over the first token of the active editor whose text is `token`; returns the hover's text. */
  async hover(token: string, attempts = 3): Promise<string> {
    const span = this.editor().locator('.view-lines span span', { hasText: new RegExp(`^${escapeRegExp(token)}$`) }).first();
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'coinstaller-lint' }).first();
    for (let attempt = 1; ; attempt++) {
      await span.waitFor({ state: 'visible' });
      const box = await span.boundingBox();
      if (!box) throw new Error(`"${token}" is not on screen`);
      // come from elsewhere, then rest on the token: a hover shows on a mouse move that stops
      await this.page.mouse.move(5, 400);
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      if (await hover.waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false)) return (await hover.textContent()) ?? '';
      if (attempt >= attempts) throw new Error(`no coinstaller-lint hover on "${token}" after ${attempts} attempts`);
      await this.page.keyboard.press('Escape');
    }
  }

  /**
   * Puts the cursor at a 1-based line and column and opens the Quick Fix menu there; returns its
   * entries. The status bar must show the position first (the editor has the focus and the cursor
   * is placed); a menu that does not open (the keystroke went elsewhere, or the code actions were
   * not ready) is retried, and the error says what each attempt saw.
   */
  async quickFixesAt(line: number, column: number, attempts = 3): Promise<Locator> {
    const items = this.page.locator('.action-widget .monaco-list-row');
    const seen: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.goTo(line, column);
      const position = this.page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${column}` });
      const placed = await position.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
      if (placed) {
        await this.page.keyboard.press('Control+.');
        if (await items.first().waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false)) return items;
      }
      const status = ((await this.page.locator('[id="status.editor.selection"]').textContent().catch(() => null)) ?? '').trim();
      const message = ((await this.page.locator('.monaco-editor-overlaymessage').first().textContent({ timeout: 500 }).catch(() => null)) ?? '').trim();
      seen.push(`attempt ${attempt}: cursor ${status || 'unknown'}${placed ? '' : ' (not placed)'}, menu not shown${message ? `, editor said "${message}"` : ''}`);
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(1000 * attempt);
    }
    throw new Error(`the Quick Fix menu did not open at ${line}:${column}:\n${seen.join('\n')}`);
  }

  /** Hovers the language status ({} in the status bar) and returns the text of its popup. */
  async languageStatus(): Promise<string> {
    await this.page.mouse.move(5, 400);
    await this.page.locator('[id="status.languageStatus"]').hover();
    const popup = this.page.locator('.hover-language-status', { hasText: 'coinstaller-lint' }).first();
    await popup.waitFor({ state: 'visible', timeout: 15000 });
    const text = (await popup.textContent()) ?? '';
    await this.page.mouse.move(5, 400);
    return text;
  }

  /** Closes the active editor with its tab's close button (focus then returns to the workbench, even from a webview). */
  async closeActiveEditor(name: string): Promise<void> {
    const tab = this.activeTab(name);
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await this.page.locator('.tabs-container .tab', { hasText: name }).waitFor({ state: 'detached', timeout: 15000 });
  }

  /** The language mode the status bar shows for the active editor. */
  async languageMode(expected?: string, timeoutMs = 15000): Promise<string> {
    const read = async () => ((await this.page.locator('[id="status.editor.mode"]').textContent()) ?? '').trim();
    // the status bar follows the active editor a moment later: wait for the expected mode, if any
    const deadline = Date.now() + timeoutMs;
    let mode = await read();
    while (expected !== undefined && mode !== expected && Date.now() < deadline) {
      await this.page.waitForTimeout(250);
      mode = await read();
    }
    return mode;
  }

  /** Waits until the active editor has unsaved changes (an edit was applied). */
  async waitForDirty(timeoutMs = 30000): Promise<void> {
    await this.page.locator('.editor-group-container.active .tabs-container .tab.active.dirty').waitFor({ state: 'attached', timeout: timeoutMs });
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 15000 });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
