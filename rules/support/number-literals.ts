/**
 * The value of a C integer literal as written: decimal, hexadecimal (`0x`) or octal (a leading
 * `0`), with its `u`/`l` suffixes. Used where a rule reads a constant the code spells out (a
 * CLSCTX value, SetupInstallFromInfSection's flags, the numbers of a GUID).
 */

/** The literal's value, or undefined when the text is not such a literal (a float, digit separators, a macro). */
export function integerLiteralValue(text: string): number | undefined {
  const digits = text.replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(digits)) return Number.parseInt(digits.slice(2), 16);
  if (/^0[0-7]*$/.test(digits)) return Number.parseInt(digits, 8);
  if (/^[1-9]\d*$/.test(digits)) return Number.parseInt(digits, 10);
  return undefined;
}
