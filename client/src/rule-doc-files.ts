/**
 * The rule documentation shipped inside the extension (docs/rules/<rule-id>.md), for the
 * "Open Rule Documentation" command. Reads the folder; no vscode API.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface RuleDocFile {
  ruleId: string;
  path: string;
}

/** The rule pages in `docsFolder`, by rule id; empty when the folder cannot be read. */
export function listRuleDocs(docsFolder: string): RuleDocFile[] {
  let names: string[];
  try {
    names = readdirSync(docsFolder);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.md'))
    .map((n) => ({ ruleId: n.slice(0, -'.md'.length), path: join(docsFolder, n) }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

/** The rule id a diagnostic's `code` carries (a string, or `{ value, target }` with a doc link). */
export function ruleIdOfCode(code: unknown): string | undefined {
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object' && typeof (code as { value?: unknown }).value === 'string') {
    return (code as { value: string }).value;
  }
  return undefined;
}
