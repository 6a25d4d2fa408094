/**
 * The fuzzer's heavy cases: made-up co-installer modules at the sizes that used to take minutes or
 * gigabytes (deep nesting, long lines, long call chains, thousands of findings), each run in a child process of its own
 * (scripts/fuzz.ts --heavy) so that its time and peak memory are its own. Shared by scripts/fuzz.ts
 * and test/robustness/heavy.test.ts, which asserts the budget.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_BYTES } from '../../engine/text/source-file.js';
import { MAX_EXPRESSION_TOKENS, MAX_NESTING, MAX_TOKENS } from '../../engine/parsing/parse-limits.js';
import type { Linter, ModuleFileInput } from '../../engine/linter/linter.js';
import { allRulesConfig } from './invariants.js';

const UI = 'MessageBoxW(NULL, L"x", L"y", MB_OK);';
const ROOT = '/heavy/contoso';

/** A co-installer whose DIF_INSTALLDEVICE case holds `body` (one line), after `before`. */
function entry(body: string, before = ''): string {
  return [
    '#include <windows.h>',
    '#include <setupapi.h>',
    before + 'DWORD CALLBACK ContosoCoInstaller(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)',
    '{',
    '    switch (Fn) {',
    '    case DIF_INSTALLDEVICE:',
    `        ${body}`,
    '        break;',
    '    default:',
    '        break;',
    '    }',
    '    return NO_ERROR;',
    '}',
    '',
  ].join('\n');
}

const DEF = { filePath: `${ROOT}/contoso.def`, text: 'LIBRARY contoso\nEXPORTS\n    ContosoCoInstaller\n' };
const module = (text: string, more: ModuleFileInput[] = []): ModuleFileInput[] => [{ filePath: `${ROOT}/coinstaller.c`, text }, DEF, ...more];

/**
 * Functions c<first>..c<first+count-1> (not past c<last>), each calling the next, c<last> showing
 * UI; callees first, so that no prototype is needed but for a callee in the next file.
 */
function chainFunctions(first: number, count: number, last: number): string {
  const out: string[] = [];
  const end = Math.min(first + count - 1, last);
  if (end < last) out.push(`void c${end + 1}(void);`);
  for (let k = end; k >= first; k--) out.push(k === last ? `void c${k}(void){${UI}}` : `void c${k}(void){c${k + 1}();}`);
  return out.join('\n') + '\n';
}

export interface HeavyCase {
  name: string;
  about: string;
  inputs(): ModuleFileInput[];
}

export const HEAVY_CASES: readonly HeavyCase[] = [
  {
    name: 'deep-braces',
    about: '40,000 nested blocks around a UI call in the entry point (not analysed: nesting limit)',
    inputs: () => module(entry('{'.repeat(40_000) + UI + '}'.repeat(40_000))),
  },
  {
    name: 'braces-at-limit',
    about: `blocks nested to the nesting limit (${MAX_NESTING}) around a UI call: analysed, fixes planned`,
    // the function's and the switch's braces and the call's parenthesis are open around the blocks
    inputs: () => module(entry('{'.repeat(MAX_NESTING - 3) + UI + '}'.repeat(MAX_NESTING - 3))),
  },
  {
    name: 'long-line-plus',
    about: 'a 2 MB line `x+x+...` (one expression a million levels deep; not analysed: token limit)',
    inputs: () => module(entry(`g_x = ${'x+'.repeat(1_000_000)}x;`)),
  },
  {
    name: 'expression-at-limit',
    about: `a UI call, then one expression \`x+x+...\` of just under ${MAX_EXPRESSION_TOKENS} tokens (a tree half as deep): analysed`,
    // g_x = (2), x + n times (2n), x (1), and room for `case DIF_INSTALLDEVICE :` (3) once the fix has moved the call
    inputs: () => module(entry(`${UI} g_x = ${'x+'.repeat((MAX_EXPRESSION_TOKENS - 6) >> 1)}x;`)),
  },
  {
    name: 'long-line-statements',
    about: `statements on one line, just under the token limit (${MAX_TOKENS}): analysed`,
    // UI (15 tokens) then `g_Count++;` (4 tokens) as many times as fit with the entry point's ~60 tokens
    inputs: () => module(entry(UI + 'g_Count++;'.repeat(Math.floor((MAX_TOKENS - 200) / 4)))),
  },
  {
    name: 'ui-calls-line',
    about: '5,400 UI calls on one line (200 KB, 81,000 tokens: under every parse limit), each a finding with a fix',
    inputs: () => module(entry(UI.repeat(5_400))),
  },
  {
    name: 'parens-file',
    about: '4 MiB of `(` (the size limit; not analysed: token limit)',
    inputs: () => module('('.repeat(DEFAULT_MAX_FILE_BYTES)),
  },
  {
    name: 'semicolons-file',
    about: 'a function of 4 MiB of `;` (not analysed: token limit)',
    inputs: () => module(`void c(void)\n{\n${';'.repeat(DEFAULT_MAX_FILE_BYTES - 20)}\n}\n`),
  },
  {
    name: 'chain-one-file',
    about: 'a chain of 100,000 calls in one file (not analysed: token limit)',
    inputs: () => module(entry('c0();', chainFunctions(0, 100_000, 99_999))),
  },
  {
    name: 'chain-files',
    about: 'a chain of 10,000 calls over 4 files (followed 1,000 calls deep: the call-depth budget)',
    inputs: () =>
      module(
        entry('c0();', 'void c0(void);\n'),
        [0, 1, 2, 3].map((f) => ({ filePath: `${ROOT}/chain${f}.c`, text: '#include <windows.h>\n' + chainFunctions(f * 2_500, 2_500, 9_999) })),
      ),
  },
];

export interface HeavyResult {
  name: string;
  /** Processor time (user and system) of the lint and fix of the module, in the child: the budget's time, whatever else the machine runs. */
  cpuMs: number;
  /** Wall time of the same. */
  ms: number;
  /** Peak resident memory of the child process (process.resourceUsage().maxRSS). */
  maxRssMb: number;
  /** The messages of the files after the fixes (rule or null, and the message's start), to see what was found. */
  messages: string[];
  /** The files the fixes changed. */
  fixed: string[];
  error?: string;
}

/** Runs one case in this process: fixModule with every rule and the real model (as --fix does). */
export function runHeavyCase(linter: Linter, name: string): HeavyResult {
  const c = HEAVY_CASES.find((h) => h.name === name);
  if (!c) throw new Error(`no heavy case ${name}`);
  const inputs = c.inputs();
  const config = allRulesConfig();
  const started = performance.now();
  const cpu = process.cpuUsage();
  let messages: string[] = [];
  let fixed: string[] = [];
  let error: string | undefined;
  try {
    const results = linter.fixModule(inputs, () => config);
    const short = (filePath: string) => filePath.slice(ROOT.length + 1);
    messages = results.flatMap((r) => r.messages.map((m) => `${short(r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? '-'} ${m.message.slice(0, 100)}`));
    fixed = results.filter((r) => r.fixed).map((r) => short(r.filePath));
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  const ms = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return { name, cpuMs, ms, maxRssMb, messages, fixed, ...(error ? { error } : {}) };
}

const FUZZ_SCRIPT = resolve(import.meta.dirname, '../../scripts/fuzz.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs one case in a child process (scripts/fuzz.ts --heavy-case), killed after `killMs`. */
export function runHeavyChild(name: string, killMs = 600_000): HeavyResult {
  const r = spawnSync(process.execPath, ['--import', TSX, FUZZ_SCRIPT, '--heavy-case', name], {
    cwd: join(import.meta.dirname, '../..'),
    encoding: 'utf8',
    timeout: killMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) {
    return { name, cpuMs: NaN, ms: NaN, maxRssMb: NaN, messages: [], fixed: [], error: `exit ${r.status} ${r.signal ?? ''}: ${r.stderr?.slice(0, 2000)}` };
  }
  return JSON.parse(line) as HeavyResult;
}
