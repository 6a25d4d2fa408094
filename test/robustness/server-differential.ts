/**
 * The differential harness of test/robustness/incremental-*.test.ts: random edits as an editor
 * makes them (applied to a plain string here, turned into LSP changes with LineIndex), the
 * diagnostics the language server publishes reduced to what both sides must agree on, and the
 * same for a fresh lint of the module with a Linter (computed independently of the server).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { builtinRules } from '../../rules/index.js';
import { ConfigResolver } from '../../engine/config/load-config.js';
import type { Linter } from '../../engine/linter/linter.js';
import type { OffsetRange } from '../../engine/linter/types.js';
import { discoverModule } from '../../engine/model/index.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { type TestClient, pathUri } from '../server/support/lsp-client.js';
import { tempWorkspace, type TempWorkspace } from '../server/support/workspace.js';
import { pick, randomInt, type Random } from '../support/mutate.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

/** Text an edit may insert: real installer code, broken code, line breaks of every kind, non-ASCII. */
const SNIPPETS = [
  'LoadLibraryW(L"x.dll");',
  'MessageBoxW(NULL, L"hi", L"t", MB_OK);',
  'CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);',
  'case DIF_INSTALLDEVICE:',
  'case DIF_FINISHINSTALL_ACTION:',
  'return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
  'return ERROR_DI_DO_DEFAULT;',
  'break;',
  '{',
  '}',
  '(',
  ')',
  ';',
  '"',
  '/*',
  '*/',
  '// coinstaller-lint-disable-next-line no-dll-load\n',
  '#if 0\n',
  '#endif\n',
  '\n',
  '\r\n',
  '    ',
  'IN ',
  'OUT ',
  'CALLBACK ',
  '\u00e9',
  '\u{1F680}',
  'x',
  'static int g_state;',
  'void Helper(void) { LoadLibraryW(L"h"); }\n',
];

/** An offset where an editor can put the cursor: not inside a CRLF, not inside a surrogate pair. */
function cursorOffset(text: string, random: Random): number {
  let at = randomInt(random, text.length + 1);
  while (at > 0 && at < text.length) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    const splitsCrlf = before === 13 && after === 10;
    const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
    if (!splitsCrlf && !splitsPair) break;
    at--;
  }
  return at;
}

export interface Edit {
  range: OffsetRange;
  text: string;
}

/** One random edit: type a snippet, delete a span, replace a span, or paste a copy of another span. */
export function randomEdit(text: string, random: Random): Edit {
  const a = cursorOffset(text, random);
  const span = Math.min(text.length - a, randomInt(random, 40));
  let b = cursorOffset(text, () => (a + span) / (text.length + 1));
  if (b < a) b = a;
  switch (randomInt(random, 4)) {
    case 0:
      return { range: [a, a], text: pick(random, SNIPPETS) };
    case 1:
      return { range: [a, b], text: '' };
    case 2:
      return { range: [a, b], text: pick(random, SNIPPETS) };
    default: {
      const from = cursorOffset(text, random);
      return { range: [a, a], text: text.slice(from, cursorOffset(text, () => Math.min(1, (from + randomInt(random, 80)) / (text.length + 1)))) };
    }
  }
}

const position = (lines: LineIndex, offset: number) => lines.positionAt(offset);

/** The LSP change for an edit of `text` (positions in UTF-16, computed here, not by the server). */
export function lspChange(text: string, edit: Edit) {
  const lines = new LineIndex(text);
  return { range: { start: position(lines, edit.range[0]), end: position(lines, edit.range[1]) }, text: edit.text };
}

export const applyEdit = (text: string, e: Edit) => text.slice(0, e.range[0]) + e.text + text.slice(e.range[1]);

/** A diagnostic reduced to what both sides must agree on. */
export interface Comparable {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number | undefined;
  code: string | number | undefined;
  message: unknown;
  related: { uri: string; range: Comparable['range'] }[];
}

function fromServer(ds: Diagnostic[]): Comparable[] {
  return ds
    .map((d) => ({
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, range: r.location.range })),
    }))
    .sort(order);
}

function order(a: Comparable, b: Comparable): number {
  return JSON.stringify([a.range, a.code, a.message]) < JSON.stringify([b.range, b.code, b.message]) ? -1 : 1;
}

/** What a fresh lint of the module by `linter` gives for `target`, with `texts` for the files the editor holds. */
export function lintFromScratch(linter: Linter, ws: TempWorkspace, target: string, texts: ReadonlyMap<string, string>): Comparable[] {
  const resolver = new ConfigResolver(builtinRules, { cwd: ws.root, stopAt: ws.root });
  const files = discoverModule(target).files;
  const all = new Map<string, string>();
  for (const f of files) all.set(f, texts.get(f) ?? readFileSync(f, 'utf8'));
  for (const [f, t] of texts) all.set(f, t);
  const inputs = [...all].map(([filePath, text]) => ({ filePath, text, report: filePath === target }));
  const [result] = linter.lintModule(inputs, (f) => resolver.configFor(f));
  const linesOf = new Map([...all].map(([f, t]) => [f, new LineIndex(t)]));
  const lines = linesOf.get(target)!;
  return result.messages
    .map((m) => ({
      range: { start: position(lines, m.range[0]), end: position(lines, m.range[1]) },
      severity: m.severity === 2 ? 1 : 2,
      code: m.ruleId ?? undefined,
      message: m.message,
      related: (m.related ?? []).map((r) => {
        const rl = linesOf.get(r.filePath)!;
        return {
          uri: pathUri(r.filePath),
          range: r.range
            ? { start: position(rl, r.range[0]), end: position(rl, r.range[1]) }
            : { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } },
        };
      }),
    }))
    .sort(order);
}

/** Waits until the last publish for `uri` (at `version`, when given) equals `expected`; fails with both on timeout. */
export async function settlesTo(c: TestClient, uri: string, expected: Comparable[], version?: number, what = uri): Promise<void> {
  let last: PublishDiagnosticsParams | undefined;
  try {
    await c.waitFor(`${what} to match a lint from scratch`, () => {
      last = c.lastDiagnostics(uri);
      if (!last || (version !== undefined && last.version !== version)) return undefined;
      return JSON.stringify(fromServer(last.diagnostics)) === JSON.stringify(expected) ? true : undefined;
    }, 20_000);
  } catch {
    // Show the difference, not just the timeout.
    expect({ what, version: last?.version, diagnostics: last ? fromServer(last.diagnostics) : null }).toEqual({ what, version: version ?? last?.version, diagnostics: expected });
  }
}

export function contosoWorkspace(): TempWorkspace {
  const files: Record<string, string> = { 'coinstaller-lint.json': '{ "extends": "all" }\n' };
  for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) {
    files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
  }
  return tempWorkspace(files);
}
