/**
 * ESLint's JSON result format (what `eslint --format json` prints: JSON.stringify of the results,
 * on one line), so that tools reading ESLint's output read ours:
 *
 *   [{ filePath (absolute), messages: [{ ruleId, severity, message, line, column, messageId?,
 *      endLine, endColumn, fix? { range, text }, suggestions? [{ desc, messageId?, fix }] (ESLint's
 *      SuggestionResult), fatal? }],
 *      suppressedMessages: [], errorCount, fatalErrorCount, warningCount, fixableErrorCount,
 *      fixableWarningCount, output? | source?, usedDeprecatedRules: [] }]
 *
 * `source` is there only when the file has problems and no `output` (as in ESLint); `output` only
 * when fixes were applied. Our internal fields stay out: a message's offsets (`range`) are not
 * written. One extension, not in ESLint's format: `relatedLocations` on a message that has a call
 * chain, [{ filePath (absolute), message, line, column, endLine, endColumn }] in chain order, since
 * the chain is the point of our findings. A second one: a fix (or a suggestion's fix) that also
 * edits other files of the module carries `otherFiles` [{ filePath (absolute), edits: [{ range,
 * text }] }], offsets into those files' texts as linted; its own `range` and `text` are then [0, 0]
 * and '' when it changes only other files. ESLint's `nodeType` is not written (there is no ESTree).
 */
import { resolve } from 'node:path';
import type { Fix, LintMessage, LintResult } from '../linter/types.js';
import type { Formatter } from './types.js';

export interface JsonFix {
  range: [number, number];
  text: string;
  otherFiles?: { filePath: string; edits: { range: [number, number]; text: string }[] }[];
}

export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  messageId?: string;
  endLine: number;
  endColumn: number;
  fix?: JsonFix;
  suggestions?: { desc: string; messageId?: string; fix: JsonFix }[];
  fatal?: true;
  relatedLocations?: { filePath: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
  source?: string;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
}

export const formatJson: Formatter = (results, context) =>
  JSON.stringify(results.map((r) => toJsonResult(r, context.cwd)));

export function toJsonResult(result: LintResult, cwd: string): JsonResult {
  return {
    filePath: resolve(cwd, result.filePath),
    messages: result.messages.map((m) => toJsonMessage(m, cwd)),
    suppressedMessages: [],
    errorCount: result.errorCount,
    fatalErrorCount: result.fatalErrorCount,
    warningCount: result.warningCount,
    fixableErrorCount: result.fixableErrorCount,
    fixableWarningCount: result.fixableWarningCount,
    ...(result.output !== undefined
      ? { output: result.output }
      : result.source !== undefined && result.errorCount + result.warningCount > 0
        ? { source: result.source }
        : {}),
    usedDeprecatedRules: [],
  };
}

function toJsonMessage(m: LintMessage, cwd: string): JsonMessage {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.message,
    line: m.line,
    column: m.column,
    ...(m.messageId !== undefined ? { messageId: m.messageId } : {}),
    endLine: m.endLine,
    endColumn: m.endColumn,
    ...(m.fix ? { fix: toJsonFix(m.fix, cwd) } : {}),
    ...(m.suggestions && m.suggestions.length > 0
      ? {
          suggestions: m.suggestions.map((s) => ({
            desc: s.desc,
            ...(s.messageId !== undefined ? { messageId: s.messageId } : {}),
            fix: toJsonFix(s.fix, cwd),
          })),
        }
      : {}),
    ...(m.fatal ? { fatal: true as const } : {}),
    ...(m.related && m.related.length > 0
      ? {
          relatedLocations: m.related.map((r) => ({
            filePath: resolve(cwd, r.filePath),
            message: r.message,
            line: r.line,
            column: r.column,
            endLine: r.endLine,
            endColumn: r.endColumn,
          })),
        }
      : {}),
  };
}

function toJsonFix(fix: Fix, cwd: string): JsonFix {
  const out: JsonFix = { range: [fix.range[0], fix.range[1]], text: fix.text };
  if (fix.otherFiles && fix.otherFiles.length > 0) {
    out.otherFiles = fix.otherFiles.map((f) => ({
      filePath: resolve(cwd, f.filePath),
      edits: f.edits.map((e) => ({ range: [e.range[0], e.range[1]], text: e.text })),
    }));
  }
  return out;
}
