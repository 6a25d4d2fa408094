/**
 * The words written before a function's name that the parse may not have seen: macro blanking
 * turns linkage macros (`COINST_API`, `MY_EXPORT`) into spaces, so an export spelled through a
 * module's own macro (`#define COINST_API __declspec(dllexport)`) leaves no mark in the tree. The
 * model resolves these words against the module's #defines (installer-model.ts). Pure.
 */

/** How far before a definition the words that belong to its header are looked for. */
const LOOK_BACK = 200;

/**
 * Identifiers from the start of the declaration that holds a function (found by walking back from
 * `start` over words and white space only) up to its name.
 */
export function headerWords(text: string, start: number, nameStart: number): string[] {
  let from = start;
  const limit = Math.max(0, start - LOOK_BACK);
  while (from > limit && /[\w\s]/.test(text[from - 1])) from--;
  return text.slice(from, nameStart).match(/[A-Za-z_]\w*/g) ?? [];
}
