/**
 * Deep nesting stays linear in the installer model: the scope index answers a lookup without
 * walking the scopes that enclose it, and whole files nested 20,000 levels deep are summarised
 * with the same answers as shallow ones (within vitest's normal timeout, no timing asserted).
 */
import { describe, expect, it } from 'vitest';
import { summarizeFile } from '../../engine/model/index.js';
import { ScopeIndex } from '../../engine/model/scope-index.js';
import { SourceCode } from '../../engine/linter/source-code.js';
import { useParser } from './model-harness.js';

const parser = useParser();
const DEPTH = 20_000;
const ENTRY = 'DWORD CALLBACK CoInstaller(DI_FUNCTION InstallFunction, HDEVINFO DeviceInfoSet, PSP_DEVINFO_DATA DeviceInfoData, PCOINSTALLER_CONTEXT_DATA Context)';

function summary(text: string) {
  const tree = parser().parse(text);
  try {
    return summarizeFile({ filePath: '/m/a.c', language: 'cpp', sourceCode: new SourceCode(text, tree) });
  } finally {
    tree.delete();
  }
}

describe('ScopeIndex', () => {
  it('a lookup reads one entry however many scopes are open', () => {
    const scopes = new ScopeIndex();
    scopes.open(0);
    scopes.set(0, 'outer', { kind: 'param', index: 2 });
    for (let d = 1; d <= DEPTH; d++) scopes.open(d);
    const before = scopes.visits;
    for (let i = 0; i < DEPTH; i++) expect(scopes.lookup('outer', 0)).toEqual({ kind: 'param', index: 2 });
    // one visit per lookup: 20,000 lookups under 20,000 open scopes, not 20,000 x 20,000
    expect(scopes.visits - before).toBe(DEPTH);
    for (let d = DEPTH; d >= 1; d--) scopes.close(d);
    expect(scopes.current()).toBe(0);
  });

  it('inner declarations shadow, a deletion shows the outer one again, closing a scope ends its names', () => {
    const scopes = new ScopeIndex();
    scopes.open(0);
    scopes.set(0, 'x', { kind: 'param', index: 0 });
    scopes.open(3);
    scopes.set(3, 'x', { kind: 'local' });
    expect(scopes.lookup('x', 0)).toEqual({ kind: 'local' });
    scopes.set(3, 'x', { kind: 'static', global: 7 });
    expect(scopes.lookup('x', 0)).toEqual({ kind: 'static', global: 7 });
    scopes.delete(3, 'x');
    expect(scopes.lookup('x', 0)).toEqual({ kind: 'param', index: 0 });
    scopes.set(3, 'y', { kind: 'local' });
    scopes.close(3);
    expect(scopes.lookup('y', 0)).toBeUndefined();
    expect(scopes.current()).toBe(0);
  });

  it('a lookup inside a function does not see the scopes outside it', () => {
    const scopes = new ScopeIndex();
    scopes.open(0);
    scopes.set(0, 'x', { kind: 'local' });
    scopes.open(5); // a function (a method of a local class) at depth 5
    expect(scopes.lookup('x', 5)).toBeUndefined();
    expect(scopes.lookup('x', 0)).toEqual({ kind: 'local' });
  });

  it('a name declared in an outer open scope (a lambda parameter) goes below the inner declarations', () => {
    const scopes = new ScopeIndex();
    scopes.open(1);
    scopes.open(4);
    scopes.set(4, 'p', { kind: 'local', copyOf: 1 });
    scopes.set(1, 'p', { kind: 'local' });
    expect(scopes.lookup('p', 0)).toEqual({ kind: 'local', copyOf: 1 });
    scopes.close(4);
    expect(scopes.lookup('p', 0)).toEqual({ kind: 'local' });
  });
});

describe('summarizeFile on code nested 20,000 levels deep', () => {
  it(`a file-scope initializer of ${2 * DEPTH} terms: every name is a reference owned by the variable`, () => {
    const s = summary('int g = ' + Array(2 * DEPTH).fill('x').join('+') + ';\n');
    expect(s.globals.map((g) => g.name)).toEqual(['g']);
    expect(s.globalInits).toHaveLength(2 * DEPTH);
    expect(s.globalInits.every((i) => i.owner === 'g' && i.ref.name === 'x' && i.ref.access === 'read')).toBe(true);
  });

  it('an entry point summing a parameter and a global 20,000 times: the parameter is no reference, the global is', () => {
    const sum = Array(DEPTH).fill('DeviceInfoSet + g_total').join(' + ');
    const s = summary(`int g_total;\n${ENTRY}\n{\n    DWORD r = ${sum};\n    return r;\n}\n`);
    const fn = s.functions[0];
    expect(fn.name).toBe('CoInstaller');
    expect(fn.refs.filter((r) => r.name === 'g_total')).toHaveLength(DEPTH);
    expect(fn.refs.filter((r) => r.name === 'DeviceInfoSet' || r.name === 'r')).toEqual([]);
  });

  it('ifs nested 20,000 deep: a local declared at the top is still a local at the bottom, a global is a reference', () => {
    const text = `${ENTRY}\n{\n    int local = 0;\n` + 'if (InstallFunction == DIF_INSTALLDEVICE) {\n'.repeat(DEPTH) + 'local = 1; g_state = 2; Helper(InstallFunction);\n' + '}\n'.repeat(DEPTH) + '    return 0;\n}\n';
    const s = summary(text);
    const fn = s.functions[0];
    expect(fn.refs.map((r) => `${r.name}:${r.access}`)).toEqual(['g_state:write']);
    expect(fn.calls.map((c) => ({ name: c.name, paramArgs: c.paramArgs }))).toEqual([{ name: 'Helper', paramArgs: [{ arg: 0, param: 0 }] }]);
    // every if compares the DIF code parameter: each is a guard region
    expect(fn.regions.length).toBeGreaterThanOrEqual(DEPTH);
  });

  it('a static declared in a block and shadowed 20,000 blocks down by a local of the same name', () => {
    const text = `${ENTRY}\n{\n    static int s_n;\n` + '{\n'.repeat(DEPTH) + 's_n++; { int s_n = 0; s_n++; }\n' + '}\n'.repeat(DEPTH) + '    return 0;\n}\n';
    const s = summary(text);
    const fn = s.functions[0];
    // the outer s_n++ is a write of the static; the inner one writes the local
    expect(fn.staticAccesses.map((a) => `${s.globals[a.global].name}:${a.access}`)).toEqual(['s_n:write']);
  });
});
