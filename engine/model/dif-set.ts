/**
 * Sets of DIF codes as guards describe them: `in` a finite set (case labels, `== DIF_X`) or every
 * code `out` of a finite set (default labels, `!= DIF_X`, the code after an early return).
 * `{ out: [] }` is every code.
 */
export interface DifSet {
  readonly mode: 'in' | 'out';
  readonly codes: ReadonlySet<string>;
  /** A stable key: "in:A,B" or "out:A". */
  readonly key: string;
}

function make(mode: 'in' | 'out', codes: Iterable<string>): DifSet {
  const set = new Set(codes);
  return { mode, codes: set, key: `${mode}:${[...set].sort().join(',')}` };
}

export const ANY_DIF: DifSet = make('out', []);

export function difIn(codes: Iterable<string>): DifSet {
  return make('in', codes);
}

export function difOut(codes: Iterable<string>): DifSet {
  return make('out', codes);
}

export function isEmptyDif(s: DifSet): boolean {
  return s.mode === 'in' && s.codes.size === 0;
}

export function intersectDif(a: DifSet, b: DifSet): DifSet {
  if (b === ANY_DIF || a === b) return a;
  if (a === ANY_DIF) return b;
  if (a.mode === 'in' && b.mode === 'in') return difIn([...a.codes].filter((c) => b.codes.has(c)));
  if (a.mode === 'in') return difIn([...a.codes].filter((c) => !b.codes.has(c)));
  if (b.mode === 'in') return difIn([...b.codes].filter((c) => !a.codes.has(c)));
  return difOut([...a.codes, ...b.codes]);
}

export function unionDif(a: DifSet, b: DifSet): DifSet {
  if (a.mode === 'in' && b.mode === 'in') return difIn([...a.codes, ...b.codes]);
  if (a.mode === 'out' && b.mode === 'out') return difOut([...a.codes].filter((c) => b.codes.has(c)));
  const inSet = a.mode === 'in' ? a : b;
  const outSet = a.mode === 'in' ? b : a;
  return difOut([...outSet.codes].filter((c) => !inSet.codes.has(c)));
}

export function complementDif(s: DifSet): DifSet {
  return s.mode === 'in' ? difOut(s.codes) : difIn(s.codes);
}

export function difHas(s: DifSet, code: string): boolean {
  return s.mode === 'in' ? s.codes.has(code) : !s.codes.has(code);
}
