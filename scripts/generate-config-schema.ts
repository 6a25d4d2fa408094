/**
 * Writes schema/coinstaller-lint.schema.json from the built-in rules.
 * Run after adding or changing a rule: `node --import tsx scripts/generate-config-schema.ts`
 * (test/config/config-schema.test.ts fails until the file is up to date).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../rules/index.js';
import { buildConfigSchema, CONFIG_SCHEMA_PATH, serializeConfigSchema } from '../engine/index.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const target = resolve(root, CONFIG_SCHEMA_PATH);
writeFileSync(target, serializeConfigSchema(buildConfigSchema(builtinRules)));
process.stdout.write(`wrote ${CONFIG_SCHEMA_PATH} (${builtinRules.size} rules)\n`);
