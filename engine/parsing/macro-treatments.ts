/**
 * What macro blanking does to a macro of the tables (windows-macros.ts), by its treatment: blank
 * it (`word`, `call` with its arguments, `declspec` unless it names dllexport), respell it (`const`,
 * `struct-keyword`, `struct-head`), or blank its name and parentheses and scan the arguments as
 * code (`unwrap`, `type-name`).
 */
import { Ch, commentsAfter, isIdentStart, namesDllexport, skipSpaceAndComments, type ArgumentList } from './c-lexing.js';
import { EditKind } from './macro-edits.js';
import type { ScanState } from './macro-scan-state.js';
import type { MacroTreatment } from './windows-macros.js';

/** Applies the table's treatment of `name` at [start, end) (windows-macros.ts); returns where the scan goes on. */
export function applyTreatment(s: ScanState, name: string, treatment: MacroTreatment, start: number, end: number): number {
  const edits = s.edits;
  if (treatment === 'word' || treatment === 'const') {
    if (treatment === 'word') edits.push(start, end, EditKind.Blank);
    else {
      edits.push(start, start + 5, EditKind.Const);
      edits.push(start + 5, end, EditKind.Blank);
      s.setIdent('const');
    }
    s.record(name, treatment, start, end);
    return end;
  }
  if (treatment === 'struct-keyword') {
    if (isIdentStart(s.text.charCodeAt(skipSpaceAndComments(s.text, end)))) {
      edits.push(start, start + 6, EditKind.Struct);
      edits.push(start + 6, end, EditKind.Blank);
      s.record(name, treatment, start, end);
      s.setIdent('struct');
    } else s.setIdent(name);
    return end;
  }
  const paren = skipSpaceAndComments(s.text, end);
  const args = s.text.charCodeAt(paren) === Ch.LParen ? s.argumentList(paren) : null;
  if (args === null) {
    // A name without (balanced) arguments: blank what is an annotation by itself, leave the rest.
    if (treatment === 'call' || treatment === 'declspec') {
      edits.push(start, end, EditKind.Blank);
      s.record(name, treatment, start, end);
    } else s.setIdent(name);
    return end;
  }
  s.record(name, treatment, start, args.close + 1);
  switch (treatment) {
    case 'call':
      edits.push(start, end, EditKind.Blank);
      edits.blankAround(args.open, args.close + 1, args.comments);
      return args.close + 1;
    case 'declspec':
      if (namesDllexport(s.text, args)) {
        s.lastCode = Ch.RParen;
        return args.close + 1;
      }
      edits.push(start, end, EditKind.Blank);
      edits.blankAround(args.open, args.close + 1, args.comments);
      return args.close + 1;
    case 'unwrap':
      edits.push(start, end, EditKind.Blank);
      edits.push(args.open, args.open + 1, EditKind.Blank);
      for (const comma of args.commas) {
        edits.push(comma, comma + 1, EditKind.Blank);
        s.blankedPunctuation.add(comma);
      }
      edits.push(args.close, args.close + 1, EditKind.Blank);
      s.blankedPunctuation.add(args.close);
      return args.open + 1; // the arguments are code: scan them too
    case 'type-name':
      edits.push(args.open, args.open + 1, EditKind.Blank);
      edits.push(args.close, args.close + 1, EditKind.Blank);
      s.blankedPunctuation.add(args.close);
      s.setIdent(name);
      return args.open + 1;
    case 'struct-head':
      return structHead(s, name, start, end, args);
  }
}

/**
 * `MIDL_INTERFACE("uuid") IFoo : public IUnknown` → `struct IFoo : public IUnknown`;
 * `DECLARE_INTERFACE_(IFoo, IUnknown)` → `struct IFoo: IUnknown`; `DECLARE_INTERFACE_IID_(IFoo, IBase, "iid")` likewise.
 */
function structHead(s: ScanState, name: string, start: number, end: number, args: ArgumentList): number {
  const edits = s.edits;
  edits.push(start, start + 6, EditKind.Struct);
  edits.push(start + 6, end, EditKind.Blank);
  if (name === 'MIDL_INTERFACE') {
    edits.blankAround(args.open, args.close + 1, args.comments);
    s.setIdent('struct');
    return args.close + 1;
  }
  edits.push(args.open, args.open + 1, EditKind.Blank);
  const [base, extra] = args.commas;
  if (base !== undefined) edits.push(base, base + 1, EditKind.Colon);
  if (extra !== undefined) edits.blankAround(extra, args.close + 1, commentsAfter(args.comments, extra));
  else edits.push(args.close, args.close + 1, EditKind.Blank);
  // What is left is `struct IFoo : IBase`: the `{` that follows opens a struct, not a body.
  s.setIdent('');
  return args.close + 1;
}
