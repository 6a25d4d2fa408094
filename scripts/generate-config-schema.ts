/**
 * schema/coinstaller-lint.schema.json, built from the rules' meta (engine/config/config-schema.ts).
 * `npm run generate` (scripts/generate.ts) writes it with everything else generated from the rules;
 * `node --import tsx scripts/generate-config-schema.ts` writes it alone, from rules/index.ts.
 * test/config/config-schema.test.ts and test/docs/generated.test.ts fail until it is up to date.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfigSchema, CONFIG_SCHEMA_PATH, type RuleModule, serializeConfigSchema } from '../engine/index.js';

export { CONFIG_SCHEMA_PATH };

export function configSchemaText(rules: ReadonlyMap<string, RuleModule>): string {
  return serializeConfigSchema(buildConfigSchema(rules));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { builtinRules } = await import('../rules/index.js');
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
  writeFileSync(resolve(root, CONFIG_SCHEMA_PATH), configSchemaText(builtinRules));
  process.stdout.write(`wrote ${CONFIG_SCHEMA_PATH} (${builtinRules.size} rules)\n`);
}
