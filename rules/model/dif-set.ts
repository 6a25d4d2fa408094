/**
 * Sets of DIF codes as guards describe them: `in` a finite set (case labels, `== DIF_X`) or every
 * code `out` of a finite set (default labels, `!= DIF_X`, the code after an early return).
 * `{ out: [] }` is every code.
 */
export type DifSet = { readonly mode: 'in'; readonly codes: ReadonlySet<string> } | { readonly mode: 'out'; readonly codes: ReadonlySet<string> };

export const ANY_DIF: DifSet = { mode: 'out', codes: new Set() };

export function difIn(codes: Iterable<string>): DifSet {
  return { mode: 'in', codes: new Set(codes) };
}

export function difOut(codes: Iterable<string>): DifSet {
  return { mode: 'out', codes: new Set(codes) };
}

export function isEmptyDif(s: DifSet): boolean {
  return s.mode === 'in' && s.codes.size === 0;
}

export function isAnyDif(s: DifSet): boolean {
  return s.mode === 'out' && s.codes.size === 0;
}

export function intersectDif(a: DifSet, b: DifSet): DifSet {
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

/** A stable key: "in:A,B" or "out:A". */
export function difKey(s: DifSet): string {
  return `${s.mode}:${[...s.codes].sort().join(',')}`;
}
