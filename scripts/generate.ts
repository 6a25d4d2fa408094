/**
 * `npm run generate`: rewrites everything generated from the rule files rules/*.ts and their meta
 * (docs/contributing.md):
 *
 * - rules/index.ts, the registration of the built-in rules (scripts/rule-index.ts; order:
 *   scripts/rule-files.ts);
 * - the rule table of README.md, between its rule-table markers (scripts/rule-table.ts);
 * - schema/coinstaller-lint.schema.json (scripts/generate-config-schema.ts);
 * - the Type line of each docs/rules/<id>.md, and a skeleton page for a rule that has none
 *   (scripts/rule-page.ts).
 *
 * `npm run generate -- --check` writes nothing, lists the stale files and exits 1 when there are
 * any; test/docs/generated.test.ts runs the same check.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_PATH, configSchemaText } from './generate-config-schema.js';
import { loadRules } from './rule-files.js';
import { RULE_INDEX_PATH, ruleIndexText } from './rule-index.js';
import { pageSkeleton, withPageMeta } from './rule-page.js';
import { withRuleTable } from './rule-table.js';

/** A generated file: its path from the repository root and the text it must hold. */
export interface Artifact {
  path: string;
  text: string;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Every generated file of the repository at `root`, as the rule files there say it must read. */
export async function generatedArtifacts(root: string): Promise<Artifact[]> {
  const rules = await loadRules(join(root, 'rules'));
  const artifacts: Artifact[] = [
    { path: RULE_INDEX_PATH, text: ruleIndexText([...rules.keys()]) },
    { path: 'README.md', text: withRuleTable(readFileSync(join(root, 'README.md'), 'utf8'), rules) },
    { path: CONFIG_SCHEMA_PATH, text: configSchemaText(rules) },
  ];
  for (const [id, rule] of rules) {
    const path = `docs/rules/${id}.md`;
    const page = readIfExists(join(root, path));
    artifacts.push({ path, text: page === undefined ? pageSkeleton(id, rule) : withPageMeta(page, id, rule) });
  }
  return artifacts;
}

/** The paths of the artifacts whose file is missing or differs. */
export function staleArtifacts(root: string, artifacts: readonly Artifact[]): string[] {
  return artifacts.filter((a) => readIfExists(join(root, a.path)) !== a.text).map((a) => a.path);
}

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`usage: npm run generate [-- --check] (unknown: ${unknown.join(' ')})\n`);
    return 2;
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const artifacts = await generatedArtifacts(root);
  const stale = staleArtifacts(root, artifacts);
  if (args.includes('--check')) {
    if (stale.length === 0) {
      process.stdout.write(`generated files are up to date (${artifacts.length} files)\n`);
      return 0;
    }
    process.stderr.write(`out of date (run npm run generate):\n${stale.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }
  for (const artifact of artifacts.filter((a) => stale.includes(a.path))) {
    const file = join(root, artifact.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, artifact.text);
    process.stdout.write(`wrote ${artifact.path}\n`);
  }
  process.stdout.write(stale.length === 0 ? `nothing to do: generated files are up to date (${artifacts.length} files)\n` : '');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`npm run generate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  });
}
