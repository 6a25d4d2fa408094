/**
 * Document synchronisation: didOpen, incremental didChange, didSave, didClose. Malformed
 * notifications are logged and ignored (a notification has no response to carry an error).
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { Session } from '../session.js';
import type { DiagnosticsProvider } from './diagnostics.js';

export function registerDocumentSync(session: Session, diagnostics: DiagnosticsProvider): void {
  const { connection, documents, logger } = session;

  connection.onDidOpenTextDocument((params) => {
    const d = params?.textDocument;
    if (!d || typeof d.uri !== 'string' || typeof d.text !== 'string' || !Number.isInteger(d.version)) {
      logger.warn('Ignored a malformed textDocument/didOpen');
      return;
    }
    const doc = documents.open(d.uri, d.languageId ?? '', d.version, d.text);
    logger.debug(`opened ${d.uri} (version ${d.version}, ${d.text.length} characters)`);
    diagnostics.opened(doc);
  });

  connection.onDidChangeTextDocument((params) => {
    const d = params?.textDocument;
    const doc = d && typeof d.uri === 'string' ? documents.get(d.uri) : undefined;
    if (!doc || !Number.isInteger(d.version) || !Array.isArray(params.contentChanges)) {
      logger.warn(`Ignored a textDocument/didChange for ${d?.uri ?? 'no document'}: ${doc ? 'malformed' : 'not open'}`);
      return;
    }
    if (d.version <= doc.version) {
      logger.warn(`Ignored a textDocument/didChange for ${d.uri}: version ${d.version} is not newer than ${doc.version}`);
      return;
    }
    if (!params.contentChanges.every(isChange)) {
      logger.warn(`Ignored a malformed textDocument/didChange for ${d.uri}`);
      return;
    }
    doc.apply(params.contentChanges, d.version, session.client.encoding);
    diagnostics.changed(doc);
  });

  connection.onDidSaveTextDocument((params) => {
    const doc = documents.get(params?.textDocument?.uri);
    if (!doc) return;
    // What is on disk is now the document's text: forget the old copy.
    if (doc.filePath) session.lint.filesChanged([doc.filePath], false);
    diagnostics.saved(doc);
  });

  connection.onDidCloseTextDocument((params) => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') return;
    // (the lint session reads the file from disk again: it may differ from the closed editor's text)
    documents.close(uri);
    diagnostics.closed(uri);
  });
}

function isChange(c: unknown): c is TextDocumentContentChangeEvent {
  if (typeof c !== 'object' || c === null || typeof (c as { text?: unknown }).text !== 'string') return false;
  const range = (c as { range?: unknown }).range;
  if (range === undefined) return true;
  const r = range as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } };
  const ok = (p: { line?: unknown; character?: unknown } | undefined) =>
    !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
  return ok(r.start) && ok(r.end);
}
