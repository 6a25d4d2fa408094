/**
 * Whether a config's `ignores` exclude a path. Patterns are picomatch globs relative to the
 * config file's folder, read like .gitignore lines:
 * - a pattern without a slash matches a name at any depth ("*.gen.c", "generated");
 * - a pattern with a slash is anchored at the config's folder ("third_party/**", "src/old.c");
 * - a pattern that matches a folder ignores everything inside it ("build", "build/");
 * - "!pattern" takes a path back; the last pattern that matches decides.
 * Paths outside the config's folder are never ignored by it. Dot files match like any other.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from './resolved-config.js';

export function isIgnored(config: ResolvedConfig, filePath: string): boolean {
  return ignoreMatcher(config)(filePath);
}

/** isIgnored for one config with its patterns compiled once (for walking many files). */
export function ignoreMatcher(config: ResolvedConfig): (filePath: string) => boolean {
  if (config.filePath === null || config.ignores.length === 0) return () => false;
  const base = dirname(config.filePath);
  const matches = patternMatcher(config.ignores);
  return (filePath) => {
    const rel = relative(base, resolve(base, filePath));
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
    return matches(rel.split(sep).join('/'));
  };
}

/** `relPath` uses forward slashes and is relative to the patterns' folder. */
export function ignoredByPatterns(patterns: readonly string[], relPath: string): boolean {
  return patternMatcher(patterns)(relPath);
}

function patternMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const compiled = patterns.flatMap((raw) => {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\.\//, '').replace(/\/+$/, '');
    if (pattern === '') return [];
    return [{ negated, matches: picomatch(pattern, { dot: true, basename: !pattern.includes('/') }) }];
  });
  return (relPath) => {
    const parts = relPath.split('/').filter((p) => p !== '');
    // The path itself and every folder above it.
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const { negated, matches } of compiled) {
      if (candidates.some((c) => matches(c))) ignored = !negated;
    }
    return ignored;
  };
}
