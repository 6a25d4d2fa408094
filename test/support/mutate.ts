/**
 * Seeded mutators for the robustness tests and the long-run fuzzer: each takes the bytes of a
 * real-looking installer source and a random source, and returns new bytes that are broken in one
 * way a real file (or an editor mid-edit) can be broken. Pure: the same seed gives the same bytes.
 */

/** A deterministic random source in [0, 1) (mulberry32). */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

/** How big the big mutations are: nesting depth and the length of a very long line. */
export interface MutationSizes {
  depth: number;
  longLine: number;
}

export const FULL_SIZES: MutationSizes = { depth: 10_000, longLine: 100_000 };

export interface Mutator {
  name: string;
  apply(bytes: Uint8Array, random: Random, sizes?: MutationSizes): Uint8Array;
}

const ascii = (s: string) => new TextEncoder().encode(s);

function splice(bytes: Uint8Array, at: number, removed: number, inserted: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - removed + inserted.length);
  out.set(bytes.subarray(0, at));
  out.set(inserted, at);
  out.set(bytes.subarray(at + removed), at + inserted.length);
  return out;
}

/** An offset at the start of a random line (or anywhere, when the file has no newline). */
function lineStart(bytes: Uint8Array, random: Random): number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
  return pick(random, starts);
}

const insertAnywhere = (name: string, make: (random: Random) => Uint8Array): Mutator => ({
  name,
  apply: (bytes, random) => splice(bytes, randomInt(random, bytes.length + 1), 0, make(random)),
});

const insertAtLineStart = (name: string, make: (random: Random) => Uint8Array): Mutator => ({
  name,
  apply: (bytes, random) => splice(bytes, lineStart(bytes, random), 0, make(random)),
});

export const mutators: readonly Mutator[] = [
  {
    name: 'byte-flip',
    apply(bytes, random) {
      const out = bytes.slice();
      const flips = 1 + randomInt(random, 8);
      for (let i = 0; i < flips && out.length > 0; i++) out[randomInt(random, out.length)] ^= 1 << randomInt(random, 8);
      return out;
    },
  },
  {
    name: 'truncate',
    apply: (bytes, random) => bytes.slice(0, randomInt(random, bytes.length + 1)),
  },
  {
    name: 'delete-span',
    apply(bytes, random) {
      const at = randomInt(random, bytes.length + 1);
      return splice(bytes, at, Math.min(bytes.length - at, randomInt(random, 200)), new Uint8Array());
    },
  },
  {
    name: 'duplicate-span',
    apply(bytes, random) {
      const at = randomInt(random, bytes.length + 1);
      const span = bytes.slice(at, at + randomInt(random, 400));
      return splice(bytes, randomInt(random, bytes.length + 1), 0, span);
    },
  },
  insertAnywhere('stray-brace', (random) => ascii(pick(random, ['{', '}', '(', ')', '[', ']', '}}}', '{{{', ';', ',']))),
  insertAnywhere('stray-quote', (random) => ascii(pick(random, ['"', "'", 'L"', '/*', '*/', '//', '\\', 'R"(', "'\\"]))),
  insertAtLineStart('preprocessor-line', (random) =>
    ascii(pick(random, ['#if 0\n', '#endif\n', '#else\n', '#if\n', '#ifdef X\n', '#elif 1\n', '#define CALLBACK\n', '#include\n', '#\n', '#define X(', '#if 0\n#if 1\n'])),
  ),
  {
    name: 'long-line',
    apply(bytes, random, sizes = FULL_SIZES) {
      const unit = pick(random, ['a', 'x+', '/* c */', 'LoadLibraryW(L"a");', '"s"', ' ', '\\']);
      const length = Math.ceil(sizes.longLine / 5) + randomInt(random, sizes.longLine);
      return splice(bytes, randomInt(random, bytes.length + 1), 0, ascii(unit.repeat(Math.ceil(length / unit.length))));
    },
  },
  {
    name: 'deep-nesting',
    apply(bytes, random, sizes = FULL_SIZES) {
      const [open, close] = pick(random, [
        ['{', '}'],
        ['(', ')'],
        ['[', ']'],
        ['if (x) {', '}'],
        ['#if 1\n', '#endif\n'],
      ]);
      const closed = random() < 0.5;
      const nest = ascii(open.repeat(sizes.depth) + (closed ? close.repeat(sizes.depth) : ''));
      return splice(bytes, randomInt(random, bytes.length + 1), 0, nest);
    },
  },
  {
    name: 'nul-bytes',
    apply(bytes, random) {
      let out = bytes;
      const n = 1 + randomInt(random, 4);
      for (let i = 0; i < n; i++) out = splice(out, randomInt(random, out.length + 1), 0, new Uint8Array(1 + randomInt(random, 3)));
      return out;
    },
  },
  insertAnywhere('invalid-utf8', (random) =>
    Uint8Array.from(
      pick(random, [
        [0xc3], // truncated two-byte sequence
        [0xe2, 0x82], // truncated three-byte sequence
        [0xf0, 0x9f, 0x98], // truncated four-byte sequence
        [0x80, 0xbf], // lone continuation bytes
        [0xc0, 0xaf], // overlong "/"
        [0xed, 0xa0, 0x80], // an encoded surrogate
        [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xff, 0xfe], // never valid in UTF-8
        [0xe9, 0x22], // Windows-1252 é then a quote
      ]),
    ),
  ),
  {
    // The file re-encoded as UTF-16 (LE or BE, with BOM), with lone surrogates and an odd byte count.
    name: 'invalid-utf16',
    apply(bytes, random) {
      const text = new TextDecoder('utf-8').decode(bytes);
      const units: number[] = [];
      for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
      const breaks = 1 + randomInt(random, 4);
      for (let i = 0; i < breaks; i++) {
        units.splice(randomInt(random, units.length + 1), 0, pick(random, [0xd800, 0xdc00, 0xdbff, 0xdfff, 0xfffe, 0xfeff]));
      }
      const le = random() < 0.5;
      const out: number[] = le ? [0xff, 0xfe] : [0xfe, 0xff];
      for (const u of units) out.push(...(le ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
      if (random() < 0.5) out.push(0x41); // a trailing odd byte
      return Uint8Array.from(out);
    },
  },
  {
    name: 'line-endings',
    apply(bytes, random) {
      // Every "\n" becomes "\r\n", "\r" or stays, at random: mixed line endings.
      const out: number[] = [];
      for (const b of bytes) {
        if (b === 10) out.push(...pick(random, [[13, 10], [13], [10]]));
        else out.push(b);
      }
      return Uint8Array.from(out);
    },
  },
  insertAnywhere('unicode', (random) => ascii(pick(random, ['\u{1F680}', '\u2028', '\u00e9', '\u{10FFFF}', '\uFEFF', '\u0301']))),
];

export function mutatorByName(name: string): Mutator {
  const m = mutators.find((x) => x.name === name);
  if (!m) throw new Error(`no mutator named ${name}`);
  return m;
}

/** Applies 1..maxSteps random mutators in a row; returns the bytes and the names applied. */
export function mutate(
  bytes: Uint8Array,
  random: Random,
  options: { maxSteps?: number; sizes?: MutationSizes } = {},
): { bytes: Uint8Array; steps: string[] } {
  let out = bytes;
  const steps: string[] = [];
  const n = 1 + randomInt(random, options.maxSteps ?? 3);
  for (let i = 0; i < n; i++) {
    const m = pick(random, mutators);
    out = m.apply(out, random, options.sizes ?? FULL_SIZES);
    steps.push(m.name);
  }
  return { bytes: out, steps };
}
