import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { ConfigError } from '../../engine/config/config-error.js';
import { CONFIG_SCHEMA_PATH, buildConfigSchema, serializeConfigSchema } from '../../engine/config/config-schema.js';
import { parseConfigText } from '../../engine/config/load-config.js';
import { fakeRules } from './fake-rules.js';

const REGENERATE = 'run `npm run generate` to regenerate it';
const shipped = readFileSync(resolve(import.meta.dirname, '../..', CONFIG_SCHEMA_PATH), 'utf8');

describe('schema/coinstaller-lint.schema.json', () => {
  it('lists exactly the built-in rules', () => {
    const schema = JSON.parse(shipped) as { properties: { rules: { properties: Record<string, unknown>; propertyNames: { enum: string[] } } } };
    const ids = [...builtinRules.keys()].sort();
    expect(Object.keys(schema.properties.rules.properties).sort(), `the schema's rule list is out of date: ${REGENERATE}`).toEqual(ids);
    expect(schema.properties.rules.propertyNames.enum).toEqual(ids);
  });

  it('is exactly what the generator writes', () => {
    expect(shipped, `the schema is out of date: ${REGENERATE}`).toBe(serializeConfigSchema(buildConfigSchema(builtinRules)));
  });

  it('names no path of the machine that generated it', () => {
    expect(shipped).not.toMatch(/file:\/\/|\/work\/|\/home\/|[A-Z]:\\\\/);
  });
});

describe('the schema and the loader agree', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(buildConfigSchema(fakeRules()));
  const loads = (text: string) => {
    try {
      parseConfigText(text, '/p/coinstaller-lint.json', fakeRules());
      return true;
    } catch (error) {
      if (error instanceof ConfigError) return false;
      throw error;
    }
  };

  const valid = [
    {},
    { $schema: 'x', extends: 'all', reportUnusedDisableDirectives: 0 },
    { rules: { 'no-ui-call': 'warn', 'style-hint': 2, 'no-exotic': ['error', 'b'] } },
    { rules: { 'no-ui-call': ['off', { strict: true, apis: ['A'] }], 'prefer-finish-install': ['warn'] } },
    { ignores: ['build/**', '!build/keep.c', '*.gen.c', './src/x.c'] },
    { settings: { uiApis: ['ShowIt'], entryPoints: ['Wizard::Run'], target: 'universal' } },
  ];
  const invalid = [
    [],
    { extends: 'base.json' },
    { plugins: [] },
    { rules: { unknown: 'off' } },
    { rules: { 'no-ui-call': 'loud' } },
    { rules: { 'no-ui-call': 3 } },
    { rules: { 'no-ui-call': [] } },
    { rules: { 'no-ui-call': ['warn', { strict: 'yes' }] } },
    { rules: { 'no-ui-call': ['warn', { other: true }] } },
    { rules: { 'no-exotic': ['warn', 'c'] } },
    { rules: { 'style-hint': ['warn', {}] } },
    { ignores: ['/abs'] },
    { ignores: ['../up'] },
    { ignores: ['a/../../up'] },
    { ignores: ['back\\slash'] },
    { ignores: [''] },
    { settings: { uiApis: ['has space'] } },
    { settings: { target: 'desktop' } },
    { settings: { unknown: [] } },
    { reportUnusedDisableDirectives: true },
  ];

  it.each(valid.map((v) => [JSON.stringify(v), v]))('both accept %s', (text, value) => {
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(loads(text)).toBe(true);
  });

  it.each(invalid.map((v) => [JSON.stringify(v), v]))('both refuse %s', (text, value) => {
    expect(validate(value)).toBe(false);
    expect(loads(text)).toBe(false);
  });

  it('is a valid draft-07 schema', () => {
    const strict = new Ajv({ strict: true, strictTuples: false, allowMatchingProperties: true });
    expect(() => strict.compile(JSON.parse(shipped))).not.toThrow();
  });
});
