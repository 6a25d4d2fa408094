import { describe, expect, it } from 'vitest';
import { JsoncSyntaxError, nodeAtPointer, parseJsonc, toPlainValue, type JsonNode } from '../../engine/config/jsonc.js';

function syntaxError(text: string): JsoncSyntaxError {
  try {
    parseJsonc(text);
  } catch (error) {
    if (error instanceof JsoncSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('parseJsonc: values', () => {
  it('reads every JSON value kind', () => {
    const text = '{"s": "a\\"b\\\\c\\u00e9\\n", "n": -1.5e2, "i": 0, "t": true, "f": false, "z": null, "a": [1, [], {}]}';
    expect(toPlainValue(parseJsonc(text))).toEqual({ s: 'a"b\\c\u00e9\n', n: -150, i: 0, t: true, f: false, z: null, a: [1, [], {}] });
  });

  it('records the offsets of keys and values', () => {
    //            0123456789012345678
    const text = '{ "ab": [1, "x"] }';
    const root = parseJsonc(text);
    expect(root.range).toEqual([0, 18]);
    const member = (root as Extract<JsonNode, { type: 'object' }>).members[0];
    expect(member.keyRange).toEqual([2, 6]);
    expect(member.value.range).toEqual([8, 16]);
    const second = nodeAtPointer(root, ['ab', '1']);
    expect(second?.node).toEqual({ type: 'string', range: [12, 15], value: 'x' });
    expect(nodeAtPointer(root, ['ab', '2'])).toBeUndefined();
    expect(nodeAtPointer(root, ['nope'])).toBeUndefined();
  });

  it('skips // and /* */ comments, and a byte order mark; offsets still count the BOM', () => {
    const text = '\uFEFF// heading\r\n{ /* a\r\n b */ "k": 1 // tail\r\n}';
    const root = parseJsonc(text);
    expect(toPlainValue(root)).toEqual({ k: 1 });
    // "\uFEFF" (1) + "// heading" (10) + "\r\n" (2) = offset 13 for "{"
    expect(root.range[0]).toBe(13);
  });

  it('accepts trailing commas in objects and arrays, as tsconfig does', () => {
    expect(toPlainValue(parseJsonc('{ "a": [1, 2,], "b": {"c": 3,}, }'))).toEqual({ a: [1, 2], b: { c: 3 } });
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const value = toPlainValue(parseJsonc('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('parseJsonc: errors name the place, the pointer and what was expected', () => {
  it('a missing comma between members', () => {
    //                      0123456789012345678901
    const e = syntaxError('{ "rules": { "a": 1 "b": 2 } }');
    expect(e.range).toEqual([20, 21]);
    expect(e.pointer).toBe('/rules');
    expect(e.expected).toBe('"," or "}"');
    expect(e.problem).toBe(`unexpected '"' after the value of "a"`);
  });

  it('a missing value', () => {
    const e = syntaxError('{"a": }');
    expect(e.range).toEqual([6, 7]);
    expect(e.pointer).toBe('/a');
    expect(e.expected).toMatch(/^a value/);
  });

  it('single-quoted strings and unquoted keys', () => {
    expect(syntaxError("{'a': 1}")).toMatchObject({ range: [1, 2], problem: 'property names must be in double quotes' });
    expect(syntaxError('{"a": \'x\'}')).toMatchObject({ range: [6, 7], pointer: '/a', problem: 'strings must be in double quotes' });
    expect(syntaxError('{a: 1}')).toMatchObject({ range: [1, 2], problem: 'unexpected word "a" in an object' });
  });

  it('duplicate keys point at the second and name the first', () => {
    const e = syntaxError('{\n  "a": 1,\n  "a": 2\n}');
    expect(e.range).toEqual([14, 17]); // line 3 starts at 12, two spaces of indent
    expect(e.pointer).toBe('/a');
    expect(e.problem).toBe('duplicate key (first given at 2:3)');
  });

  it('unterminated strings and comments, bad escapes, control characters', () => {
    expect(syntaxError('{"a": "xy\n"}')).toMatchObject({ range: [6, 9], problem: 'unterminated string' });
    expect(syntaxError('{"a": 1 /* never closed')).toMatchObject({ range: [8, 10], problem: 'unterminated /* comment' });
    expect(syntaxError('{"a": "C:\\temp\\x"}').problem).toBe('invalid escape "\\x" in a string (write a backslash as "\\\\")');
    expect(syntaxError('{"a": "tab\there"}')).toMatchObject({ range: [10, 11] });
  });

  it('numbers JSON does not allow', () => {
    for (const bad of ['01', '1.', '.5', '0x10', '+1', 'NaN', 'Infinity', '-']) {
      expect(() => parseJsonc(`[${bad}]`), bad).toThrow(JsoncSyntaxError);
    }
  });

  it('an empty file, text after the value, an unclosed object', () => {
    expect(syntaxError('  // only a comment\n')).toMatchObject({ problem: 'the file is empty', expected: 'a JSON object' });
    expect(syntaxError('{} {}')).toMatchObject({ range: [3, 4], expected: 'the end of the file' });
    expect(syntaxError('{"a": 1')).toMatchObject({ range: [7, 7], problem: 'unexpected end of file in an object' });
    expect(syntaxError('[1, 2')).toMatchObject({ range: [5, 5], problem: 'unexpected end of file in an array' });
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    expect(syntaxError('['.repeat(100000)).problem).toMatch(/nested more than \d+ levels deep/);
  });

  it('counts columns in UTF-16 code units (an emoji is two)', () => {
    //                   0 1 2 3 45 6 7 8 9
    const e = syntaxError('{"\u{1F600}": x}');
    expect(e.range[0]).toBe(7);
  });
});
