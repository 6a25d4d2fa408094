import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../engine/linter/apply-fixes.js';
import { LineIndex } from '../../engine/text/line-index.js';
import { disableForFile, disableForLine } from '../../server/providers/disable-directive.js';

function apply(text: string, fix: ReturnType<typeof disableForLine>): string {
  return applyFixes(text, fix ? [fix] : []).output;
}

describe('disable for this line', () => {
  it('adds a directive above the line, with its indentation and the file line ending', () => {
    const text = 'void f(void)\r\n{\r\n    LoadLibraryW(x);\r\n}\r\n';
    expect(apply(text, disableForLine(new LineIndex(text), 2, 'no-dll-load', 'c'))).toBe(
      'void f(void)\r\n{\r\n    // coinstaller-lint-disable-next-line no-dll-load\r\n    LoadLibraryW(x);\r\n}\r\n',
    );
  });

  it('in a file of lone CR line ends, adds the directive with a CR and no LF', () => {
    const text = 'void f(void)\r{\r    LoadLibraryW(x);\r}\r';
    expect(apply(text, disableForLine(new LineIndex(text), 2, 'no-dll-load', 'c'))).toBe(
      'void f(void)\r{\r    // coinstaller-lint-disable-next-line no-dll-load\r    LoadLibraryW(x);\r}\r',
    );
    expect(apply(text, disableForFile(new LineIndex(text), 'no-dll-load', 'c'))).toBe(
      '/* coinstaller-lint-disable no-dll-load */\rvoid f(void)\r{\r    LoadLibraryW(x);\r}\r',
    );
  });

  it('merges into a disable-next-line directive already on the line above, before its reason', () => {
    const text = '  // coinstaller-lint-disable-next-line no-ui -- reviewed\n  LoadLibraryW(x);\n';
    expect(apply(text, disableForLine(new LineIndex(text), 1, 'no-dll-load', 'c'))).toBe(
      '  // coinstaller-lint-disable-next-line no-ui, no-dll-load -- reviewed\n  LoadLibraryW(x);\n',
    );
  });

  it('merges into a block-comment directive before its closing */', () => {
    const text = '/* coinstaller-lint-disable-next-line no-ui */\nLoadLibraryW(x);\n';
    expect(apply(text, disableForLine(new LineIndex(text), 1, 'no-dll-load', 'c'))).toBe(
      '/* coinstaller-lint-disable-next-line no-ui, no-dll-load */\nLoadLibraryW(x);\n',
    );
  });

  it('gives nothing when the directive above already covers the rule', () => {
    const text = '// coinstaller-lint-disable-next-line no-dll-load\nLoadLibraryW(x);\n';
    expect(disableForLine(new LineIndex(text), 1, 'no-dll-load', 'c')).toBeNull();
  });

  it('uses ; comments in INF files', () => {
    const text = '[Sec]\nAddReg = x\n';
    expect(apply(text, disableForLine(new LineIndex(text), 1, 'no-inf-coinstaller', 'inf'))).toBe(
      '[Sec]\n; coinstaller-lint-disable-next-line no-inf-coinstaller\nAddReg = x\n',
    );
  });
});

describe('disable for this file', () => {
  it('adds a disable directive as the first line', () => {
    const text = '#include <windows.h>\n';
    expect(apply(text, disableForFile(new LineIndex(text), 'no-dll-load', 'c'))).toBe('/* coinstaller-lint-disable no-dll-load */\n#include <windows.h>\n');
  });

  it('merges into the disable directive on the first line', () => {
    const text = '/* coinstaller-lint-disable no-ui */\n#include <windows.h>\n';
    expect(apply(text, disableForFile(new LineIndex(text), 'no-dll-load', 'c'))).toBe(
      '/* coinstaller-lint-disable no-ui, no-dll-load */\n#include <windows.h>\n',
    );
  });

  it('does not take a disable-next-line directive on the first line for a file directive', () => {
    const text = '// coinstaller-lint-disable-next-line no-ui\nf();\n';
    expect(apply(text, disableForFile(new LineIndex(text), 'no-dll-load', 'c'))).toBe(
      '/* coinstaller-lint-disable no-dll-load */\n// coinstaller-lint-disable-next-line no-ui\nf();\n',
    );
  });
});
