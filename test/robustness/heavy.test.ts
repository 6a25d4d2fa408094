/**
 * The fuzzer's heavy cases (test/robustness/heavy-cases.ts, run by scripts/fuzz.ts --heavy), each
 * in a child process of its own: every case stays within a budget far above normal (10 s of
 * processor time, 500 MB peak resident memory; not a timing test: before the parse limits and the
 * call-depth budget these took minutes and gigabytes, docs/performance.md), and each says what it
 * did not analyse. The expected messages are counted by hand from the cases' texts.
 */
import { describe, expect, it } from 'vitest';
import { HEAVY_CASES, runHeavyChild } from './heavy-cases.js';

const BUDGET_CPU_MS = 10_000;
const BUDGET_MB = 500;

/**
 * The entry point of heavy-cases.ts without its body has 49 tokens: 7 per #include line, 15 in the
 * prototype (CALLBACK is blanked before the scan), then { switch ( Fn ) { case DIF_INSTALLDEVICE :
 * break ; default : break ; } return NO_ERROR ; } (22).
 */
const ENTRY_TOKENS = 49;
const UI = 'coinstaller.c:7:';

const EXPECTED: Record<string, (messages: string[], fixed: string[]) => void> = {
  // 40,000 blocks inside the function's and the switch's braces, and the call's parenthesis
  'deep-braces': (m) => expect(m).toEqual(['coinstaller.c:1:1 - file is nested 40003 levels deep (line 7), over the limit of 25000 levels; not analysed']),
  // the UI call after 24,997 braces from column 9
  'braces-at-limit': (m) => expect(m.some((x) => x.startsWith(`${UI}25006 no-ui-outside-finish-install MessageBoxW shows user interface`))).toBe(true),
  // no-ui-outside-finish-install's fix moves the UI call into a finish-install action: nothing left to report
  'expression-at-limit': (m, fixed) => {
    expect(fixed).toEqual(['coinstaller.c']);
    expect(m).toEqual([]);
  },
  // g_x = (2), x + a million times (2,000,000), x ; (2)
  'long-line-plus': (m) => expect(m).toEqual([`coinstaller.c:1:1 - file has ${ENTRY_TOKENS + 2_000_004} tokens, over the limit of 250000 tokens; not analysed`]),
  // no-ui-outside-finish-install's fix moves the UI call into a finish-install action: nothing left to report
  'long-line-statements': (m, fixed) => {
    expect(fixed).toEqual(['coinstaller.c']);
    expect(m).toEqual([]);
  },
  // 5,400 findings, each with a move fix planned in every pass: what is left is UI calls not yet moved, nothing else
  'ui-calls-line': (m, fixed) => {
    expect(fixed).toEqual(['coinstaller.c']);
    expect(m.length).toBeLessThan(5_400);
    for (const x of m) expect(x).toMatch(/^coinstaller\.c:\d+:\d+ no-ui-outside-finish-install MessageBoxW shows user interface while ContosoCoInstaller handles DIF_INSTALLDEVICE/);
  },
  // every character a token
  'parens-file': (m) => expect(m).toEqual(['coinstaller.c:1:1 - file has 4194304 tokens, over the limit of 250000 tokens; not analysed']),
  // void c ( void ) { } and 4 MiB less 20 of ;
  'semicolons-file': (m) => expect(m).toEqual([`coinstaller.c:1:1 - file has ${7 + 4 * 1024 * 1024 - 20} tokens, over the limit of 250000 tokens; not analysed`]),
  // void cK ( void ) { cK+1 ( ) ; } (11) 99,999 times, the last with MessageBoxW ( NULL , L "x" , L "y" , MB_OK ) ; (20), c0 ( ) ; (4)
  'chain-one-file': (m) => expect(m).toEqual([`coinstaller.c:1:1 - file has ${ENTRY_TOKENS + 4 + 11 * 99_999 + 20} tokens, over the limit of 250000 tokens; not analysed`]),
  // chain0.c: the include, the prototype of c2500, then c2499 down to c0: c999 on line 3 + 1500
  'chain-files': (m) =>
    expect(m).toEqual([
      'chain0.c:1503:6 - c999 is 1000 calls deep from ContosoCoInstaller, the limit of the analysis: its calls are not followed, and code reached only through them counts as reached by no entry point'.slice(0, 'chain0.c:1503:6 - '.length + 100),
    ]),
};

describe('heavy cases within the budget', { timeout: 900_000 }, () => {
  it('has an expectation for every case', () => {
    expect(HEAVY_CASES.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(HEAVY_CASES.map((c) => c.name))('%s', (name) => {
    const r = runHeavyChild(name, 300_000);
    expect(r.error).toBeUndefined();
    expect(r.cpuMs).toBeLessThanOrEqual(BUDGET_CPU_MS);
    expect(r.maxRssMb).toBeLessThanOrEqual(BUDGET_MB);
    EXPECTED[name](r.messages, r.fixed);
  });
});
