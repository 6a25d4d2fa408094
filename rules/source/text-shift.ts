/** Where two versions of a text differ, as one region: what an edit did, seen from its two ends. */

/** The old text's [at, oldEnd) became the new text's [at, at + oldEnd - at + delta). */
export interface TextShift {
  at: number;
  oldEnd: number;
  delta: number;
}

/** The one region where two texts differ: common prefix and suffix stripped. */
export function differingRegion(oldText: string, newText: string): TextShift {
  const shorter = Math.min(oldText.length, newText.length);
  let at = 0;
  while (at < shorter && oldText.charCodeAt(at) === newText.charCodeAt(at)) at++;
  let suffix = 0;
  while (suffix < shorter - at && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { at, oldEnd: oldText.length - suffix, delta: newText.length - oldText.length };
}

/**
 * The smallest region holding both, for two views of the same edit that keep lengths alike (a
 * text and its macro-blanked copy: both differ by `delta`).
 */
export function unionShift(a: TextShift, b: TextShift): TextShift {
  return { at: Math.min(a.at, b.at), oldEnd: Math.max(a.oldEnd, b.oldEnd), delta: a.delta };
}
