/**
 * Compiling C with Debian's mingw-w64 against real Windows headers (`-fsyntax-only`). Tests that
 * need it skip, saying so, where it is not installed; .ci/run installs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';

const GCC = 'x86_64-w64-mingw32-gcc';

export function hasMingw(): boolean {
  const found = spawnSync(GCC, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!found) console.warn(`SKIPPED: ${GCC} is not installed (apt-get install mingw-w64); compile checks skipped`);
  return found;
}

/** Returns the compiler's diagnostics (errors only), '' when the file compiles. */
export function mingwSyntaxCheck(file: string): string {
  try {
    execFileSync(GCC, ['-fsyntax-only', '-Wno-unknown-pragmas', '-x', 'c', file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}
