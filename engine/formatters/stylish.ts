/**
 * The stylish format, for people, after ESLint's: per file, its path (relative to the working
 * directory) and a table of `line:column  severity  message  rule-id`, aligned; then the totals.
 * Unlike ESLint, the call chain of a finding (its related locations) follows the finding, indented:
 * `    ↳ path:line:column label`, since the chain is what makes our findings actionable. Also unlike
 * ESLint, a fatal message of severity 1 (a skipped binary file) reads "warning", as it is counted.
 * Suggestions (changes --fix does not apply: the editor's quick fixes, `suggestions` in
 * --format json) are counted, as ESLint counts fixable problems: a line under each file's table
 * ("2 problems have suggestions") and one after the totals.
 * Nothing at all is printed when there are no problems.
 */
import type { LintMessage, LintResult } from '../linter/types.js';
import { palette, type Palette } from './ansi.js';
import { displayPath } from './paths.js';
import type { Formatter } from './types.js';

interface Row {
  position: { line: string; column: string };
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
  related: { where: string; label: string }[];
}

export const formatStylish: Formatter = (results, context) => {
  const c = palette(context.color);
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  let suggested = 0;
  let output = '\n';
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
    if (result.messages.length === 0) continue;
    output += `${c.underline(displayPath(result.filePath, context.cwd))}\n`;
    output += `${table(result, context.cwd, c)}\n`;
    const withSuggestions = result.messages.filter((m) => (m.suggestions?.length ?? 0) > 0).length;
    if (withSuggestions > 0) output += `  ${c.dim(haveSuggestions(withSuggestions))}\n`;
    output += '\n';
    suggested += withSuggestions;
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = errors > 0 ? (t: string) => c.red(c.bold(t)) : (t: string) => c.yellow(c.bold(t));
  output += summary(`\u2716 ${total} ${plural('problem', total)} (${errors} ${plural('error', errors)}, ${warnings} ${plural('warning', warnings)})`);
  output += '\n';
  if (fixableErrors > 0 || fixableWarnings > 0) {
    output += summary(
      `  ${fixableErrors} ${plural('error', fixableErrors)} and ${fixableWarnings} ${plural('warning', fixableWarnings)} potentially fixable with the --fix option.`,
    );
    output += '\n';
  }
  if (suggested > 0) output += summary(`  ${haveSuggestions(suggested)}: see --format json, or the editor's quick fixes.`) + '\n';
  return output;
};

function haveSuggestions(count: number): string {
  return count === 1 ? '1 problem has suggestions' : `${count} problems have suggestions`;
}

function table(result: LintResult, cwd: string, c: Palette): string {
  const rows = result.messages.map((m) => toRow(m, cwd));
  const widest = (pick: (r: Row) => string) => rows.reduce((w, r) => Math.max(w, pick(r).length), 0);
  const width = {
    line: widest((r) => r.position.line),
    column: widest((r) => r.position.column),
    severity: widest((r) => r.severity),
    message: widest((r) => r.message),
  };
  const lines: string[] = [];
  for (const row of rows) {
    // As in ESLint, the line is right-aligned, the column left-aligned, and only the digits are dimmed.
    const linePad = ' '.repeat(width.line - row.position.line.length);
    const position = `${row.position.line}:${row.position.column}`;
    const positionPad = ' '.repeat(width.column - row.position.column.length);
    const severity = row.severity === 'error' ? c.red(row.severity) : c.yellow(row.severity);
    const severityPad = ' '.repeat(width.severity - row.severity.length);
    const messagePad = ' '.repeat(width.message - row.message.length);
    const line = row.ruleId
      ? `  ${linePad}${c.dim(position)}${positionPad}  ${severity}${severityPad}  ${row.message}${messagePad}  ${c.dim(row.ruleId)}`
      : `  ${linePad}${c.dim(position)}${positionPad}  ${severity}${severityPad}  ${row.message}`;
    lines.push(line.replace(/\s+$/u, ''));
    for (const step of row.related) lines.push(`    ${c.dim(`\u21b3 ${step.where}`)}${step.label ? ` ${step.label}` : ''}`);
  }
  return lines.join('\n');
}

function toRow(m: LintMessage, cwd: string): Row {
  return {
    position: { line: String(m.line || 0), column: String(m.column || 0) },
    severity: m.severity === 2 ? 'error' : 'warning',
    // As ESLint does: drop the final period of the message ("foo." -> "foo").
    message: m.message.replace(/([^ ])\.$/u, '$1'),
    ruleId: m.ruleId ?? '',
    related: (m.related ?? []).map((r) => ({ where: `${displayPath(r.filePath, cwd)}:${r.line}:${r.column}`, label: r.message })),
  };
}

function plural(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}
