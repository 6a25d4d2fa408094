/**
 * The harness of the one-function relint's differential tests: a lint session (engine/incremental/)
 * typed into like an editor (Editor), every version of every open file compared with a lint of the
 * module from scratch, and the workspaces the tests type into.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { generateInstaller } from '../../../bench/big-installer.js';
import { builtinRules } from '../../../rules/index.js';
import { ConfigResolver } from '../../../engine/config/load-config.js';
import { createLintSession } from '../../../engine/incremental/lint-session.js';
import { Linter } from '../../../engine/linter/linter.js';
import type { LintMessage, RuleModule } from '../../../engine/linter/types.js';
import { discoverModule, installerModelProvider } from '../../../engine/model/index.js';
import { CppParser } from '../../../engine/parsing/cpp-parser.js';
import { ConfigStore } from '../../../server/config/config-store.js';
import { defaultServerSettings } from '../../../server/protocol/settings.js';
import { realLinter } from '../../robustness/invariants.js';
import { pick, randomInt, seededRandom } from '../../support/mutate.js';
import { tempWorkspace, type TempWorkspace } from './workspace.js';

/** The parser and the linter of a test file (made in beforeAll, freed in afterAll). */
export interface RelintWorld {
  parser: CppParser;
  /** A linter with the built-in rules, for the lints from scratch. */
  linter: Linter;
  dispose(): void;
}

export async function relintWorld(): Promise<RelintWorld> {
  const parser = await CppParser.create();
  const linter = realLinter(parser);
  return { parser, linter, dispose: () => (linter.dispose(), parser.delete()) };
}

/** A lint session with the installer model over its own summary cache (so with the one-function relint), modules found by discoverModule. */
export function relintService(world: RelintWorld, ws: TempWorkspace, rules: ReadonlyMap<string, RuleModule> = builtinRules, maxFileSize?: number) {
  const configs = new ConfigStore(rules);
  configs.setFolders([ws.root]);
  configs.setSettings(null, { ...defaultServerSettings(), ...(maxFileSize ? { maxFileSize } : {}) });
  const lint = createLintSession({ rules, parser: world.parser, configs, maxReadBytes: () => 1 << 22 });
  return { lint, dispose: () => lint.dispose() };
}

/**
 * The messages of a fresh lint of the module, `texts` standing for the open files. Every file is
 * editable, as in the lint session's lints (engine/incremental/full-module-lint.ts): a fix that
 * edits another file is a fix there.
 */
export function fromScratch(world: RelintWorld, ws: TempWorkspace, target: string, texts: ReadonlyMap<string, string>, rules: ReadonlyMap<string, RuleModule> = builtinRules): LintMessage[] {
  const resolver = new ConfigResolver(rules, { cwd: ws.root, stopAt: ws.root });
  const inputs = discoverModule(target).files.map((f) => ({ filePath: f, text: texts.get(f) ?? readFileSync(f, 'utf8'), report: f === target, editable: true }));
  const scratch = rules === builtinRules ? world.linter : new Linter({ rules, parser: world.parser, serviceProviders: [installerModelProvider] });
  try {
    return scratch.lintModule(inputs, (f) => resolver.configFor(f))[0].messages;
  } finally {
    if (scratch !== world.linter) scratch.dispose();
  }
}

/** Messages as plain data, in their order. */
export function normal(messages: readonly LintMessage[]): unknown {
  // in the order given: at equal ranges too, the server keeps the order of a lint of the whole file
  return JSON.parse(JSON.stringify(messages));
}

/** Offsets strictly inside function bodies at file scope (found by the test's own parse). */
export function insideBodies(parser: CppParser, text: string): number[] {
  const tree = parser.parse(text);
  try {
    const out: number[] = [];
    for (const child of tree.rootNode.children) {
      const body = child?.type === 'function_definition' ? child.childForFieldName('body') : null;
      if (body) for (let i = body.startIndex + 1; i < body.endIndex - 1; i++) out.push(i);
    }
    return out;
  } finally {
    tree.delete();
  }
}

/** What a keystroke in code may type: mostly characters that keep the model's shape, some that do not. */
export const TYPING = ['1', '7', 'a', 'x', ' ', '  ', '\n', '\r\n', '"', ';', '(', ')', '{', '}', 'Sleep(1);', 'MessageBoxW(NULL, L"x", L"y", MB_OK);', 'g_count++;', 'case DIF_REMOVE:', '/*', '\u00e9', '\u{1F680}'];

/** Open documents typed into through the lint session, every version compared with a lint from scratch. */
export class Editor {
  private readonly service: ReturnType<typeof relintService>;
  readonly texts = new Map<string, string>();
  private readonly docs: { f: string; version: number }[];
  checked = 0;

  constructor(
    readonly world: RelintWorld,
    private readonly ws: TempWorkspace,
    files: readonly string[],
    private readonly rules: ReadonlyMap<string, RuleModule> = builtinRules,
  ) {
    this.service = relintService(world, ws, rules);
    this.docs = files.map((f) => {
      const text = readFileSync(f, 'utf8');
      this.texts.set(f, text);
      this.service.lint.open(f, text, 1);
      return { f, version: 1 };
    });
    this.compare('the texts as opened');
  }

  get files(): string[] {
    return this.docs.map((d) => d.f);
  }

  get relints(): number {
    return this.service.lint.stats().functionRelints;
  }

  /** Replaces [at, at + removed) of `file` with `inserted`, then compares every open file's results. */
  type(file: string, at: number, removed: number, inserted: string): void {
    this.typeUnseen(file, at, removed, inserted);
    this.compare(`${JSON.stringify(inserted)} at ${at} (${removed} removed) in ${file}`);
  }

  /** A keystroke no lint sees (the next one comes first): a new version of the document only. */
  typeUnseen(file: string, at: number, removed: number, inserted: string): void {
    const target = this.docs.find((d) => d.f === file)!;
    const text = this.texts.get(file)!;
    const end = Math.min(at + removed, text.length);
    this.service.lint.update(file, [{ range: [at, end], text: inserted }], ++target.version);
    this.texts.set(file, text.slice(0, at) + inserted + text.slice(end));
  }

  /** Compares every open file's results with a lint from scratch. */
  check(what: string): void {
    this.compare(what);
  }

  messagesOf(file: string): LintMessage[] {
    return this.service.lint.lint(file).messages;
  }

  private compare(what: string): void {
    for (const { f } of this.docs) {
      expect(normal(this.messagesOf(f)), `${what}: results of ${f}`).toEqual(normal(fromScratch(this.world, this.ws, f, this.texts, this.rules)));
      this.checked++;
    }
  }

  dispose(): void {
    this.service.dispose();
  }
}

/** Random keystrokes inside function bodies of the open files. */
export function typeRandomly(editor: Editor, seed: number, keystrokes: number, typing: readonly string[]): void {
  const random = seededRandom(seed);
  for (let k = 0; k < keystrokes; k++) {
    const file = pick(random, editor.files);
    const text = editor.texts.get(file)!;
    const spots = insideBodies(editor.world.parser, text);
    // the file may have lost its last function body (an unclosed comment): nothing to type into
    if (spots.length === 0) continue;
    let at = spots[randomInt(random, spots.length)];
    // an editor's cursor never sits inside a CRLF
    if (text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10) at--;
    let removed = randomInt(random, 5) === 0 ? 1 + randomInt(random, 3) : 0;
    if (text.charCodeAt(at + removed - 1) === 13 && text.charCodeAt(at + removed) === 10) removed++;
    // typing in a number or a string keeps the shape: favour digits and letters
    const inserted = removed > 0 ? '' : randomInt(random, 2) === 0 ? pick(random, ['1', '7', 'a', ' ']) : pick(random, typing);
    editor.type(file, at, removed, inserted);
  }
}

/**
 * Beside the generated installer: a function nothing calls yet (its UI is no finding until it is
 * called), and helpers failing with ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION and returning
 * ERROR_DI_DO_DEFAULT into the co-installer (findings of rules that listen to Program only, the
 * second with no fix, outside whatever function is typed into).
 */
export const EXTRA = [
  'static void Orphan(void)',
  '{',
  '    MessageBoxW(NULL, L"orphan", L"Vendor", MB_OK);',
  '}',
  '',
  'static DWORD NeedsDesktop(void)',
  '{',
  '    return ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION;',
  '}',
  '',
  'static DWORD Defaults(void)',
  '{',
  '    return ERROR_DI_DO_DEFAULT;',
  '}',
  '',
].join('\n');

export function installerWorkspace(lines: number): TempWorkspace {
  const text = generateInstaller(lines).replace('DWORD CALLBACK CoInstaller(', `${EXTRA}\nDWORD CALLBACK CoInstaller(`);
  return tempWorkspace({ 'coinstaller-lint.json': '{ "extends": "all" }\n', 'big.c': text.replace('Helper1(DeviceInfoSet, DeviceInfoData);', 'Helper1(DeviceInfoSet, DeviceInfoData);\n        NeedsDesktop();\n        Defaults();') });
}

/**
 * A co-installer whose finish branch calls RequestAction: whether RequestAction's code sets the
 * flag decides whether the suggestion for the UI in Prompt also adds the request to that branch.
 * `helperBody` goes into RequestAction, between its locals and its calls.
 */
export function finishBranchModule(helperBody: readonly string[]): string {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    '',
    'static void Prompt(void)',
    '{',
    '    MessageBoxW(NULL, L"Hi", L"Vendor", MB_OK);',
    '}',
    '',
    'static void RequestAction(HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData)',
    '{',
    '    SP_DEVINSTALL_PARAMS_W params;',
    '    int *p = 0;',
    ...helperBody,
    '    params.cbSize = sizeof(params);',
    '    SetupDiGetDeviceInstallParamsW(DeviceInfoSet, DeviceInfoData, &params);',
    '}',
    '',
    'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)',
    '{',
    '    switch (InstallFunction) {',
    '    case DIF_INSTALLDEVICE:',
    '        Prompt();',
    '        break;',
    '    case DIF_NEWDEVICEWIZARD_FINISHINSTALL:',
    '        RequestAction(DeviceInfoSet, DeviceInfoData);',
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');
}
