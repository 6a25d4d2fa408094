/**
 * Code actions for the diagnostics in the requested range: the rule's fix (quickfix, preferred;
 * titled with its title, Fix.desc, else "Fix: <message>") and its suggestions, "disable for this
 * line" and "for this file" (merging into an existing directive), "show documentation"; and "fix
 * all" as source.fixAll.coinstaller-lint. A cross-file fix or suggestion is one workspace edit with
 * the edits of every document it changes. The edits come from the diagnostic's data when it is for
 * the document's current version (and, for other documents, theirs).
 */
import {
  CodeActionKind,
  CodeActionTriggerKind,
  ErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type ExecuteCommandParams,
  type TextEdit,
} from 'vscode-languageserver/node';
import { editBetween, type LintMessage, ruleDocUrl } from '../../engine/index.js';
import { commentStyleOf, disableForFile, disableForLine } from './disable-directive.js';
import { diagnosticData, DIAGNOSTIC_SOURCE, type DiagnosticData, type DocumentEdits } from '../convert/diagnostics.js';
import { toOffsetRange } from '../convert/positions.js';
import { fixToTextEdit } from '../convert/text-edits.js';
import type { OpenDocument } from '../documents/open-documents.js';
import { FIX_ALL_KIND, SHOW_DOCS_COMMAND } from '../protocol/capabilities.js';
import type { Session } from '../session.js';
import type { DiagnosticsProvider } from './diagnostics.js';

export function registerCodeActions(session: Session, diagnostics: DiagnosticsProvider): void {
  session.connection.onCodeAction((params) => codeActions(session, diagnostics, params));
  session.connection.onExecuteCommand((params) => executeCommand(session, params));
}

function codeActions(session: Session, diagnostics: DiagnosticsProvider, params: CodeActionParams): CodeAction[] {
  session.assertLive('textDocument/codeAction');
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/codeAction needs textDocument.uri');
  const doc = session.documents.get(uri);
  if (!doc || !doc.filePath) return [];
  const range = toOffsetRange(doc.lineIndex, params.range, session.client.encoding);
  if (!range) throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/codeAction: the range is malformed or outside the document');
  const only = Array.isArray(params.context?.only) ? params.context.only : undefined;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));

  let outcome = session.lint.cached(doc.filePath);
  if (!outcome || outcome.version !== doc.version) {
    // Editors ask for code actions automatically on every cursor move: while the user types,
    // answer from nothing rather than lint ahead of the debounce (the editor asks again when the
    // diagnostics change). An explicit request (or a client that does not say) lints now.
    if (params.context?.triggerKind === CodeActionTriggerKind.Automatic) return [];
    outcome = session.lint.lint(doc.filePath);
  }
  if (outcome.version !== doc.version || outcome.notice) return [];
  const inRange = outcome.messages.filter((m) => m.range[0] <= range[1] && m.range[1] >= range[0]);
  const converted = diagnostics.toDiagnostics(outcome);
  const given = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];

  const actions: CodeAction[] = [];
  const seenDisable = new Set<string>();
  const style = commentStyleOf(doc.filePath);
  for (const message of inRange) {
    const index = outcome.messages.indexOf(message);
    const ours = converted[index];
    const diagnostic = given.find((d) => sameDiagnostic(d, ours)) ?? ours;
    const data = currentData(diagnostic, doc) ?? currentData(ours, doc)!;
    const fresh = currentData(ours, doc)!;
    // a cross-file edit whose other documents changed since the data was made: from this lint's data, else left out
    const fixChanges = data.fix && (changesOf(session, uri, data.fix, data.fixOthers) ?? (fresh.fix && changesOf(session, uri, fresh.fix, fresh.fixOthers)));
    if (fixChanges && wants(CodeActionKind.QuickFix)) {
      actions.push(quickFix(data.fixTitle ?? `Fix: ${shortTitle(message)}`, fixChanges, diagnostic, true));
    }
    (data.suggestions ?? []).forEach((s, i) => {
      const again = fresh.suggestions?.[i];
      const changes = changesOf(session, uri, s.edits, s.others) ?? (again && again.title === s.title ? changesOf(session, uri, again.edits, again.others) : undefined);
      if (changes && wants(CodeActionKind.QuickFix)) actions.push(quickFix(s.title, changes, diagnostic, false));
    });
    if (!message.ruleId || message.fatal || !wants(CodeActionKind.QuickFix)) continue;
    const ruleId = message.ruleId;
    const line = doc.lineIndex.lineOf(message.range[0]);
    if (!seenDisable.has(`${ruleId}:${line}`)) {
      seenDisable.add(`${ruleId}:${line}`);
      const lineFix = disableForLine(doc.lineIndex, line, ruleId, style);
      if (lineFix) actions.push(quickFix(`Disable ${ruleId} for this line`, { [uri]: [fixToTextEdit(lineFix, doc.lineIndex, session.client.encoding)] }, diagnostic, false));
    }
    if (!seenDisable.has(ruleId)) {
      seenDisable.add(ruleId);
      const fileFix = disableForFile(doc.lineIndex, ruleId, style);
      if (fileFix) actions.push(quickFix(`Disable ${ruleId} for the entire file`, { [uri]: [fixToTextEdit(fileFix, doc.lineIndex, session.client.encoding)] }, diagnostic, false));
      actions.push({
        title: `Show documentation for ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [ruleId] },
      });
    }
  }

  // Fix all stays in this document: the session's fix lints the module reporting this file only,
  // so a fix that edits another file is a suggestion there and is not applied (docs/architecture.md,
  // "Cross-file fixes"); it is offered as its own quick fix above.
  const singleFile = (m: LintMessage) => m.fix !== undefined && !m.fix.otherFiles?.length;
  const explicitFixAll = only !== undefined && wants(FIX_ALL_KIND);
  if (wants(FIX_ALL_KIND) && (explicitFixAll || inRange.some(singleFile))) {
    const fixed = session.lint.fix(doc.filePath);
    if (fixed && fixed.version === doc.version) {
      const span = editBetween(doc.text, fixed.output)!;
      const edit: TextEdit = fixToTextEdit(
        { range: [span.startIndex, span.oldEndIndex], text: fixed.output.slice(span.startIndex, span.newEndIndex) },
        doc.lineIndex,
        session.client.encoding,
      );
      actions.push({ title: 'Fix all coinstaller-lint problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [edit] } } });
    }
  }
  return actions;
}

function quickFix(title: string, changes: Record<string, TextEdit[]>, diagnostic: Diagnostic, preferred: boolean): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes } };
  if (preferred) action.isPreferred = true;
  return action;
}

/**
 * One workspace edit: the edits in this document and in each other document of a cross-file fix.
 * Undefined when there is nothing to change or another document's text is not what was linted: an
 * open document at another version, or one opened since with a text other than the disk's.
 */
function changesOf(session: Session, uri: string, own: TextEdit[], others: readonly DocumentEdits[] | undefined): Record<string, TextEdit[]> | undefined {
  const changes: Record<string, TextEdit[]> = {};
  if (own.length > 0) changes[uri] = own;
  for (const other of others ?? []) {
    const open = session.documents.get(other.uri);
    if (other.version !== null ? open?.version !== other.version : open && !sameAsDisk(session, open)) return undefined;
    changes[other.uri] = other.edits;
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

function sameAsDisk(session: Session, doc: OpenDocument): boolean {
  if (!doc.filePath) return false;
  const read = session.lint.fileOnDisk(doc.filePath);
  return read.ok && read.text === doc.text;
}

function currentData(diagnostic: Diagnostic | undefined, doc: OpenDocument): DiagnosticData | undefined {
  if (!diagnostic) return undefined;
  const data = diagnosticData(diagnostic);
  return data && data.version === doc.version ? data : undefined;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a?.source === DIAGNOSTIC_SOURCE &&
    a.code === b.code &&
    a.range?.start?.line === b.range.start.line &&
    a.range?.start?.character === b.range.start.character &&
    a.range?.end?.line === b.range.end.line &&
    a.range?.end?.character === b.range.end.character
  );
}

function shortTitle(m: LintMessage): string {
  const first = m.message.split(/(?<=[.:])\s/)[0].replace(/[.:]$/, '');
  return m.ruleId ? `${first} (${m.ruleId})` : first;
}

async function executeCommand(session: Session, params: ExecuteCommandParams): Promise<null> {
  if (params?.command !== SHOW_DOCS_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${String(params?.command)}`);
  const ruleId: unknown = params.arguments?.[0];
  if (typeof ruleId !== 'string' || !session.lint.rules.has(ruleId)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `${SHOW_DOCS_COMMAND} needs the id of a rule`);
  }
  const uri = ruleDocUrl(ruleId);
  if (session.client.showDocument) await session.connection.window.showDocument({ uri });
  else session.logger.info(`Documentation of ${ruleId}: ${uri}`);
  return null;
}
