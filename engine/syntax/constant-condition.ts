/**
 * What an `#if` or `#elif` condition always is, when it is a literal: the model (dead ranges) and
 * the rules (code they skip) must read it alike.
 */

/** false for 0, 00, FALSE, false; true for 1, TRUE, true (parentheses and blanks aside); else undefined. */
export function constantCondition(text: string): boolean | undefined {
  const c = text.replace(/[()\s]/g, '');
  if (/^(?:0+|FALSE|false)$/.test(c)) return false;
  if (/^(?:0*1|TRUE|true)$/.test(c)) return true;
  return undefined;
}
