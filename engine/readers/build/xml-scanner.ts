/**
 * A small XML scanner for build files (MSBuild projects and their `.props`): elements,
 * attributes, text, comments, CDATA, the five predefined entities and character references.
 * It keeps UTF-16 offsets for everything and, for decoded text and attribute values, the offset
 * of every decoded character, so that a list entry can be pointed at as written even when the
 * text holds `&amp;` or `&#59;`. It never throws: the first well-formedness error stops the scan
 * (XML has no recovery) and is returned as a problem with its range. Namespaces, DTDs and
 * external entities are not read (a DOCTYPE is skipped, its entities unknown).
 */
import { type LocatedText, locatedSlice } from './build-entries.js';

/** Offsets [start, end) into the text (UTF-16 code units). */
export type XmlRange = [number, number];

export interface XmlAttribute {
  name: string;
  nameRange: XmlRange;
  /** The value with entities decoded, and where each of its characters is written. */
  text: LocatedText;
  /** The value as written, inside the quotes. */
  valueRange: XmlRange;
}

export interface XmlText {
  kind: 'text';
  /** The text with entities decoded (CDATA as written), and where each of its characters is written. */
  text: LocatedText;
  range: XmlRange;
  cdata: boolean;
}

export interface XmlComment {
  kind: 'comment';
  /** The text between `<!--` and `-->`. */
  value: string;
  range: XmlRange;
}

export interface XmlElement {
  kind: 'element';
  name: string;
  nameRange: XmlRange;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** From `<` of the start tag to `>` of the end tag (or of `/>`). */
  range: XmlRange;
  /** Between the start tag and the end tag ([end, end] of the start tag when self-closing). */
  contentRange: XmlRange;
}

export type XmlNode = XmlElement | XmlText | XmlComment;

export interface XmlProblem {
  message: string;
  range: XmlRange;
}

export interface XmlDocument {
  /** The root element, or undefined when the text is not well-formed. */
  root?: XmlElement;
  /** At most one: the first well-formedness error. */
  problems: XmlProblem[];
}

export interface XmlLimits {
  /** Longer texts are refused (a build file is a few kilobytes). */
  maxLength: number;
  /** Deeper nesting is refused. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 8 * 1024 * 1024, maxDepth: 128 };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]/;

class XmlError extends Error {
  constructor(
    message: string,
    readonly range: XmlRange,
  ) {
    super(message);
  }
}

export function scanXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlDocument {
  if (text.length > limits.maxLength) {
    return { problems: [{ message: `the file is larger than ${limits.maxLength} characters and is not read`, range: [0, 0] }] };
  }
  try {
    return { root: new XmlScanner(text, limits.maxDepth).scan(), problems: [] };
  } catch (error) {
    if (error instanceof XmlError) return { problems: [{ message: error.message, range: error.range }] };
    throw error;
  }
}

/** The decoded text of an element's text and CDATA children (comments and child elements skipped). */
export function elementText(element: XmlElement): LocatedText {
  const out: LocatedText = { value: '', starts: [], ends: [], end: element.contentRange[0] };
  for (const child of element.children) {
    if (child.kind !== 'text') continue;
    out.value += child.text.value;
    out.starts.push(...child.text.starts);
    out.ends.push(...child.text.ends);
    out.end = child.text.end;
  }
  return out;
}

/** The attribute named `name` (XML names are case-sensitive; MSBuild's attributes are not: see callers). */
export function attributeOf(element: XmlElement, name: string): XmlAttribute | undefined {
  const lower = name.toLowerCase();
  return element.attributes.find((a) => a.name.toLowerCase() === lower);
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element');
}

class XmlScanner {
  private pos = 0;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  scan(): XmlElement {
    const t = this.text;
    while (this.pos < t.length) {
      if (t[this.pos] !== '<') this.readText();
      else if (t.startsWith('<!--', this.pos)) this.readComment();
      else if (t.startsWith('<![CDATA[', this.pos)) this.readCdata();
      else if (t.startsWith('<?', this.pos)) this.skipUntil('?>', 'processing instruction');
      else if (t.startsWith('<!DOCTYPE', this.pos) && !this.root) this.skipDoctype();
      else if (t.startsWith('</', this.pos)) this.readEndTag();
      else this.readStartTag();
    }
    const open = this.stack[this.stack.length - 1];
    if (open) throw new XmlError(`<${open.name}> is not closed`, open.nameRange);
    if (!this.root) throw new XmlError('no root element', [t.length, t.length]);
    return this.root;
  }

  private readText(): void {
    const start = this.pos;
    let end = this.text.indexOf('<', start);
    if (end < 0) end = this.text.length;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      const stray = /\S/.exec(this.text.slice(start, end));
      if (stray) {
        const at = start + stray.index;
        throw new XmlError(this.root ? 'text after the root element' : 'text before the root element', [at, at + 1]);
      }
      this.pos = end;
      return;
    }
    parent.children.push({ kind: 'text', text: this.decode(start, end), range: [start, end], cdata: false });
    this.pos = end;
  }

  private readComment(): void {
    const start = this.pos;
    const close = this.text.indexOf('-->', start + 4);
    if (close < 0) throw new XmlError('unterminated comment (no "-->")', [start, start + 4]);
    this.pos = close + 3;
    this.stack[this.stack.length - 1]?.children.push({ kind: 'comment', value: this.text.slice(start + 4, close), range: [start, this.pos] });
  }

  private readCdata(): void {
    const start = this.pos;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) throw new XmlError('CDATA outside the root element', [start, start + 9]);
    const close = this.text.indexOf(']]>', start + 9);
    if (close < 0) throw new XmlError('unterminated CDATA section (no "]]>")', [start, start + 9]);
    parent.children.push({ kind: 'text', text: locatedSlice(this.text, start + 9, close), range: [start, close + 3], cdata: true });
    this.pos = close + 3;
  }

  private skipUntil(close: string, what: string): void {
    const end = this.text.indexOf(close, this.pos + 2);
    if (end < 0) throw new XmlError(`unterminated ${what} (no "${close}")`, [this.pos, this.pos + 2]);
    this.pos = end + close.length;
  }

  private skipDoctype(): void {
    const start = this.pos;
    let inSubset = false;
    for (let i = start + 9; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '[') inSubset = true;
      else if (c === ']') inSubset = false;
      else if (c === '>' && !inSubset) {
        this.pos = i + 1;
        return;
      }
    }
    throw new XmlError('unterminated DOCTYPE', [start, start + 9]);
  }

  private readEndTag(): void {
    const start = this.pos;
    this.pos += 2;
    const [name, nameRange] = this.readName('a tag name after "</"');
    this.skipSpace();
    if (this.text[this.pos] !== '>') throw this.unexpected('">" to end the tag');
    this.pos++;
    const open = this.stack.pop();
    if (!open) throw new XmlError(`</${name}> closes no open element`, nameRange);
    if (open.name !== name) throw new XmlError(`</${name}> does not close <${open.name}>`, nameRange);
    open.contentRange = [open.contentRange[0], start];
    open.range = [open.range[0], this.pos];
  }

  private readStartTag(): void {
    const start = this.pos;
    this.pos++;
    const [name, nameRange] = this.readName('a tag name after "<"');
    const attributes: XmlAttribute[] = [];
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = this.text[this.pos];
      if (c === '>' || (c === '/' && this.text[this.pos + 1] === '>')) break;
      if (c === undefined) throw new XmlError(`unterminated tag <${name}>`, nameRange);
      if (!hadSpace) throw this.unexpected('a space, ">" or "/>"');
      attributes.push(this.readAttribute(attributes));
    }
    const selfClosing = this.text[this.pos] === '/';
    this.pos += selfClosing ? 2 : 1;
    const element: XmlElement = { kind: 'element', name, nameRange, attributes, children: [], range: [start, this.pos], contentRange: [this.pos, this.pos] };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else if (this.root) throw new XmlError(`a second root element <${name}>`, nameRange);
    else this.root = element;
    if (selfClosing) return;
    if (this.stack.length >= this.maxDepth) throw new XmlError(`elements nested more than ${this.maxDepth} deep`, nameRange);
    this.stack.push(element);
  }

  private readAttribute(seen: XmlAttribute[]): XmlAttribute {
    const [name, nameRange] = this.readName('an attribute name');
    if (seen.some((a) => a.name === name)) throw new XmlError(`attribute "${name}" given twice`, nameRange);
    this.skipSpace();
    if (this.text[this.pos] !== '=') throw this.unexpected(`"=" after the attribute name "${name}"`);
    this.pos++;
    this.skipSpace();
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") throw this.unexpected('a quoted attribute value');
    const valueStart = this.pos + 1;
    const close = this.text.indexOf(quote, valueStart);
    if (close < 0) throw new XmlError(`unterminated value of attribute "${name}"`, [this.pos, this.pos + 1]);
    const lt = this.text.indexOf('<', valueStart);
    if (lt >= 0 && lt < close) throw new XmlError(`"<" in the value of attribute "${name}" (write &lt;)`, [lt, lt + 1]);
    const text = this.decode(valueStart, close);
    this.pos = close + 1;
    return { name, nameRange, text, valueRange: [valueStart, close] };
  }

  private readName(expected: string): [string, XmlRange] {
    const start = this.pos;
    if (!NAME_START.test(this.text[this.pos] ?? '')) throw this.unexpected(expected);
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos])) this.pos++;
    return [this.text.slice(start, this.pos), [start, this.pos]];
  }

  /** Decodes entities and character references in [start, end); keeps each character's offset. */
  private decode(start: number, end: number): LocatedText {
    const out: LocatedText = { value: '', starts: [], ends: [], end };
    let i = start;
    while (i < end) {
      const c = this.text[i];
      if (c !== '&') {
        out.value += c;
        out.starts.push(i);
        out.ends.push(++i);
        continue;
      }
      const semi = this.text.indexOf(';', i);
      if (semi < 0 || semi >= end || semi - i > 12) throw new XmlError('"&" that starts no entity (write &amp;)', [i, i + 1]);
      const decoded = decodeEntity(this.text.slice(i + 1, semi));
      if (decoded === undefined) throw new XmlError(`unknown entity "${this.text.slice(i, semi + 1)}"`, [i, semi + 1]);
      for (let k = 0; k < decoded.length; k++) {
        out.starts.push(i);
        out.ends.push(semi + 1);
      }
      out.value += decoded;
      i = semi + 1;
    }
    return out;
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos])) this.pos++;
    return this.pos > start;
  }

  private unexpected(expected: string): XmlError {
    const c = this.text[this.pos];
    const found = c === undefined ? 'the end of the file' : `"${c}"`;
    return new XmlError(`expected ${expected}, found ${found}`, [this.pos, Math.min(this.pos + 1, this.text.length)]);
  }
}

function decodeEntity(body: string): string | undefined {
  if (Object.hasOwn(ENTITIES, body)) return ENTITIES[body];
  const code = /^#x[0-9a-fA-F]{1,6}$/.test(body) ? parseInt(body.slice(2), 16) : /^#[0-9]{1,7}$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
  if (Number.isNaN(code) || code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}
