/**
 * Capability negotiation: what the client can do (from InitializeParams) and what the server
 * offers in return. Position encoding: UTF-16 unless the client prefers UTF-8. Pure.
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type InitializeParams,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { PositionEncoding } from '../convert/positions.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.coinstaller-lint`;
export const SHOW_DOCS_COMMAND = 'coinstallerLint.showRuleDocumentation';
export const DIAGNOSTIC_IDENTIFIER = 'coinstaller-lint';

export interface ClientFeatures {
  encoding: PositionEncoding;
  /** textDocument/diagnostic and workspace/diagnostic instead of publishDiagnostics. */
  pullDiagnostics: boolean;
  /** relatedDocuments in a document diagnostic report (the module's other open files). */
  relatedDocuments: boolean;
  /** workspace/diagnostic/refresh. */
  diagnosticRefresh: boolean;
  /** workspace/configuration. */
  configuration: boolean;
  /** Dynamic registration of workspace/didChangeWatchedFiles. */
  watchedFiles: boolean;
  /** Dynamic registration of workspace/didChangeConfiguration. */
  configurationChange: boolean;
  /** Server-initiated $/progress. */
  workDoneProgress: boolean;
  /** window/showDocument. */
  showDocument: boolean;
  /** The client sends versions with publishDiagnostics back... (versionSupport). */
  diagnosticVersions: boolean;
  workspaceFolders: boolean;
  /** Markdown in hovers. */
  markdownHover: boolean;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const c = params.capabilities ?? {};
  const encodings = c.general?.positionEncodings ?? [];
  // UTF-16 is mandatory; use UTF-8 only when the client lists it before UTF-16 (its preference).
  const utf8 = encodings.indexOf('utf-8');
  const utf16 = encodings.indexOf('utf-16');
  const encoding: PositionEncoding = utf8 !== -1 && (utf16 === -1 || utf8 < utf16) ? 'utf-8' : 'utf-16';
  return {
    encoding,
    pullDiagnostics: Boolean(c.textDocument?.diagnostic),
    relatedDocuments: Boolean(c.textDocument?.diagnostic?.relatedDocumentSupport),
    diagnosticRefresh: Boolean(c.workspace?.diagnostics?.refreshSupport),
    configuration: Boolean(c.workspace?.configuration),
    watchedFiles: Boolean(c.workspace?.didChangeWatchedFiles?.dynamicRegistration),
    configurationChange: Boolean(c.workspace?.didChangeConfiguration?.dynamicRegistration),
    workDoneProgress: Boolean(c.window?.workDoneProgress),
    showDocument: Boolean(c.window?.showDocument?.support),
    diagnosticVersions: Boolean(c.textDocument?.publishDiagnostics?.versionSupport),
    workspaceFolders: Boolean(c.workspace?.workspaceFolders),
    markdownHover: (c.textDocument?.hover?.contentFormat ?? ['markdown']).includes('markdown'),
  };
}

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    positionEncoding: client.encoding,
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    hoverProvider: true,
    executeCommandProvider: { commands: [SHOW_DOCS_COMMAND] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (client.pullDiagnostics) {
    capabilities.diagnosticProvider = { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: true, workspaceDiagnostics: true };
  }
  return capabilities;
}
