/**
 * The JSON Schema (draft-07) of coinstaller-lint.json, built from the rules so that it cannot
 * drift from them: scripts/generate-config-schema.ts writes it to schema/coinstaller-lint.schema.json,
 * and a test checks the file equals what this builds. Editors use it for completion and checks;
 * the loader (config-validation.ts) is what actually enforces the format, with better messages.
 */
import type { RuleModule } from '../linter/types.js';
import { CONFIGURATION_NAME, DEFINE_ENTRY, LEVEL_NAMES, LIST_SETTINGS, TARGETS } from './config-validation.js';
import { PRESET_NAMES } from './presets.js';

export const CONFIG_SCHEMA_PATH = 'schema/coinstaller-lint.schema.json';

type Schema = Record<string, unknown>;

export function buildConfigSchema(rules: ReadonlyMap<string, RuleModule>): Schema {
  const ids = [...rules.keys()].sort();
  const ruleProperties: Record<string, Schema> = {};
  for (const id of ids) ruleProperties[id] = ruleEntrySchema(rules.get(id)!);

  const settingsProperties: Record<string, Schema> = {};
  const listDescriptions: Record<(typeof LIST_SETTINGS)[number], string> = {
    uiApis: 'Extra functions that show a user interface (guideline: displaying a user interface).',
    processApis: 'Extra functions that start processes (guideline: starting other processes or services).',
    libraryLoadApis: 'Extra functions that load DLLs (guideline: loading executable or DLL files).',
    entryPoints:
      'Extra names of installer entry points (besides CoDeviceInstall, ClassInstall and what the .def, INF and prototypes show). They apply to the functions of the files this configuration governs: a subfolder with its own coinstaller-lint.json names its own.',
    interactiveFunctions: 'Extra functions known to run in an interactive context.',
  };
  for (const key of LIST_SETTINGS) {
    settingsProperties[key] = {
      description: listDescriptions[key],
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_~][A-Za-z0-9_]*)*$' },
    };
  }
  settingsProperties.target = {
    description: 'The kind of driver package: decides how the INF rule treats co-installer sections.',
    enum: [...TARGETS],
    default: 'windows-driver',
  };
  settingsProperties.configuration = {
    description:
      'The build configuration, "Configuration|Platform" such as "Release|x64": #if, #ifdef, #ifndef and #elif are evaluated with the defines of that configuration of the project (.vcxproj, sources, compile_commands.json) that compiles each file, the compiler\'s macros for the platform (_WIN32; _WIN64 and _M_X64 for x64, _M_IX86 for Win32, _M_ARM64 for ARM64) and settings.defines; a branch known false is not linted. A condition that cannot be evaluated (a macro whose value is not known) leaves its branches live. Unset: every branch is live but #if 0.',
    type: 'string',
    pattern: CONFIGURATION_NAME.source,
  };
  settingsProperties.defines = {
    description:
      'Defines, "NAME" or "NAME=VALUE", that #if and #ifdef are evaluated with, added to those of settings.configuration; for a team without build files, setting this (even to []) evaluates the conditions: a name neither defined here nor by a file of the module is taken as undefined (but names the Windows headers and the build tool may define, such as _DEBUG, DBG, UNICODE).',
    type: 'array',
    items: { type: 'string', pattern: DEFINE_ENTRY.source },
  };

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'coinstaller-lint configuration',
    description:
      'coinstaller-lint.json: JSON with comments; trailing commas are allowed. The nearest file found upward from a linted file applies.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The URL or path of this schema, for editors.' },
      extends: {
        description: 'The built-in preset the rules start from (default "recommended"). A config cannot extend files or packages.',
        enum: [...PRESET_NAMES],
        default: 'recommended',
      },
      rules: {
        description: 'Rule levels and options, by rule id.',
        type: 'object',
        propertyNames: { enum: ids },
        properties: ruleProperties,
        additionalProperties: false,
      },
      ignores: {
        description:
          'Globs relative to this file\'s folder, read like .gitignore lines: no slash matches at any depth, a matched folder ignores its contents, "!" takes a path back.',
        type: 'array',
        items: { type: 'string', minLength: 1, not: { pattern: '^!?(/|[A-Za-z]:|(.*/)?\\.\\.(/|$))|\\\\' } },
      },
      settings: {
        description: 'Settings shared by every rule.',
        type: 'object',
        additionalProperties: false,
        properties: settingsProperties,
      },
      reportUnusedDisableDirectives: {
        description: 'How to report coinstaller-lint-disable comments that disable nothing (default "warn").',
        $ref: '#/definitions/level',
      },
    },
    definitions: {
      level: {
        description: '"off" or 0, "warn" or 1, "error" or 2.',
        enum: [...LEVEL_NAMES, 0, 1, 2],
      },
    },
  };
}

function ruleEntrySchema(rule: RuleModule): Schema {
  // No URL: the docs URL names a path on the machine that built it, and the schema is checked in.
  const description = `${rule.meta.docs.description} (guideline: ${rule.meta.docs.guideline}; ${rule.meta.docs.recommended ? 'recommended' : 'not recommended'})`;
  const schema = rule.meta.schema;
  let withOptions: Schema;
  if (Array.isArray(schema)) {
    withOptions =
      schema.length === 0
        ? { type: 'array', items: [{ $ref: '#/definitions/level' }], minItems: 1, additionalItems: false }
        : { type: 'array', items: [{ $ref: '#/definitions/level' }, ...(schema as Schema[])], minItems: 1, additionalItems: false };
  } else {
    // One schema for the whole options array: the level cannot be told apart in draft-07, so only its place is checked.
    withOptions = { type: 'array', items: [{ $ref: '#/definitions/level' }], minItems: 1 };
  }
  return { description, oneOf: [{ $ref: '#/definitions/level' }, withOptions] };
}

/** The file's exact text: two-space JSON and a final newline. */
export function serializeConfigSchema(schema: Schema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
