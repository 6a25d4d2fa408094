/**
 * The fast path's text prefilter: does a module carry any installer signal? A module without one
 * cannot hold a finding, so its files need not be parsed at all.
 *
 * Every rule reports only what an installer entry point reaches, or in an INF that registers an
 * installer, and the installer model (engine/model/installer-model.ts) finds entry points only
 *   - by signature: a function *definition* whose parameters are typed (DI_FUNCTION|UINT|...,
 *     HDEVINFO, PSP_DEVINFO_DATA|SP_DEVINFO_DATA*[, ...]): the text then holds `HDEVINFO` and
 *     `SP_DEVINFO_DATA` inside one parenthesised list followed by the function body, or a
 *     `#define` spells one of the parameter types (`#define CONTOSO_DIF DI_FUNCTION`: the model
 *     reads parameter types through such macros, engine/model/entry-point-discovery.ts), or
 *     `HDEVINFO` in the declaration list of a K&R definition (engine/parsing/knr-definitions.ts);
 *   - by an INF registration (CoInstallers32, Installer32, a CoDeviceInstallers key; the sections
 *     the INF rule reports are named `*.CoInstallers` and `ClassInstall32`);
 *   - by a name the configuration lists (settings.entryPoints).
 * Besides findings, a file reports unused `coinstaller-lint-*` directives, so a directive is a
 * signal too. The decision is per module, never per file: a helper without any signal in an
 * installer's module is reached through the module's entry point, and is linted in full.
 *
 * The test is conservative: anything that might be an installer-shaped definition (a parameter
 * list with both types followed by anything but `;` or `,`) counts as a signal.
 */
import { fileLanguage } from '../linter/linter.js';
import { mayBeKnrDeclaration } from '../parsing/knr-definitions.js';
import { endsLineAt } from '../text/line-ends.js';

export interface SignalOptions {
  /** Extra entry point names from the configuration (settings.entryPoints). */
  entryPoints?: readonly string[];
}

export type Signal = 'inf-registration' | 'directive' | 'installer-signature' | 'installer-type-macro' | 'configured-entry-point';

const INF_SIGNAL = /coinstallers|installer32|codeviceinstallers|classinstall32/i;
const DIRECTIVE = 'coinstaller-lint-';
/** A macro that stands for one of the installer's parameter types. */
const TYPE_MACRO = /^[ \t]*#[ \t]*define[ \t]+[A-Za-z_]\w*[ \t]+(?:DI_FUNCTION|HDEVINFO|P?_?SP_DEVINFO_DATA|P?_?COINSTALLER_CONTEXT_DATA)[ \t]*(?:\/[/*].*)?\r?$/m;

/** Why this file makes its module worth linting, or undefined when it does not. */
export function fileSignal(filePath: string, text: string, options: SignalOptions = {}): Signal | undefined {
  if (text.includes(DIRECTIVE)) return 'directive';
  const language = fileLanguage(filePath);
  if (language === 'inf') return INF_SIGNAL.test(text) ? 'inf-registration' : undefined;
  if (language === 'def') return undefined;
  for (const name of options.entryPoints ?? []) if (name && containsWord(text, name)) return 'configured-entry-point';
  if (text.includes('HDEVINFO') && text.includes('SP_DEVINFO_DATA') && hasInstallerShapedDefinition(text)) return 'installer-signature';
  if (TYPE_MACRO.test(text)) return 'installer-type-macro';
  return undefined;
}

export function moduleHasSignal(files: readonly { filePath: string; text: string }[], options: SignalOptions = {}): boolean {
  return files.some((f) => fileSignal(f.filePath, f.text, options) !== undefined);
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isIdentChar(text.charCodeAt(at - 1)) && !isIdentChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/**
 * True when some parenthesised list holds the types HDEVINFO and SP_DEVINFO_DATA and is not
 * followed by `;` or `,` (a declaration, a typedef of a function pointer, a parameter of one).
 */
export function hasInstallerShapedDefinition(source: string): boolean {
  const code = codeOnly(source);
  for (let at = code.indexOf('HDEVINFO'); at >= 0; at = code.indexOf('HDEVINFO', at + 8)) {
    if (isIdentChar(code.charCodeAt(at - 1)) || isIdentChar(code.charCodeAt(at + 8))) continue;
    const open = enclosingOpen(code, at);
    if (open < 0) {
      // `f(c, s, d) DI_FUNCTION c; HDEVINFO s; PSP_DEVINFO_DATA d; {`: a K&R definition's declarations
      if (code.includes('SP_DEVINFO_DATA') && mayBeKnrDeclaration(code, at)) return true;
      continue;
    }
    const close = matchingClose(code, at);
    if (close < 0) return true;
    if (!code.slice(open, close).includes('SP_DEVINFO_DATA')) continue;
    let next = close + 1;
    while (next < code.length && /\s/.test(code[next])) next++;
    const c = code[next];
    if (c !== ';' && c !== ',') return true;
  }
  return false;
}

/** The `(` that opens the list holding `at`, or -1 when `at` is not inside parentheses. */
function enclosingOpen(code: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = code[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ';' || c === '{' || c === '}')) return -1;
  }
  return -1;
}

/** The `)` that closes the list holding `at`, or -1 when the text ends or a statement does first. */
function matchingClose(code: string, at: number): number {
  let depth = 0;
  for (let i = at; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ';' || c === '{' || c === '}')) return -1;
  }
  return -1;
}

/** The text with comments, string and character literals replaced by spaces (same length). */
export function codeOnly(text: string): string {
  const out = text.split('');
  const n = text.length;
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      let end = i;
      while (end < n && !endsLineAt(text, end)) end += text[end] === '\\' && end + 1 < n ? 2 : 1;
      blank(i, Math.min(end, n));
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      let end = i + 1;
      while (end < n && text[end] !== c && !endsLineAt(text, end)) end += text[end] === '\\' ? 2 : 1;
      end = Math.min(end + 1, n);
      blank(i, end);
      i = end;
    } else {
      i++;
    }
  }
  return out.join('');
}
