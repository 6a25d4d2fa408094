/**
 * The DIF facts the model needs (docs/installer-facts.md#dif-codes-and-interactivity): numeric values of
 * the codes (for `case 0x2A:`), which codes are interactive, and under which codes wizard or
 * property pages are shown.
 */
import { difCodeName } from '../knowledge/dif-codes.js';

/** The DIF code a case label or comparison operand names: `DIF_X` itself, or a number with a known value. */
export function difCodeOfLabel(text: string): string | undefined {
  const t = text.trim().replace(/^\(+|\)+$/g, '').trim();
  if (/^DIF_\w+$/.test(t)) return t;
  const m = /^(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.exec(t);
  if (!m) return undefined;
  return difCodeName(Number(m[1]));
}

/** A numeric label the model could not name is still a DIF code the guard selects ("0x99"). */
export function isNumericLabel(text: string): boolean {
  return /^\(*\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*\)*$/.test(text.trim());
}

export const FINISH_INSTALL_ACTION = 'DIF_FINISHINSTALL_ACTION';

/** Codes whose handlers add wizard or property pages: the pages' procedures run in an interactive wizard. */
export const PAGE_DIF_CODES: ReadonlySet<string> = new Set([
  'DIF_NEWDEVICEWIZARD_FINISHINSTALL',
  'DIF_ADDPROPERTYPAGE_ADVANCED',
  'DIF_ADDREMOTEPROPERTYPAGE_ADVANCED',
  'DIF_NEWDEVICEWIZARD_PRESELECT',
  'DIF_NEWDEVICEWIZARD_SELECT',
  'DIF_NEWDEVICEWIZARD_PREANALYZE',
  'DIF_NEWDEVICEWIZARD_POSTANALYZE',
]);

/** Whether a handler of `code` may show UI itself (docs/installer-facts.md#dif-codes-and-interactivity): the finish-install action; DIF_SELECTDEVICE for class installers. */
export function isInteractiveDifCode(code: string, kind: 'co-installer' | 'class-installer'): boolean {
  if (code === FINISH_INSTALL_ACTION) return true;
  return code === 'DIF_SELECTDEVICE' && kind === 'class-installer';
}
