/**
 * Where rule documentation lives: docs/rules/<id>.md in the package. The URL is a file: URL to
 * the installed page, so links work offline, in the editor and in SARIF reports alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'rules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The package's root folder (holding package.json and docs/). Computed once; it never changes. */
export const PACKAGE_ROOT = findPackageRoot();

export function ruleDocPath(ruleId: string): string {
  return join(PACKAGE_ROOT, 'docs', 'rules', `${ruleId}.md`);
}

export function ruleDocUrl(ruleId: string): string {
  return pathToFileURL(ruleDocPath(ruleId)).href;
}

/** The markdown of a rule's page, or undefined when it cannot be read. */
export function readRuleDoc(ruleId: string): string | undefined {
  try {
    return readFileSync(ruleDocPath(ruleId), 'utf8');
  } catch {
    return undefined;
  }
}
