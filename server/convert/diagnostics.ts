/**
 * Engine LintMessages to LSP Diagnostics: code (the rule id), codeDescription (the rule's page),
 * source, severity, relatedInformation (the chain from the entry point) and data (the edits its
 * code actions apply, and the document version they refer to; a cross-file fix's edits in other
 * documents with those documents' versions, positions from their own lines). Pure.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit } from 'vscode-languageserver/node';
import { type Fix, type LineIndex, type LintMessage, type NoticeSeverity, type RelatedLocation, utf16ToUtf8Column } from '../../engine/index.js';
import { toLspRange, type PositionEncoding } from './positions.js';
import { editsToTextEdits, fixToTextEdits } from './text-edits.js';

export const DIAGNOSTIC_SOURCE = 'coinstaller-lint';

/** A cross-file fix's edits in another document (Fix.otherFiles), positions in that document's lines. */
export interface DocumentEdits {
  uri: string;
  /** The open document's version the edits were computed for; null: the file as read from disk. */
  version: number | null;
  edits: TextEdit[];
}

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData {
  /** The document version the edits were computed for (null: the text on disk). */
  version: number | null;
  ruleId: string | null;
  /** The rule's own fix (its edits in this document, applied together with `fixOthers`). */
  fix?: TextEdit[];
  /** The fix's title (Fix.desc). */
  fixTitle?: string;
  /** The fix's edits in other documents: one workspace edit with `fix`. */
  fixOthers?: DocumentEdits[];
  /** The rule's suggestions (`others`: their edits in other documents). */
  suggestions?: { title: string; edits: TextEdit[]; others?: DocumentEdits[] }[];
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
  /** Lines of another file (related locations in UTF-8 mode, cross-file fixes), as linted; undefined when unknown. */
  linesOf?(filePath: string): LineIndex | undefined;
  /** The version of another file's open document; undefined when it is not open (its text is the disk's). */
  versionOf?(filePath: string): number | undefined;
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
  // a cross-file fix whose other files' lines are not at hand has no code action (left out)
  const others = message.fix && otherDocumentEdits(message.fix, ctx);
  if (message.fix && others) {
    data.fix = fixToTextEdits(message.fix, ctx.lineIndex, ctx.encoding);
    if (message.fix.desc !== undefined) data.fixTitle = message.fix.desc;
    if (others.length > 0) data.fixOthers = others;
  }
  const suggestions: NonNullable<DiagnosticData['suggestions']> = [];
  for (const s of message.suggestions ?? []) {
    const sOthers = otherDocumentEdits(s.fix, ctx);
    if (!sOthers) continue;
    suggestions.push({ title: s.desc, edits: fixToTextEdits(s.fix, ctx.lineIndex, ctx.encoding), ...(sOthers.length > 0 ? { others: sOthers } : {}) });
  }
  if (suggestions.length > 0) data.suggestions = suggestions;
  diagnostic.data = data;
  return diagnostic;
}

/** A fix's edits in other files, each with its document's version; undefined when one file's lines are unknown or too short. */
function otherDocumentEdits(fix: Fix, ctx: ConversionContext): DocumentEdits[] | undefined {
  const out: DocumentEdits[] = [];
  for (const other of fix.otherFiles ?? []) {
    const lines = ctx.linesOf?.(other.filePath);
    const edits = lines && editsToTextEdits(other.edits, lines, ctx.encoding);
    if (!edits) return undefined;
    out.push({ uri: ctx.uriOf(other.filePath), version: ctx.versionOf?.(other.filePath) ?? null, edits });
  }
  return out;
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
  if (data.suggestions !== undefined && !(Array.isArray(data.suggestions) && data.suggestions.every((s) => s && Array.isArray(s.edits) && validOthers(s.others)))) return undefined;
  if (!validOthers(data.fixOthers)) return undefined;
  return data;
}

function validOthers(others: unknown): boolean {
  if (others === undefined) return true;
  return (
    Array.isArray(others) &&
    others.every((o: Partial<DocumentEdits> | null) => o && typeof o.uri === 'string' && (o.version === null || typeof o.version === 'number') && Array.isArray(o.edits))
  );
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
