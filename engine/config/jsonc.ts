/**
 * A small parser for JSON with comments (the dialect of tsconfig.json and VS Code settings):
 * strict JSON values, plus `// line` and `/* block *\/` comments, a leading byte order mark, and
 * trailing commas after the last member of an object or array (accepted, as tsconfig does).
 * Everything else is refused: single quotes, unquoted keys, NaN, hexadecimal numbers, duplicate
 * keys. It records the offsets of every key and value so that errors can point at them.
 */
import { LineIndex } from '../text/line-index.js';
import { joinPointer } from './config-error.js';

/** Offsets [start, end) into the text (UTF-16 code units). */
export type TextRange = [number, number];

export type JsonNode =
  | { type: 'object'; range: TextRange; members: JsonMember[] }
  | { type: 'array'; range: TextRange; items: JsonNode[] }
  | { type: 'string'; range: TextRange; value: string }
  | { type: 'number'; range: TextRange; value: number }
  | { type: 'boolean'; range: TextRange; value: boolean }
  | { type: 'null'; range: TextRange; value: null };

export interface JsonMember {
  key: string;
  keyRange: TextRange;
  value: JsonNode;
}

export class JsoncSyntaxError extends Error {
  override readonly name = 'JsoncSyntaxError';
  constructor(
    readonly problem: string,
    readonly range: TextRange,
    /** JSON pointer of the value being read when the error was found. */
    readonly pointer: string,
    readonly expected?: string,
  ) {
    super(problem);
  }
}

/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 200;

export function parseJsonc(text: string): JsonNode {
  return new JsoncReader(text).readDocument();
}

/** The plain JavaScript value of a node (objects without prototype surprises: keys are own data). */
export function toPlainValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) Object.defineProperty(out, m.key, { value: toPlainValue(m.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}

/** The node at a JSON pointer, with the range of its key when it is an object member. */
export function nodeAtPointer(root: JsonNode, segments: readonly string[]): { node: JsonNode; keyRange?: TextRange } | undefined {
  let node: JsonNode = root;
  let keyRange: TextRange | undefined;
  for (const segment of segments) {
    if (node.type === 'object') {
      const member: JsonMember | undefined = node.members.find((m) => m.key === segment);
      if (!member) return undefined;
      node = member.value;
      keyRange = member.keyRange;
    } else if (node.type === 'array') {
      const item: JsonNode | undefined = /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (!item) return undefined;
      node = item;
      keyRange = undefined;
    } else {
      return undefined;
    }
  }
  return { node, keyRange };
}

class JsoncReader {
  private pos = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  readDocument(): JsonNode {
    this.skipTrivia('');
    if (this.pos >= this.text.length) throw this.error('the file is empty', 'a JSON object', '', this.pos, this.pos);
    const value = this.readValue('', 0);
    this.skipTrivia('');
    if (this.pos < this.text.length) {
      throw this.error(`unexpected ${this.describeHere()} after the end of the JSON value`, 'the end of the file', '');
    }
    return value;
  }

  private readValue(pointer: string, depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw this.error(`nested more than ${MAX_DEPTH} levels deep`, undefined, pointer);
    const c = this.text[this.pos];
    if (c === '{') return this.readObject(pointer, depth);
    if (c === '[') return this.readArray(pointer, depth);
    if (c === '"') {
      const start = this.pos;
      const value = this.readString(pointer);
      return { type: 'string', range: [start, this.pos], value };
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.readNumber(pointer);
    for (const [word, node] of [
      ['true', { type: 'boolean', value: true }],
      ['false', { type: 'boolean', value: false }],
      ['null', { type: 'null', value: null }],
    ] as const) {
      if (this.text.startsWith(word, this.pos) && !isWordChar(this.text[this.pos + word.length])) {
        const start = this.pos;
        this.pos += word.length;
        return { ...node, range: [start, this.pos] };
      }
    }
    if (c === "'") throw this.error('strings must be in double quotes', 'a value', pointer, this.pos, this.pos + 1);
    if (c === undefined) throw this.error('unexpected end of file', 'a value', pointer);
    throw this.error(`unexpected ${this.describeHere()}`, 'a value (string, number, object, array, true, false or null)', pointer);
  }

  private readObject(pointer: string, depth: number): JsonNode {
    const start = this.pos++;
    const members: JsonMember[] = [];
    const seen = new Map<string, TextRange>();
    this.skipTrivia(pointer);
    for (;;) {
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return { type: 'object', range: [start, this.pos], members };
      }
      if (c !== '"') {
        const problem =
          c === undefined ? 'unexpected end of file in an object' : c === "'" ? 'property names must be in double quotes' : `unexpected ${this.describeHere()} in an object`;
        throw this.error(problem, members.length === 0 ? 'a property name in double quotes or "}"' : 'a property name in double quotes', pointer);
      }
      const keyStart = this.pos;
      const key = this.readString(pointer);
      const keyRange: TextRange = [keyStart, this.pos];
      const memberPointer = joinPointer(pointer, key);
      const first = seen.get(key);
      if (first) {
        throw this.error(`duplicate key (first given at ${this.lineColumn(first[0])})`, undefined, memberPointer, keyRange[0], keyRange[1]);
      }
      seen.set(key, keyRange);
      this.skipTrivia(memberPointer);
      if (this.text[this.pos] !== ':') {
        throw this.error(this.pos >= this.text.length ? 'unexpected end of file' : `unexpected ${this.describeHere()}`, '":" after the property name', memberPointer);
      }
      this.pos++;
      this.skipTrivia(memberPointer);
      const value = this.readValue(memberPointer, depth + 1);
      members.push({ key, keyRange, value });
      this.skipTrivia(pointer);
      const after = this.text[this.pos];
      if (after === ',') {
        this.pos++;
        this.skipTrivia(pointer);
        continue;
      }
      if (after === '}') continue;
      throw this.error(
        after === undefined ? 'unexpected end of file in an object' : `unexpected ${this.describeHere()} after the value of "${key}"`,
        '"," or "}"',
        pointer,
      );
    }
  }

  private readArray(pointer: string, depth: number): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipTrivia(pointer);
    for (;;) {
      if (this.text[this.pos] === ']') {
        this.pos++;
        return { type: 'array', range: [start, this.pos], items };
      }
      if (this.text[this.pos] === ',') throw this.error('unexpected ","', 'a value or "]"', joinPointer(pointer, items.length));
      items.push(this.readValue(joinPointer(pointer, items.length), depth + 1));
      this.skipTrivia(pointer);
      const after = this.text[this.pos];
      if (after === ',') {
        this.pos++;
        this.skipTrivia(pointer);
        continue;
      }
      if (after === ']') continue;
      throw this.error(after === undefined ? 'unexpected end of file in an array' : `unexpected ${this.describeHere()} in an array`, '"," or "]"', pointer);
    }
  }

  private readString(pointer: string): string {
    const start = this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n' || c === '\r') {
        throw this.error('unterminated string', 'a closing \'"\' on the same line', pointer, start, this.pos);
      }
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
          continue;
        }
        throw this.error(
          `invalid escape "\\${e ?? ''}" in a string (write a backslash as "\\\\")`,
          'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
          pointer,
          this.pos,
          Math.min(this.pos + 2, this.text.length),
        );
      }
      if (c.charCodeAt(0) < 0x20) {
        throw this.error('control character in a string (write it as an escape, such as \\t)', undefined, pointer, this.pos, this.pos + 1);
      }
      out += c;
      this.pos++;
    }
  }

  private readNumber(pointer: string): JsonNode {
    const start = this.pos;
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    const end = start + (match ? match[0].length : 0);
    if (!match || match[0] === '-' || isWordChar(this.text[end]) || this.text[end] === '.') {
      let stop = start + 1;
      while (stop < this.text.length && /[\w.+-]/.test(this.text[stop])) stop++;
      throw this.error(`invalid number "${this.text.slice(start, stop)}"`, 'a JSON number such as 2 or -1.5', pointer, start, stop);
    }
    this.pos = end;
    return { type: 'number', range: [start, end], value: Number(match[0]) };
  }

  /** Skips white space and comments. */
  private skipTrivia(pointer: string): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++;
      } else if (c === '/' && t[this.pos + 1] === '/') {
        while (this.pos < t.length && t[this.pos] !== '\n' && t[this.pos] !== '\r') this.pos++;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const close = t.indexOf('*/', this.pos + 2);
        if (close < 0) throw this.error('unterminated /* comment', '"*/"', pointer, this.pos, this.pos + 2);
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  private describeHere(): string {
    const c = this.text.codePointAt(this.pos);
    if (c === undefined) return 'end of file';
    const ch = String.fromCodePoint(c);
    if (/[A-Za-z_$]/.test(ch)) {
      const word = /^[\w$]+/.exec(this.text.slice(this.pos, this.pos + 40))![0];
      return `word "${word}"`;
    }
    if (ch === '"') return `'"'`;
    if (c < 0x20 || c === 0x7f) return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return `"${ch}"`;
  }

  private lineColumn(offset: number): string {
    const { line, character } = new LineIndex(this.text).positionAt(offset);
    return `${line + 1}:${character + 1}`;
  }

  private error(problem: string, expected: string | undefined, pointer: string, start = this.pos, end?: number): JsoncSyntaxError {
    const stop = end ?? Math.min(this.text.length, start + Math.max(1, (this.text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1));
    return new JsoncSyntaxError(problem, [start, stop], pointer, expected);
  }
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\w$]/.test(c);
}
