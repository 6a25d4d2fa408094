/**
 * The few ANSI styles the stylish output uses, as plain escape codes (no dependency). With colours
 * off every style is the identity, so the same code builds both outputs.
 */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    text.length === 0 ? text : `\x1b[${open}m${text}\x1b[${close}m`;

const COLORED: Palette = {
  bold: style(1, 22),
  dim: style(2, 22),
  underline: style(4, 24),
  red: style(31, 39),
  yellow: style(33, 39),
};

const identity = (text: string): string => text;
const PLAIN: Palette = { bold: identity, dim: identity, underline: identity, red: identity, yellow: identity };

export function palette(color: boolean): Palette {
  return color ? COLORED : PLAIN;
}
