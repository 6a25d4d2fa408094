/**
 * The documents the language server checks: C and C++ files, INF files and build files, on disk.
 * INF files are matched by extension as well as by language id, so they are checked even when
 * another extension gives .inf/.inx a language of its own. Build files (MSBuild projects, the
 * property sheets and targets they import, the WDK's `sources` and `makefile.inc`,
 * compile_commands.json) have no language of ours: they are matched by name, whatever language
 * an editor gives them (xml, json, makefile, plaintext).
 */
export const LINTED_LANGUAGES = ['c', 'cpp', 'inf'] as const;
export const INF_FILE_PATTERN = '**/*.{inf,inx,INF,INX,Inf,Inx}';
export const BUILD_FILE_PATTERN = '**/{*.vcxproj,*.props,*.targets,sources,SOURCES,Sources,makefile.inc,MAKEFILE.INC,Makefile.inc,compile_commands.json}';

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

export function documentSelector(): DocumentFilter[] {
  return [
    ...LINTED_LANGUAGES.map((language) => ({ scheme: 'file', language })),
    { scheme: 'file', pattern: INF_FILE_PATTERN },
    { scheme: 'file', pattern: BUILD_FILE_PATTERN },
  ];
}
