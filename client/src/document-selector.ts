/**
 * The documents the language server checks: C and C++ files, and INF files, on disk. INF files
 * are matched by extension as well as by language id, so they are checked even when another
 * extension gives .inf/.inx a language of its own.
 */
export const LINTED_LANGUAGES = ['c', 'cpp', 'inf'] as const;
export const INF_FILE_PATTERN = '**/*.{inf,inx,INF,INX,Inf,Inx}';

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

export function documentSelector(): DocumentFilter[] {
  return [
    ...LINTED_LANGUAGES.map((language) => ({ scheme: 'file', language })),
    { scheme: 'file', pattern: INF_FILE_PATTERN },
  ];
}
