/**
 * Checks a rule's options against its meta.schema with ajv, and merges them over the rule's
 * defaultOptions. meta.schema is either an array with one schema per option (ESLint's usual form)
 * or one schema for the whole options array.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { RuleModule } from '../linter/types.js';
import { didYouMean } from './did-you-mean.js';

export interface OptionsProblem {
  /** Index of the offending option (0 = the first option after the level) and the path inside it. */
  path: (string | number)[];
  problem: string;
  expected?: string;
}

/** Compiles each rule's schema once; one per resolver (no shared mutable state between them). */
export class RuleOptionsValidator {
  /** Created on first use: most configs give no options, and an Ajv instance costs milliseconds. */
  private ajv: Ajv | undefined;
  private readonly compiled = new Map<RuleModule, ValidateFunction>();

  /** The first problem with these options, or undefined when they are valid. */
  check(ruleId: string, rule: RuleModule, options: unknown[]): OptionsProblem | undefined {
    const schema = rule.meta.schema;
    if (Array.isArray(schema) && schema.length === 0 && options.length > 0) {
      return { path: [0], problem: `rule ${ruleId} takes no options`, expected: `just a level, such as "error"` };
    }
    const validate = this.validatorFor(ruleId, rule);
    if (validate(options)) return undefined;
    return describeAjvError(validate.errors?.[0], options);
  }

  private validatorFor(ruleId: string, rule: RuleModule): ValidateFunction {
    let v = this.compiled.get(rule);
    if (!v) {
      const schema = rule.meta.schema;
      const arraySchema = !Array.isArray(schema)
        ? schema
        : schema.length === 0
          ? { type: 'array', maxItems: 0 }
          : { type: 'array', items: schema, minItems: 0, maxItems: schema.length };
      try {
        this.ajv ??= new Ajv({ allErrors: false, strict: false, verbose: true });
        v = this.ajv.compile(arraySchema);
      } catch (error) {
        throw new Error(`rule ${ruleId} has an invalid options schema: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.compiled.set(rule, v);
    }
    return v;
  }
}

/** ESLint's merge: an option that is an object is merged over the default object, others replace it. */
export function mergeOptions(defaults: readonly unknown[], given: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < Math.max(defaults.length, given.length); i++) {
    const d = defaults[i];
    const g = given[i];
    if (isPlainObject(d) && isPlainObject(g)) out.push({ ...structuredClone(d), ...structuredClone(g) });
    else out.push(structuredClone(g === undefined ? d : g));
  }
  return out;
}

function describeAjvError(error: ErrorObject | undefined, options: unknown[]): OptionsProblem {
  if (!error) return { path: [], problem: 'invalid options' };
  const path: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const value = valueAt(options, path);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return { path, problem: `expected ${article(String(p.type))}, got ${describeValue(value)}`, expected: String(p.type) };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const words = allowed.map((a) => JSON.stringify(a));
      const hint = typeof value === 'string' ? didYouMean(value, allowed.filter((a): a is string => typeof a === 'string')) : '';
      return { path, problem: `expected one of ${words.join(', ')}, got ${describeValue(value)}${hint}`, expected: `one of ${words.join(', ')}` };
    }
    case 'const':
      return { path, problem: `expected ${JSON.stringify(p.allowedValue)}, got ${describeValue(value)}`, expected: JSON.stringify(p.allowedValue) };
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {});
      return {
        path: [...path, name],
        problem: `unknown option "${name}"${didYouMean(name, known)}`,
        expected: known.length > 0 ? `one of ${known.map((k) => `"${k}"`).join(', ')}` : 'no properties',
      };
    }
    case 'required':
      return { path, problem: `missing required option "${String(p.missingProperty)}"`, expected: `an object with "${String(p.missingProperty)}"` };
    case 'maxItems':
      return path.length === 0
        ? { path: [Number(p.limit)], problem: `too many options: the rule takes at most ${plural(Number(p.limit), 'option')}`, expected: `at most ${plural(Number(p.limit), 'option')}` }
        : { path, problem: `too many items: at most ${plural(Number(p.limit), 'item')} allowed`, expected: `at most ${plural(Number(p.limit), 'item')}` };
    default:
      return { path, problem: `${error.message ?? 'invalid'}, got ${describeValue(value)}` };
  }
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

/** A short description of a JSON value for messages: "yes" (a string), 3, an object, ... */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 37) + '...' : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- strings, null, arrays and objects are handled above: a JSON number or boolean is left
  return String(value);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
