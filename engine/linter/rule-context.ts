/**
 * Builds the `context` a rule's create() receives, and turns its reports into LintMessages
 * right away (fixes computed while linting, so nothing holds on to the tree afterwards).
 */
import type { SourceCode } from './source-code.js';
import { ruleFixer, mergeFixes } from './fixer.js';
import { interpolate } from './interpolate.js';
import type {
  LintMessage,
  OffsetRange,
  ReportDescriptor,
  RuleContext,
  RuleModule,
  RuleServices,
  Severity,
  SharedSettings,
  SourceLocation,
} from './types.js';

export interface RuleRun {
  id: string;
  rule: RuleModule;
  severity: Exclude<Severity, 0>;
  options: unknown[];
}

export function createRuleContext(
  run: RuleRun,
  filePath: string,
  sourceCode: SourceCode,
  settings: SharedSettings,
  services: RuleServices,
  sink: (message: LintMessage) => void,
): RuleContext {
  return {
    id: run.id,
    filePath,
    sourceCode,
    options: run.options,
    settings,
    services,
    report(descriptor) {
      sink(toMessage(run, sourceCode, descriptor));
    },
  };
}

function toMessage(run: RuleRun, sourceCode: SourceCode, d: ReportDescriptor<string>): LintMessage {
  const { meta } = run.rule;
  const template = meta.messages[d.messageId];
  if (template === undefined) throw new Error(`rule ${run.id} has no message "${d.messageId}"`);
  const range = reportRange(sourceCode, d);
  const start = sourceCode.getLocFromIndex(range[0]);
  const end = sourceCode.getLocFromIndex(range[1]);
  const message: LintMessage = {
    ruleId: run.id,
    severity: run.severity,
    message: interpolate(template, d.data),
    messageId: d.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    range,
  };
  if (d.fix) {
    if (meta.fixable !== 'code') throw new Error(`rule ${run.id} reports a fix but meta.fixable is not set`);
    const fix = mergeFixes(d.fix(ruleFixer), sourceCode.text);
    if (fix) message.fix = fix;
  }
  if (d.suggest && d.suggest.length > 0) {
    if (!meta.hasSuggestions) throw new Error(`rule ${run.id} suggests fixes but meta.hasSuggestions is not set`);
    const suggestions: NonNullable<LintMessage['suggestions']> = [];
    for (const s of d.suggest) {
      const fix = mergeFixes(s.fix(ruleFixer), sourceCode.text);
      if (!fix) continue;
      const template = s.messageId ? meta.messages[s.messageId] : s.desc;
      if (template === undefined) throw new Error(`rule ${run.id} has no message "${s.messageId}"`);
      suggestions.push({ desc: interpolate(template, s.data ?? d.data), messageId: s.messageId, fix });
    }
    if (suggestions.length > 0) message.suggestions = suggestions;
  }
  if (d.related && d.related.length > 0) message.related = d.related;
  return message;
}

function reportRange(sourceCode: SourceCode, d: ReportDescriptor<string>): OffsetRange {
  if (d.node) return [d.node.startIndex, d.node.endIndex];
  const loc = d.loc;
  if (Array.isArray(loc)) return loc as OffsetRange;
  const l = loc as SourceLocation;
  return [sourceCode.getIndexFromLoc(l.start), sourceCode.getIndexFromLoc(l.end)];
}
