import { describe, expect, it } from 'vitest';
import { directiveSections, parseInf, valueSourceRange, type InfValue } from '../../engine/readers/inf-parser.js';

const texts = (values: InfValue[]) => values.map((v) => v.text);

/** The offsets of the n-th occurrence (0-based) of `needle` in `text`. */
function at(text: string, needle: string, n = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${n} not in text`);
  }
  return [i, i + needle.length];
}

describe('parseInf: sections', () => {
  it('finds sections case-insensitively and merges sections of the same name', () => {
    const text = '[Version]\nSignature="$Windows NT$"\n[Foo]\na=1\n[VERSION]\nClass=Net\n[foo]\nb=2\n';
    const doc = parseInf(text);
    expect(doc.sections.map((s) => s.name)).toEqual(['Version', 'Foo', 'VERSION', 'foo']);
    expect(doc.linesOf('version').map((l) => l.key!.text)).toEqual(['Signature', 'Class']);
    expect(doc.linesOf('FOO').map((l) => l.values[0].text)).toEqual(['1', '2']);
    expect(doc.hasSection('Manufacturer')).toBe(false);
    expect(doc.linesOf('Manufacturer')).toEqual([]);
  });

  it('gives exact ranges for the section name and header', () => {
    const text = 'x=1\r\n  [ Contoso.NT.CoInstallers ]  ; comment\r\n';
    const doc = parseInf(text);
    const s = doc.sections[0];
    expect(s.name).toBe('Contoso.NT.CoInstallers');
    expect(s.nameRange).toEqual([9, 32]);
    expect(s.headerRange).toEqual([7, 34]);
    // The line before any section is kept apart.
    expect(doc.preamble.map((l) => l.key?.text)).toEqual(['x']);
  });

  it('reads a header with no closing bracket to the end of the line', () => {
    const doc = parseInf('[Broken\nk=v\n');
    expect(doc.sections[0].name).toBe('Broken');
    expect(doc.sections[0].headerRange).toEqual([0, 7]);
    expect(doc.linesOf('broken')[0].key!.text).toBe('k');
  });
});

describe('parseInf: entries', () => {
  it('splits key and comma-separated values, keeping empty fields', () => {
    const text = '[R]\nHKR,,Installer32,,"cls.dll,ClassInstall"\n';
    const [line] = parseInf(text).linesOf('R');
    expect(line.key).toBeUndefined();
    expect(texts(line.values)).toEqual(['HKR', '', 'Installer32', '', 'cls.dll,ClassInstall']);
    // The empty second field stands right after the first comma.
    expect(line.values[1].range).toEqual([8, 8]);
    expect(line.values[4].range).toEqual(at(text, '"cls.dll,ClassInstall"'));
    expect(line.values[4].raw).toBe('"cls.dll,ClassInstall"');
    expect(line.values[4].quoted).toBe(true);
    expect(line.range).toEqual([4, text.length - 1]);
  });

  it('takes the key only from a first field ending at an unquoted =', () => {
    const text = '[S]\n"a=b" , c=d\nCopyFiles = x , y=z\n';
    const [first, second] = parseInf(text).linesOf('S');
    expect(first.key).toBeUndefined();
    expect(texts(first.values)).toEqual(['a=b', 'c=d']);
    expect(second.key!.text).toBe('CopyFiles');
    expect(second.key!.range).toEqual(at(text, 'CopyFiles'));
    expect(texts(second.values)).toEqual(['x', 'y=z']);
  });

  it('trims unquoted blanks but keeps inner and quoted ones', () => {
    const text = '[S]\n\tk \t=   two words  ,"  padded  "  , a "b" c\n';
    const [line] = parseInf(text).linesOf('S');
    expect(line.key!.text).toBe('k');
    expect(texts(line.values)).toEqual(['two words', '  padded  ', 'a b c']);
    expect(line.values[0].range).toEqual(at(text, 'two words'));
    expect(line.values[2].range).toEqual(at(text, 'a "b" c'));
  });

  it('reads "" inside quotes as one quote character', () => {
    const text = '[S]\nk = "say ""hi"""\n';
    const [line] = parseInf(text).linesOf('S');
    expect(line.values[0].text).toBe('say "hi"');
    expect(line.values[0].range).toEqual(at(text, '"say ""hi"""'));
  });

  it('treats , ; = and \\ as ordinary characters inside quotes', () => {
    const text = '[S]\nk = "a,b;c=d\\"\n';
    const [line] = parseInf(text).linesOf('S');
    expect(texts(line.values)).toEqual(['a,b;c=d\\']);
  });

  it('ends a quote left open at the end of the line', () => {
    const text = '[S]\nk = "open, still\nnext = 1\n';
    const lines = parseInf(text).linesOf('S');
    expect(lines.map((l) => l.key!.text)).toEqual(['k', 'next']);
    expect(texts(lines[0].values)).toEqual(['open, still']);
  });
});

describe('parseInf: comments', () => {
  it('drops ; comments outside quotes, whole-line or trailing', () => {
    const text = '; header comment\n[S] ; after header\n; k = no\nk = v ; trailing, not, values\nq = "a;b" ; c\n';
    const lines = parseInf(text).linesOf('S');
    expect(lines.map((l) => [l.key!.text, texts(l.values)])).toEqual([
      ['k', ['v']],
      ['q', ['a;b']],
    ]);
    expect(lines[0].range).toEqual(at(text, 'k = v'));
  });
});

describe('parseInf: line continuations', () => {
  it('joins a line ending in a backslash with the next one', () => {
    const text = '[D]\nCopyFiles = a, \\\n            b,\\\n   c\nNext = 1\n';
    const lines = parseInf(text).linesOf('D');
    expect(lines.map((l) => l.key!.text)).toEqual(['CopyFiles', 'Next']);
    expect(texts(lines[0].values)).toEqual(['a', 'b', 'c']);
    expect(lines[0].values[2].range).toEqual(at(text, 'c'));
    expect(lines[0].range).toEqual([4, text.indexOf('c') + 1]);
  });

  it('allows blanks and a comment after the backslash, and CRLF', () => {
    const text = '[D]\r\nAddReg = one, \\   ; more below\r\n  two\r\n';
    const [line] = parseInf(text).linesOf('D');
    expect(texts(line.values)).toEqual(['one', 'two']);
    expect(line.values[1].range).toEqual(at(text, 'two'));
  });

  it('keeps a backslash that is not last on the line, or inside quotes', () => {
    const text = '[D]\nk = %12%\\x.sys, "ends\\"\nnext=1\n';
    const lines = parseInf(text).linesOf('D');
    expect(texts(lines[0].values)).toEqual(['%12%\\x.sys', 'ends\\']);
    expect(lines).toHaveLength(2);
  });

  it('survives a continuation on the last line of the file', () => {
    const lines = parseInf('[D]\nk = a,\\').linesOf('D');
    expect(texts(lines[0].values)).toEqual(['a', '']);
  });
});

describe('parseInf: %strkey% substitution', () => {
  const text = [
    '[Cls]',
    'HKR,,Installer32,,"%ClsDll%,ClassInstall"',
    'Desc = %Company% device, 100%% sure, %11%\\x.dll, %missing%',
    '[Strings]',
    'ClsDll = "contoso cls.dll"',
    'Company = Contoso, Inc.   ; the comma stays in the string',
    'Empty = ""',
    '[Strings.0407]',
    'Company = Contoso GmbH',
    'OnlyGerman = ja',
    '',
  ].join('\n');

  it('substitutes from [Strings], quoted or not, and keeps unknown tokens', () => {
    const doc = parseInf(text);
    const [reg, desc] = doc.linesOf('cls');
    expect(reg.values[4].text).toBe('contoso cls.dll,ClassInstall');
    expect(texts(desc.values)).toEqual(['Contoso, Inc. device', '100% sure', '%11%\\x.dll', '%missing%']);
    expect(doc.stringValue('COMPANY')).toBe('Contoso, Inc.');
    expect(doc.stringValue('empty')).toBe('');
    // Falls back to a localized section for a key [Strings] lacks.
    expect(doc.stringValue('OnlyGerman')).toBe('ja');
  });

  it('prefers the localized section asked for', () => {
    const doc = parseInf(text, { language: '0407' });
    expect(doc.linesOf('cls')[1].values[0].text).toBe('Contoso GmbH device');
  });

  it('maps substituted characters to their token, literal ones to themselves', () => {
    const doc = parseInf(text);
    const v = doc.linesOf('cls')[0].values[4];
    const token = at(text, '%ClsDll%');
    // "contoso cls.dll" came from the token; ",ClassInstall" is literal.
    expect(valueSourceRange(v, 0, 15)).toEqual(token);
    const entry = v.text.indexOf('ClassInstall');
    expect(valueSourceRange(v, entry, entry + 'ClassInstall'.length)).toEqual(at(text, 'ClassInstall'));
    expect(v.range).toEqual(at(text, '"%ClsDll%,ClassInstall"'));
    // %% maps to both characters.
    const sure = doc.linesOf('cls')[1].values[1];
    expect(valueSourceRange(sure, 3, 4)).toEqual(at(text, '%%'));
  });

  it('substitutes in keys too', () => {
    const doc = parseInf('[Models]\n%Desc% = Install, PCI\\VEN_1234\n[Strings]\nDesc="Contoso Widget"\n');
    expect(doc.linesOf('models')[0].key!.text).toBe('Contoso Widget');
  });
});

describe('parseInf: line ends and offsets', () => {
  it('gives the same structure for LF, CRLF and CR, with offsets into the text as given', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['[A]', 'k = v1, "v2"', '[B]', 'x'].join(eol) + eol;
      const doc = parseInf(text);
      expect(doc.sections.map((s) => s.name)).toEqual(['A', 'B']);
      const [line] = doc.linesOf('a');
      expect(texts(line.values)).toEqual(['v1', 'v2']);
      expect(line.values[1].range).toEqual(at(text, '"v2"'));
      expect(doc.linesOf('b')[0].values[0].range).toEqual(at(text, 'x'));
    }
  });

  it('counts UTF-16 code units: a character outside the BMP takes two', () => {
    const text = '\ufeff[S]\nk = "😀", after\n';
    const [line] = parseInf(text).linesOf('S');
    expect(line.values[0].text).toBe('😀');
    expect(line.values[1].range).toEqual([15, 20]);
    expect(text.slice(15, 20)).toBe('after');
  });
});

describe('directiveSections', () => {
  it('lists the sections named by every directive line of that name', () => {
    const doc = parseInf('[I]\nAddReg = a, b\naddreg=c,\nCopyFiles=d\n');
    expect(directiveSections(doc.linesOf('I'), 'AddReg').map((v) => v.text)).toEqual(['a', 'b', 'c']);
  });
});

describe('parseInf: odd input never throws', () => {
  it('survives random text (fixed seed) and keeps its invariants', () => {
    const random = mulberry32(0x1f2e3d4c);
    const alphabet = ['[', ']', '"', '""', ',', ';', '=', '\\', '%', '%%', ' ', '\t', '\n', '\r\n', '\r', 'a', 'Key', '😀', '\u001a', '[Strings]\n', 'k=%k%\n'];
    for (let round = 0; round < 500; round++) {
      const n = Math.floor(random() * 60);
      let text = '';
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const doc = parseInf(text);
      for (const s of doc.sections) {
        expect(s.nameRange[0]).toBeLessThanOrEqual(s.nameRange[1]);
        expect(s.headerRange[1]).toBeLessThanOrEqual(text.length);
        for (const line of s.lines) {
          for (const v of [...(line.key ? [line.key] : []), ...line.values]) {
            expect(v.range[0]).toBeGreaterThanOrEqual(0);
            expect(v.range[0]).toBeLessThanOrEqual(v.range[1]);
            expect(v.range[1]).toBeLessThanOrEqual(text.length);
            expect(v.raw).toBe(text.slice(v.range[0], v.range[1]));
            expect(v.charStarts).toHaveLength(v.text.length);
            expect(v.charEnds).toHaveLength(v.text.length);
          }
        }
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
