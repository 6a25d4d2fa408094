/**
 * Engine LintMessages to LSP Diagnostics: code (the rule id), codeDescription (the rule's page),
 * source, severity, relatedInformation (the chain from the entry point) and data (the edits its
 * code actions apply, and the document version they refer to). Pure.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit } from 'vscode-languageserver/node';
import { type LineIndex, type LintMessage, type NoticeSeverity, type RelatedLocation, utf16ToUtf8Column } from '../../engine/index.js';
import { toLspRange, type PositionEncoding } from './positions.js';
import { fixToTextEdits } from './text-edits.js';

export const DIAGNOSTIC_SOURCE = 'coinstaller-lint';

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData {
  /** The document version the edits were computed for (null: the text on disk). */
  version: number | null;
  ruleId: string | null;
  /** The rule's own fix (its edits, applied together). */
  fix?: TextEdit[];
  /** The rule's suggestions. */
  suggestions?: { title: string; edits: TextEdit[] }[];
}

export interface ConversionContext {
  /** The lines of the text the messages refer to. */
  lineIndex: LineIndex;
  encoding: PositionEncoding;
  version: number | null;
  /** The URI of a file path. */
  uriOf(filePath: string): string;
  /** The documentation URL of a rule. */
  docUrl(ruleId: string): string;
  /** Lines of another file (for related locations in UTF-8 mode); undefined when unknown. */
  linesOf?(filePath: string): LineIndex | undefined;
  /** The file the messages belong to. */
  filePath: string;
}

export function toDiagnostic(message: LintMessage, ctx: ConversionContext): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(ctx.lineIndex, message.range, ctx.encoding),
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    message: message.message,
  };
  if (message.ruleId) {
    diagnostic.code = message.ruleId;
    if (!message.fatal) diagnostic.codeDescription = { href: ctx.docUrl(message.ruleId) };
  }
  if (message.related && message.related.length > 0) {
    diagnostic.relatedInformation = message.related.map((r) => toRelated(r, ctx));
  }
  const data: DiagnosticData = { version: ctx.version, ruleId: message.ruleId };
  if (message.fix) data.fix = fixToTextEdits(message.fix, ctx.lineIndex, ctx.encoding);
  if (message.suggestions && message.suggestions.length > 0) {
    data.suggestions = message.suggestions.map((s) => ({ title: s.desc, edits: fixToTextEdits(s.fix, ctx.lineIndex, ctx.encoding) }));
  }
  diagnostic.data = data;
  return diagnostic;
}

function toRelated(r: RelatedLocation, ctx: ConversionContext): DiagnosticRelatedInformation {
  const lines = r.filePath === ctx.filePath ? ctx.lineIndex : ctx.linesOf?.(r.filePath);
  if (lines && r.range) {
    return { location: { uri: ctx.uriOf(r.filePath), range: toLspRange(lines, r.range, ctx.encoding) }, message: r.message };
  }
  const column = (line: number, col: number) => {
    if (ctx.encoding === 'utf-16' || !lines || line - 1 >= lines.lineCount) return Math.max(0, col - 1);
    return utf16ToUtf8Column(lines.lineText(line - 1), col - 1);
  };
  return {
    location: {
      uri: ctx.uriOf(r.filePath),
      range: {
        start: { line: Math.max(0, r.line - 1), character: column(r.line, r.column) },
        end: { line: Math.max(0, r.endLine - 1), character: column(r.endLine, r.endColumn) },
      },
    },
    message: r.message,
  };
}

/** Reads a diagnostic's data back, or undefined when it is not ours or not well formed. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as DiagnosticData | undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  if (!(data.version === null || typeof data.version === 'number')) return undefined;
  // a client hands data back as it got it, or mangled: edits must be lists
  if (data.fix !== undefined && !Array.isArray(data.fix)) return undefined;
  if (data.suggestions !== undefined && !(Array.isArray(data.suggestions) && data.suggestions.every((s) => s && Array.isArray(s.edits)))) return undefined;
  return data;
}

/** The diagnostic severity of a notice the lint session gives instead of findings. */
export function noticeSeverity(severity: NoticeSeverity): DiagnosticSeverity {
  return severity === 'error' ? DiagnosticSeverity.Error : severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** One informational diagnostic at the start of a file (file too large, not linted, ...). */
export function fileNotice(message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Information): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity,
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}
