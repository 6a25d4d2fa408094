/**
 * Module-definition (.def) files, as far as the installer model needs them: the LIBRARY name and
 * the EXPORTS list.
 *
 * Supported (after Microsoft's "Rules for module-definition statements" and "EXPORTS"):
 * - statements at the start of a line, keywords in any case: LIBRARY [name] [BASE=address],
 *   NAME, EXPORTS; the other statements (DESCRIPTION, SECTIONS/SEGMENTS, HEAPSIZE, STACKSIZE,
 *   STUB, VERSION, IMPORTS, ...) and whatever lines follow them are skipped;
 * - export definitions, one a line, the first one possibly on the EXPORTS line itself:
 *   `entryname[=internalname | =other_module.exported_name | =other_module.#ordinal]
 *    [@ordinal [NONAME]] [PRIVATE] [DATA]` (and mingw's `==name` and CONSTANT, read and ignored);
 * - names in double quotes; `;` comments to the end of the line; LF, CRLF or lone CR line ends;
 * - decorated names are kept as written (`_CoDeviceInstall@16`): see `undecoratedName`.
 *
 * Never throws: a line it cannot read is skipped.
 */

export interface DefExport {
  /** The exported name, as written (no quotes). */
  name: string;
  /** The name in the DLL when it differs (`entry=internal`), or `module.name` for a forwarder. */
  internalName?: string;
  /** For `entry=other_module.exported_name` (or `other_module.#ordinal`): the forwarding target. */
  forward?: { module: string; name?: string; ordinal?: number };
  ordinal?: number;
  /** NONAME: exported by ordinal only. */
  noName: boolean;
  isPrivate: boolean;
  isData: boolean;
  /** Offsets (UTF-16) of the exported name in the text, quotes excluded. */
  range: [number, number];
  /** Offsets of the internal name, when there is one. */
  internalRange?: [number, number];
}

export interface DefFile {
  library?: string;
  /** Offsets of the LIBRARY name. */
  libraryRange?: [number, number];
  exports: DefExport[];
}

const STATEMENTS = new Set([
  'NAME',
  'LIBRARY',
  'DESCRIPTION',
  'STACKSIZE',
  'SECTIONS',
  'SEGMENTS',
  'EXPORTS',
  'IMPORTS',
  'VERSION',
  'HEAPSIZE',
  'STUB',
  'CODE',
  'DATA',
  'EXETYPE',
  'PROTMODE',
  'REALMODE',
  'APPLOADER',
  'OLD',
]);

interface Token {
  /** Text without quotes. */
  text: string;
  start: number;
  end: number;
  quoted: boolean;
  /** '=' or '==' punctuation. */
  punct?: boolean;
}

export function parseDef(text: string): DefFile {
  const out: DefFile = { exports: [] };
  let section: 'exports' | 'other' | 'none' = 'none';
  for (const line of lines(text)) {
    const tokens = tokenize(text, line.start, line.end);
    if (tokens.length === 0) continue;
    const first = tokens[0];
    const keyword = !first.quoted && !first.punct ? first.text.toUpperCase() : '';
    if (STATEMENTS.has(keyword)) {
      if (keyword === 'EXPORTS') {
        section = 'exports';
        if (tokens.length > 1) readExport(tokens.slice(1), out);
      } else if (keyword === 'LIBRARY' || keyword === 'NAME') {
        section = 'other';
        const name = tokens[1];
        if (keyword === 'LIBRARY' && name && !name.punct && !/^BASE$/i.test(name.text)) {
          out.library = name.text;
          out.libraryRange = [name.start, name.end];
        }
      } else {
        section = 'other';
      }
      continue;
    }
    if (section === 'exports') readExport(tokens, out);
  }
  return out;
}

/**
 * The C name behind a decorated export: `_Name@16` (x86 __stdcall) and `Name@16` give `Name`;
 * other names are returned unchanged.
 */
export function undecoratedName(name: string): string {
  const m = /^_?([A-Za-z_$][\w$]*)@\d+$/.exec(name);
  return m ? m[1] : name;
}

function readExport(tokens: Token[], out: DefFile): void {
  const nameToken = tokens[0];
  if (nameToken.punct || nameToken.text === '' || (!nameToken.quoted && nameToken.text.startsWith('@'))) return;
  const exp: DefExport = {
    name: nameToken.text,
    noName: false,
    isPrivate: false,
    isData: false,
    range: [nameToken.start, nameToken.end],
  };
  let i = 1;
  if (tokens[i]?.punct) {
    const target = tokens[i + 1];
    i++;
    if (target && !target.punct && !(!target.quoted && target.text.startsWith('@'))) {
      i++;
      exp.internalName = target.text;
      exp.internalRange = [target.start, target.end];
      const dot = target.text.indexOf('.');
      if (dot > 0) {
        const module = target.text.slice(0, dot);
        const rest = target.text.slice(dot + 1);
        const ordinal = /^#(\d+)$/.exec(rest);
        exp.forward = ordinal ? { module, ordinal: Number(ordinal[1]) } : { module, name: rest };
      }
    }
  }
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    if (!t.quoted && t.text.startsWith('@')) {
      let digits = t.text.slice(1);
      if (digits === '' && tokens[i + 1] && /^\d+$/.test(tokens[i + 1].text)) digits = tokens[++i].text;
      if (/^\d+$/.test(digits)) exp.ordinal = Number(digits);
      continue;
    }
    const word = t.quoted ? '' : t.text.toUpperCase();
    if (word === 'NONAME') exp.noName = true;
    else if (word === 'PRIVATE') exp.isPrivate = true;
    else if (word === 'DATA') exp.isData = true;
  }
  out.exports.push(exp);
}

/** Lines as [start, end) offsets, terminators and `;` comments excluded. */
function* lines(text: string): Iterable<{ start: number; end: number }> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    yield { start, end };
    if (end >= text.length) return;
    start = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
}

function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === ';') break;
    // Every character a name stops at (the \s below: U+FEFF, U+00A0, U+2028, ...) must be skipped
    // here, or the name would be empty and the loop would never move on.
    if (/\s/.test(c) || c === '\u001a') {
      i++;
      continue;
    }
    if (c === '=') {
      const len = text[i + 1] === '=' ? 2 : 1;
      tokens.push({ text: text.slice(i, i + len), start: i, end: i + len, quoted: false, punct: true });
      i += len;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== '"') j++;
      tokens.push({ text: text.slice(i + 1, j), start: i + 1, end: j, quoted: true });
      i = j < end ? j + 1 : j;
      continue;
    }
    let j = i;
    while (j < end && !/[\s=;"]/.test(text[j])) j++;
    tokens.push({ text: text.slice(i, j), start: i, end: j, quoted: false });
    i = j;
  }
  return tokens;
}
