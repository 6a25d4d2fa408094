/**
 * What must hold for any input, however broken: the checks the fuzz test and scripts/fuzz.ts
 * run on every lint. Each returns a list of problems (empty when all is well), worded so that a
 * failure says what was wrong and where.
 */
import { builtinRules } from '../../rules/index.js';
import { presetRules } from '../../engine/config/presets.js';
import { defaultSettings, type ResolvedConfig } from '../../engine/config/resolved-config.js';
import { Linter, type FileLintResult, type ModuleFileInput } from '../../engine/linter/linter.js';
import type { Fix, LintMessage, OffsetRange } from '../../engine/linter/types.js';
import { installerModelProvider } from '../../engine/model/index.js';
import type { CppParser } from '../../engine/parsing/cpp-parser.js';
import { blankWindowsMacros } from '../../engine/parsing/macro-blanking.js';
import { LineIndex } from '../../engine/text/line-index.js';

/** Every built-in rule at its default level ("all"), so that every rule sees every input. */
export function allRulesConfig(): ResolvedConfig {
  return {
    filePath: null,
    rules: presetRules('all', builtinRules),
    settings: defaultSettings(),
    ignores: [],
    reportUnusedDisableDirectives: 1,
  };
}

/** The real linter: all built-in rules and the real installer model. */
export function realLinter(parser: CppParser, onRuleError?: (ruleId: string, filePath: string, error: unknown) => void): Linter {
  return new Linter({ rules: builtinRules, parser, serviceProviders: [installerModelProvider], onRuleError });
}

/** A 1-based line/column is the one `offset` maps to. */
function positionProblems(what: string, lines: LineIndex, offset: number, line: number, column: number): string[] {
  const p = lines.positionAt(offset);
  if (p.line + 1 !== line || p.character + 1 !== column) {
    return [`${what}: ${line}:${column} is not where offset ${offset} is (${p.line + 1}:${p.character + 1})`];
  }
  return [];
}

function rangeProblems(what: string, range: OffsetRange | undefined, length: number): string[] {
  if (!Array.isArray(range) || range.length !== 2) return [`${what}: no range`];
  const [start, end] = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
    return [`${what}: range [${start}, ${end}] is not inside a text of ${length} characters`];
  }
  return [];
}

/** A line/column is a real position: the line exists and the column is within it (or just past its end). */
function lineColumnProblems(what: string, lines: LineIndex, line: number, column: number): string[] {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1 || line > lines.lineCount) {
    return [`${what}: ${line}:${column} is outside a text of ${lines.lineCount} lines`];
  }
  const width = lines.contentEnd(line - 1) - lines.lineStarts[line - 1];
  // An end position may sit after the line's content (on its terminator); never beyond the next line start.
  const next = line < lines.lineCount ? lines.lineStarts[line] : lines.text.length;
  if (column - 1 > Math.max(width, next - lines.lineStarts[line - 1])) return [`${what}: column ${column} is past the end of line ${line}`];
  return [];
}

function fixProblems(what: string, fix: Fix, text: string): string[] {
  const out = rangeProblems(what, fix.range, text.length);
  if (typeof fix.text !== 'string') out.push(`${what}: the replacement is not a string`);
  // A fix must not cut a surrogate pair or a CRLF in two.
  if (out.length === 0) {
    for (const at of new Set(fix.range)) {
      const before = text.charCodeAt(at - 1);
      const after = text.charCodeAt(at);
      if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) out.push(`${what}: splits a surrogate pair at ${at}`);
      if (before === 13 && after === 10) out.push(`${what}: splits a CRLF at ${at}`);
    }
  }
  return out;
}

/** Every invariant of one file's messages against the file's text and the module's texts. */
export function messageProblems(filePath: string, messages: readonly LintMessage[], texts: ReadonlyMap<string, string>): string[] {
  const text = texts.get(filePath)!;
  const lines = new LineIndex(text);
  const out: string[] = [];
  messages.forEach((m, i) => {
    const what = `${filePath} message ${i} (${m.ruleId ?? 'core'}: ${m.message.slice(0, 80)})`;
    if (m.message.startsWith('Internal error in rule')) out.push(`${what}: a rule crashed`);
    out.push(...rangeProblems(what, m.range, text.length));
    out.push(...lineColumnProblems(`${what} start`, lines, m.line, m.column));
    out.push(...lineColumnProblems(`${what} end`, lines, m.endLine, m.endColumn));
    if (out.length === 0) {
      out.push(...positionProblems(`${what} start`, lines, m.range[0], m.line, m.column));
      out.push(...positionProblems(`${what} end`, lines, m.range[1], m.endLine, m.endColumn));
    }
    if (m.fix) out.push(...fixProblems(`${what} fix`, m.fix, text));
    m.suggestions?.forEach((s, j) => out.push(...fixProblems(`${what} suggestion ${j}`, s.fix, text)));
    m.related?.forEach((r, j) => {
      const rw = `${what} related ${j} in ${r.filePath}`;
      const other = texts.get(r.filePath);
      if (other === undefined) {
        out.push(`${rw}: not a file of the module`);
        return;
      }
      const otherLines = new LineIndex(other);
      out.push(...lineColumnProblems(`${rw} start`, otherLines, r.line, r.column));
      out.push(...lineColumnProblems(`${rw} end`, otherLines, r.endLine, r.endColumn));
      if (r.range) {
        const bad = rangeProblems(rw, r.range, other.length);
        out.push(...bad);
        if (bad.length === 0) {
          out.push(...positionProblems(`${rw} start`, otherLines, r.range[0], r.line, r.column));
          out.push(...positionProblems(`${rw} end`, otherLines, r.range[1], r.endLine, r.endColumn));
        }
      }
    });
  });
  return out;
}

/** What a lint gives, made comparable (JSON without undefined). */
export function canonical(results: readonly FileLintResult[]): string {
  return JSON.stringify(results);
}

export interface ModuleCheck {
  problems: string[];
  results: FileLintResult[] | null;
}

/**
 * Lints a module twice through the real linter and checks every invariant: no throw, no rule
 * crash, positions inside the documents and consistent with their offsets, fixes inside and
 * whole, the same output both times, macro blanking keeping every offset.
 */
export function checkModule(linter: Linter, inputs: readonly ModuleFileInput[], config = allRulesConfig()): ModuleCheck {
  const problems: string[] = [];
  const texts = new Map(inputs.map((i) => [i.filePath, i.text]));
  for (const input of inputs) {
    const blanked = blankWindowsMacros(input.text);
    if (blanked.length !== input.text.length) problems.push(`${input.filePath}: macro blanking changed the length (${input.text.length} -> ${blanked.length})`);
  }
  let first: FileLintResult[];
  try {
    first = linter.lintModule(inputs, () => config);
  } catch (error) {
    problems.push(`the linter threw: ${(error as Error)?.stack ?? String(error)}`);
    return { problems, results: null };
  }
  for (const r of first) problems.push(...messageProblems(r.filePath, r.messages, texts));
  let second: FileLintResult[];
  try {
    second = linter.lintModule(inputs, () => config);
  } catch (error) {
    problems.push(`the linter threw on the second run: ${(error as Error)?.stack ?? String(error)}`);
    return { problems, results: first };
  }
  if (canonical(first) !== canonical(second)) problems.push('two lints of the same input gave different results');
  return { problems, results: first };
}
