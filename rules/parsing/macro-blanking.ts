/**
 * Blanks known Windows macros (SAL annotations, calling conventions, IN/OUT/OPTIONAL, ...) to
 * spaces of the same length before parsing, so that tree-sitter-cpp sees plain C while every
 * offset stays where it was. `__declspec(dllexport)` is kept: the installer model reads it.
 */
const BARE_MACROS = [
  'CALLBACK', 'WINAPI', 'APIENTRY', 'WINAPIV', 'STDAPICALLTYPE', 'STDMETHODCALLTYPE', '__stdcall', '__cdecl',
  '__fastcall', 'IN', 'OUT', 'OPTIONAL', '_In_', '_In_opt_', '_Out_', '_Out_opt_', '_Inout_', '_Inout_opt_',
  '__in', '__out', '__inout', '__in_opt', '__out_opt', '__inout_opt', '_Reserved_', '_Check_return_',
  '_Must_inspect_result_', '_Use_decl_annotations_',
];

const BARE_RE = new RegExp(`\\b(?:${BARE_MACROS.join('|')})\\b`, 'g');

export function blankWindowsMacros(text: string): string {
  return text.replace(BARE_RE, (m) => ' '.repeat(m.length));
}
