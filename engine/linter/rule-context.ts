/**
 * Builds the `context` a rule's create() receives, and turns its reports into LintMessages
 * right away (fixes computed while linting, so nothing holds on to the tree afterwards).
 */
import type { SourceCode } from './source-code.js';
import { type FixFiles, mergeFixes, ruleFixer } from './fixer.js';
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
      sink(toMessage(run, filePath, sourceCode, services, descriptor));
    },
  };
}

function toMessage(run: RuleRun, filePath: string, sourceCode: SourceCode, services: RuleServices, d: ReportDescriptor<string>): LintMessage {
  const { meta } = run.rule;
  const templateOf = (messageId: string) => {
    const template = meta.messages[messageId];
    if (template === undefined) throw new Error(`rule ${run.id} has no message "${messageId}"`);
    return template;
  };
  const text = interpolate(templateOf(d.messageId), d.data);
  const range = reportRange(sourceCode, d);
  const start = sourceCode.getLocFromIndex(range[0]);
  const end = sourceCode.getLocFromIndex(range[1]);
  const message: LintMessage = {
    ruleId: run.id,
    severity: run.severity,
    message: text,
    messageId: d.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    range,
  };
  const files = fixFilesOf(filePath, services);
  const suggestions: NonNullable<LintMessage['suggestions']> = [];
  if (d.fix) {
    if (meta.fixable !== 'code') throw new Error(`rule ${run.id} reports a fix but meta.fixable is not set`);
    const fix = mergeFixes(d.fix(ruleFixer), sourceCode.text, files);
    const desc = d.fixMessageId === undefined ? undefined : interpolate(templateOf(d.fixMessageId), d.fixData ?? d.data);
    if (fix && desc !== undefined) fix.desc = desc;
    // a fix that edits a file the lint does not report (only read for the model) cannot be applied
    // by --fix with that file's own results: it is offered as a suggestion, so `fixable` stays true
    if (fix && fix.otherFiles?.some((f) => !services.files?.isEditable(f.filePath))) {
      suggestions.push({ desc: desc ?? text, ...(d.fixMessageId !== undefined ? { messageId: d.fixMessageId } : {}), fix });
    } else if (fix) message.fix = fix;
  }
  if (d.suggest && d.suggest.length > 0) {
    if (!meta.hasSuggestions) throw new Error(`rule ${run.id} suggests fixes but meta.hasSuggestions is not set`);
    for (const s of d.suggest) {
      const fix = mergeFixes(s.fix(ruleFixer), sourceCode.text, files);
      if (!fix) continue;
      const template = s.messageId ? templateOf(s.messageId) : s.desc;
      if (template === undefined) throw new Error(`rule ${run.id} has a suggestion without messageId or desc`);
      suggestions.push({ desc: interpolate(template, s.data ?? d.data), messageId: s.messageId, fix });
    }
  }
  if (suggestions.length > 0) message.suggestions = suggestions;
  if (d.related && d.related.length > 0) message.related = d.related;
  return message;
}

/** The module's other files for mergeFixes: their texts while the module is linted. */
function fixFilesOf(filePath: string, services: RuleServices): FixFiles {
  return { filePath, textOf: (path) => services.files?.sourceCodeOf(path)?.text };
}

function reportRange(sourceCode: SourceCode, d: ReportDescriptor<string>): OffsetRange {
  if (d.node) return [d.node.startIndex, d.node.endIndex];
  const loc = d.loc;
  if (Array.isArray(loc)) return loc as OffsetRange;
  const l = loc as SourceLocation;
  return [sourceCode.getIndexFromLoc(l.start), sourceCode.getIndexFromLoc(l.end)];
}
