/**
 * The one error a configuration problem produces: a file that cannot be read, text that is not
 * JSON, or a value the config does not allow. It names the file, the line and column, the key (as
 * a JSON pointer) and what was expected, so the CLI can print it (exit status 2) and the language
 * server can put a diagnostic on `range`.
 */

export interface ConfigErrorDetails {
  /** The config file, or null for settings that came from elsewhere (--rule, editor settings). */
  filePath: string | null;
  /** How the message names the file (for example relative to the working folder); default filePath. */
  displayPath?: string;
  /** JSON pointer of the bad key or value ("/rules/no-dll-load"); "" for the file as a whole. */
  pointer?: string;
  /** What the config allows at that place, in words ("one of \"off\", \"warn\", \"error\""). */
  expected?: string;
  /** Offsets [start, end) of the bad key or value in the file's text. */
  range?: [number, number];
  /** 1-based line and column (UTF-16 code units) of range[0]. */
  line?: number;
  column?: number;
  cause?: unknown;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly filePath: string | null;
  readonly pointer: string;
  readonly expected?: string;
  readonly range?: [number, number];
  readonly line?: number;
  readonly column?: number;
  /** The problem alone, without file, position or key: what an editor shows at `range`. */
  readonly problem: string;

  constructor(problem: string, details: ConfigErrorDetails) {
    super(composeMessage(problem, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.problem = problem;
    this.filePath = details.filePath;
    this.pointer = details.pointer ?? '';
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.range) this.range = details.range;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
  }
}

function composeMessage(problem: string, d: ConfigErrorDetails): string {
  const file = d.displayPath ?? d.filePath;
  let where = '';
  if (file !== null && file !== undefined) {
    where = d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}: ` : `${file}: `;
  }
  const key = d.pointer ? `${pointerToPath(d.pointer)}: ` : '';
  return `${where}${key}${problem}`;
}

/** "/rules/no-dll-load/1/reportDllMain" -> "rules.no-dll-load[1].reportDllMain", as people write keys. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const segment of splitPointer(pointer)) {
    if (/^(0|[1-9]\d*)$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
