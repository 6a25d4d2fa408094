/**
 * The DIF facts the model needs, read from the DIF table (engine/knowledge/dif-codes.ts,
 * docs/installer-facts.md#dif-codes-and-interactivity): numeric values of the codes (for
 * `case 0x2A:`), which codes are interactive, under which codes wizard or property pages are
 * shown, and under which UI is allowed once DI_QUIETINSTALL was tested clear.
 */
import { difCodeName, difInteractivity, PAGE_DIF_CODES } from '../knowledge/dif-codes.js';
import type { ReachingContext } from './contract.js';

export { PAGE_DIF_CODES };

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

/**
 * Whether a handler of `code` may show UI and start processes itself: the table's `yes` codes
 * (DIF_FINISHINSTALL_ACTION, DIF_TROUBLESHOOTER), and its `class-installer` code
 * (DIF_SELECTDEVICE) for class installers.
 */
export function isInteractiveDifCode(code: string, kind: 'co-installer' | 'class-installer'): boolean {
  const interactivity = difInteractivity(code);
  return interactivity === 'yes' || (interactivity === 'class-installer' && kind === 'class-installer');
}

/**
 * Whether user interface is allowed where a context reaches: an interactive context, or a code the
 * table marks `conditional` (DIF_ALLOW_INSTALL, DIF_REMOVE) on a path where DI_QUIETINSTALL was
 * tested clear or SetupGetNonInteractiveMode returned FALSE (`quietClear`). Under any other code
 * the test does not make UI safe (docs/installer-facts.md#dif-codes-and-interactivity).
 */
export function mayShowUserInterface(context: Pick<ReachingContext, 'difCode' | 'interactive' | 'quietClear'>): boolean {
  return context.interactive || (context.quietClear === true && difInteractivity(context.difCode) === 'conditional');
}

/** Whether UI under `code` is allowed once DI_QUIETINSTALL is tested clear (the table's `conditional` codes). */
export function allowsUiWhenNotQuiet(code: string): boolean {
  return difInteractivity(code) === 'conditional';
}
