import { describe, expect, it } from 'vitest';
import { parseDef, undecoratedName } from '../../engine/readers/def-parser.js';

function at(text: string, needle: string, n = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${n} not in text`);
  }
  return [i, i + needle.length];
}

describe('parseDef', () => {
  it('reads LIBRARY and a plain EXPORTS list', () => {
    const text = 'LIBRARY contoso\nEXPORTS\n    CoDeviceInstall\n    ClassInstall\n';
    const def = parseDef(text);
    expect(def.library).toBe('contoso');
    expect(def.libraryRange).toEqual([8, 15]);
    expect(def.exports.map((e) => e.name)).toEqual(['CoDeviceInstall', 'ClassInstall']);
    expect(def.exports[0]).toEqual({
      name: 'CoDeviceInstall',
      noName: false,
      isPrivate: false,
      isData: false,
      range: [28, 43],
    });
  });

  it('reads aliases, ordinals, NONAME, PRIVATE and DATA', () => {
    const text = [
      'LIBRARY "contoso.dll" BASE=0x10000000',
      'EXPORTS CoDeviceInstall = ContosoCoInstaller @1',
      '  DllRegisterServer @7 PRIVATE',
      '  Hidden @ 4 NONAME PRIVATE',
      '  g_Table DATA',
      '  private_lower @2 private data',
      '',
    ].join('\r\n');
    const def = parseDef(text);
    expect(def.library).toBe('contoso.dll');
    expect(def.libraryRange).toEqual(at(text, 'contoso.dll'));
    const [alias, reg, hidden, table, lower] = def.exports;
    expect(alias).toMatchObject({ name: 'CoDeviceInstall', internalName: 'ContosoCoInstaller', ordinal: 1, isPrivate: false });
    expect(alias.range).toEqual(at(text, 'CoDeviceInstall'));
    expect(alias.internalRange).toEqual(at(text, 'ContosoCoInstaller'));
    expect(reg).toMatchObject({ name: 'DllRegisterServer', ordinal: 7, isPrivate: true, isData: false, noName: false });
    expect(hidden).toMatchObject({ name: 'Hidden', ordinal: 4, noName: true, isPrivate: true });
    expect(table).toMatchObject({ name: 'g_Table', isData: true, isPrivate: false });
    expect(table.ordinal).toBeUndefined();
    expect(lower).toMatchObject({ isPrivate: true, isData: true, ordinal: 2 });
  });

  it('reads forwarders to other modules', () => {
    const def = parseDef('EXPORTS\n  Fwd = other.RealName\n  ByOrd = other.#12\n');
    expect(def.exports[0]).toMatchObject({ name: 'Fwd', internalName: 'other.RealName', forward: { module: 'other', name: 'RealName' } });
    expect(def.exports[1].forward).toEqual({ module: 'other', ordinal: 12 });
  });

  it('ignores comments, blank lines and the other statements with their lines', () => {
    const text = [
      '; LIBRARY commented',
      'DESCRIPTION "Contoso co-installer"',
      'SECTIONS',
      '  .shared READ WRITE SHARED',
      'EXPORTS ; the list',
      '',
      '  ; Commented',
      '  CoDeviceInstall ; trailing',
      'HEAPSIZE 1024',
      '  NotAnExport',
      'exports',
      '  Second',
    ].join('\n');
    const def = parseDef(text);
    expect(def.library).toBeUndefined();
    expect(def.exports.map((e) => e.name)).toEqual(['CoDeviceInstall', 'Second']);
    expect(def.exports[0].range).toEqual(at(text, 'CoDeviceInstall'));
  });

  it('reads quoted names, with the range inside the quotes', () => {
    const text = 'EXPORTS\n  "Quoted Name" @3\n';
    const def = parseDef(text);
    expect(def.exports[0].name).toBe('Quoted Name');
    expect(def.exports[0].range).toEqual([11, 22]);
    expect(def.exports[0].ordinal).toBe(3);
  });

  it('keeps decorated names and undecorates them on request', () => {
    const text = 'EXPORTS\n  _CoDeviceInstall@16\n  ClassInstall@12 @2\n';
    const def = parseDef(text);
    expect(def.exports.map((e) => e.name)).toEqual(['_CoDeviceInstall@16', 'ClassInstall@12']);
    expect(def.exports[1].ordinal).toBe(2);
    expect(undecoratedName('_CoDeviceInstall@16')).toBe('CoDeviceInstall');
    expect(undecoratedName('ClassInstall@12')).toBe('ClassInstall');
    expect(undecoratedName('_private')).toBe('_private');
    expect(undecoratedName('?Cpp@@YAXXZ')).toBe('?Cpp@@YAXXZ');
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = '; 😀\nEXPORTS Entry\n';
    expect(parseDef(text).exports[0].range).toEqual([13, 18]);
  });

  it('never throws on odd input (fixed seed)', () => {
    const random = mulberry32(0xdef);
    const alphabet = ['EXPORTS', 'LIBRARY', ' ', '\n', '\r\n', '=', '==', '@', '1', 'Name', '"', ';', 'PRIVATE', 'DATA', 'NONAME', '.', '#'];
    for (let round = 0; round < 500; round++) {
      let text = '';
      const n = Math.floor(random() * 40);
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const def = parseDef(text);
      for (const e of def.exports) {
        expect(text.slice(e.range[0], e.range[1])).toBe(e.name);
        expect(e.name).not.toBe('');
      }
    }
  });
});

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
