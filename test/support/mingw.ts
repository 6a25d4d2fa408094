/**
 * Compiling C and C++ with Debian's mingw-w64 against real Windows headers (`-fsyntax-only`).
 * Tests that need it skip, saying so, where it is not installed; .ci/run installs it.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';

const GCC = 'x86_64-w64-mingw32-gcc';
const GXX = 'x86_64-w64-mingw32-g++';

/** The language a file is compiled as: `c` with gcc, `c++` with g++ (`-x` forces it whatever the name). */
export type MingwLanguage = 'c' | 'c++';

function commandFor(language: MingwLanguage, file: string): [string, string[]] {
  return [language === 'c++' ? GXX : GCC, ['-fsyntax-only', '-Wno-unknown-pragmas', '-x', language, file]];
}

const found = new Map<string, boolean>();

/** True when the compilers are installed (gcc; g++ too with `language` 'c++'); warns once per compiler when not. */
export function hasMingw(language: MingwLanguage = 'c'): boolean {
  const compilers = language === 'c++' ? [GCC, GXX] : [GCC];
  return compilers.every((compiler) => {
    let ok = found.get(compiler);
    if (ok === undefined) {
      ok = spawnSync(compiler, ['--version'], { stdio: 'ignore' }).status === 0;
      found.set(compiler, ok);
      if (!ok) console.warn(`SKIPPED: ${compiler} is not installed (apt-get install mingw-w64); compile checks skipped`);
    }
    return ok;
  });
}

/** Returns the compiler's diagnostics (errors only), '' when the file compiles (as C unless `language` says C++). */
export function mingwSyntaxCheck(file: string, language: MingwLanguage = 'c'): string {
  const [compiler, args] = commandFor(language, file);
  try {
    execFileSync(compiler, args, { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

/** At most this many compilers run at once for mingwSyntaxCheckAsync (the machine's cores are shared). */
const POOL_SIZE = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** mingwSyntaxCheck in a child process that does not block the caller, at most POOL_SIZE at once. */
export async function mingwSyntaxCheckAsync(file: string, language: MingwLanguage = 'c'): Promise<string> {
  if (running >= POOL_SIZE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const [compiler, args] = commandFor(language, file);
    return await new Promise<string>((resolve) => {
      execFile(compiler, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => resolve(error ? stderr || error.message : ''));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}
