/**
 * Diagnostics, pulled (textDocument/diagnostic, workspace/diagnostic) when the client supports it,
 * pushed (publishDiagnostics) otherwise. Edits are debounced; a pull waits for the document to
 * settle and answers for its current version; a cancelled request gets RequestCancelled, and a
 * push is never sent for a version older than the document's.
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { type FileOutcome, LineIndex, ruleDocUrl } from '../../engine/index.js';
import { fileNotice, noticeSeverity, toDiagnostic } from '../convert/diagnostics.js';
import type { OpenDocument } from '../documents/open-documents.js';
import { filePathOfUri } from '../documents/uris.js';
import { configFileDiagnostics, isConfigFile } from '../config/config-file-check.js';
import type { Session } from '../session.js';

export class DiagnosticsProvider {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per URI, what was last pushed (a result id, or the version and content), so unchanged results are not sent again. */
  private readonly pushed = new Map<string, string>();
  /** onSave mode: the report computed at open or save, per URI. */
  private readonly snapshots = new Map<string, { resultId: string; items: Diagnostic[] }>();
  /** Config files whose diagnostics were pushed (to clear them when fixed). */
  private readonly configUris = new Set<string>();

  constructor(
    private readonly session: Session,
    /** Every config file the workspace index knows. */
    private readonly knownConfigFiles: () => Iterable<string>,
    /** Every source file the workspace index knows. */
    private readonly knownSourceFiles: () => Iterable<string>,
    private readonly indexed: () => Promise<void>,
  ) {}

  register(): void {
    const { connection, client } = this.session;
    if (!client.pullDiagnostics) return;
    connection.languages.diagnostics.on((params, token) => this.pull(params, token));
    connection.languages.diagnostics.onWorkspace((params, token) => this.pullWorkspace(params, token));
  }

  /** Stops every pending debounce timer (shutdown). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private get isPull(): boolean {
    return this.session.client.pullDiagnostics;
  }

  opened(doc: OpenDocument): void {
    if (this.runMode(doc) === 'onSave') this.snapshots.delete(doc.uri);
    if (!this.isPull) this.schedule(doc.uri, 0);
  }

  changed(doc: OpenDocument): void {
    doc.changedAt = performance.now();
    if (this.isPull) {
      this.refreshOthers(doc);
      return;
    }
    if (this.runMode(doc) === 'onType') this.schedule(doc.uri, this.session.options.debounceMs);
  }

  saved(doc: OpenDocument): void {
    if (this.runMode(doc) !== 'onSave') return;
    this.snapshots.delete(doc.uri);
    if (this.isPull) this.refresh();
    else this.schedule(doc.uri, 0);
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.snapshots.delete(uri);
    this.pushed.delete(uri);
    if (!this.isPull) void this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Configuration or files on disk changed: every result may have changed. */
  inputsChanged(): void {
    this.snapshots.clear();
    if (this.isPull) {
      this.refresh();
      return;
    }
    for (const doc of this.session.documents.all()) this.schedule(doc.uri, 0);
    this.pushConfigFiles();
  }

  /** After the workspace index: show broken config files (push mode), ask for a re-pull (pull mode). */
  afterIndexing(): void {
    if (this.isPull) this.refresh();
    else this.pushConfigFiles();
  }

  private runMode(doc: OpenDocument): 'onType' | 'onSave' {
    return this.session.configs.settingsFor(doc.filePath).run;
  }

  private refresh(): void {
    if (this.session.client.diagnosticRefresh && !this.session.isDisposed) {
      void this.session.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  /** Pull mode: an edit can change the results of the module's other files. */
  private refreshOthers(doc: OpenDocument): void {
    if (!doc.filePath) return;
    const module = this.session.lint.moduleOf(doc.filePath);
    const others = this.session.documents.all().some((d) => d !== doc && d.filePath && module.files.includes(d.filePath));
    if (!others) return;
    const key = `refresh:${module.root}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.refresh();
      }, this.session.options.debounceMs),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Push

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        if (this.session.isDisposed) return;
        try {
          this.publish(uri);
        } catch (error) {
          this.session.logger.error(`Diagnostics for ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }, delay),
    );
  }

  private publish(uri: string): void {
    const doc = this.session.documents.get(uri);
    if (!doc || !doc.filePath) return;
    if (isConfigFile(doc.filePath)) {
      this.send(uri, doc.version, configFileDiagnostics(doc.text, doc.filePath, this.session.lint.rules, this.session.client.encoding), `v${doc.version}`);
      return;
    }
    if (!this.session.lint.isLintable(doc.filePath)) {
      this.send(uri, doc.version, [], `v${doc.version}`);
      return;
    }
    const started = performance.now();
    const module = this.session.lint.lintModule(doc.filePath, [doc.filePath]);
    this.session.logger.debug(`${uri} v${doc.version}: results in ${Math.round(performance.now() - started)} ms`);
    for (const other of this.session.documents.all()) {
      if (!other.filePath) continue;
      const outcome = module.files.get(other.filePath);
      // Never publish a result computed for another version of the document.
      if (!outcome || outcome.version !== other.version) continue;
      if (other !== doc && (this.timers.has(other.uri) || this.runMode(other) === 'onSave')) continue;
      const diagnostics = this.toDiagnostics(outcome);
      // The edited document always gets a publish for its new version; the others only when their results changed.
      this.send(other.uri, other.version, diagnostics, other === doc ? outcome.resultId : `${other.version}:${JSON.stringify(diagnostics)}`);
    }
  }

  private send(uri: string, version: number | null, diagnostics: Diagnostic[], resultId: string): void {
    if (this.pushed.get(uri) === resultId) return;
    this.pushed.set(uri, resultId);
    void this.session.connection
      .sendDiagnostics({ uri, version: version ?? undefined, diagnostics })
      .catch((error) => this.session.logger.error(`publishDiagnostics failed: ${String(error)}`));
  }

  private pushConfigFiles(): void {
    const now = new Set<string>();
    for (const filePath of this.knownConfigFiles()) {
      const uri = this.session.uriOf(filePath);
      if (this.session.documents.get(uri)) continue;
      const diagnostics = this.diskConfigDiagnostics(filePath);
      if (diagnostics.length === 0 && !this.configUris.has(uri)) continue;
      now.add(uri);
      void this.session.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of this.configUris) if (!now.has(uri)) void this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.configUris.clear();
    for (const uri of now) this.configUris.add(uri);
  }

  private diskConfigDiagnostics(filePath: string): Diagnostic[] {
    const read = this.session.lint.fileOnDisk(filePath);
    const text = read.ok ? read.text : null;
    if (text === null) return [];
    return configFileDiagnostics(text, filePath, this.session.lint.rules, this.session.client.encoding);
  }

  // -------------------------------------------------------------------------------------------
  // Pull

  private async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    this.session.assertLive('textDocument/diagnostic');
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(-32602, 'textDocument/diagnostic needs textDocument.uri');
    let doc = this.session.documents.get(uri);
    const filePath = doc?.filePath ?? filePathOfUri(uri);
    if (!filePath) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (isConfigFile(filePath)) {
      const items = doc
        ? configFileDiagnostics(doc.text, filePath, this.session.lint.rules, this.session.client.encoding)
        : this.diskConfigDiagnostics(filePath);
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }
    if (doc) {
      doc = await this.settle(uri, token);
      if (this.runMode(doc) === 'onSave') return this.fromSnapshot(doc, params.previousResultId);
    }
    const started = performance.now();
    const outcome = this.session.lint.lint(filePath);
    this.session.logger.debug(`${uri} v${doc?.version ?? '(disk)'}: results in ${Math.round(performance.now() - started)} ms`);
    if (token.isCancellationRequested) throw cancelled();
    const current = this.session.documents.get(uri);
    if (current && outcome.version !== current.version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    }
    const related = this.relatedReports(filePath);
    if (params.previousResultId === outcome.resultId) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: outcome.resultId, ...related };
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId: outcome.resultId, items: this.toDiagnostics(outcome), ...related };
  }

  /**
   * The module's other open documents, linted in the same run, for clients that take
   * relatedDocuments: an edit in one file updates the others without another round trip.
   */
  private relatedReports(filePath: string): { relatedDocuments?: Record<string, FullDocumentDiagnosticReport> } {
    if (!this.session.client.relatedDocuments) return {};
    const module = this.session.lint.lintModule(filePath, [filePath]);
    const relatedDocuments: Record<string, FullDocumentDiagnosticReport> = {};
    for (const [path, outcome] of module.files) {
      const doc = this.session.documents.byPath(path);
      if (path === filePath || !doc || outcome.version !== doc.version || this.runMode(doc) === 'onSave') continue;
      relatedDocuments[doc.uri] = { kind: DocumentDiagnosticReportKind.Full, resultId: outcome.resultId, items: this.toDiagnostics(outcome) };
    }
    return Object.keys(relatedDocuments).length > 0 ? { relatedDocuments } : {};
  }

  private fromSnapshot(doc: OpenDocument, previous: string | undefined): DocumentDiagnosticReport {
    let snapshot = this.snapshots.get(doc.uri);
    if (!snapshot) {
      const outcome = this.session.lint.lint(doc.filePath!);
      snapshot = { resultId: `${outcome.resultId}.s`, items: this.toDiagnostics(outcome) };
      this.snapshots.set(doc.uri, snapshot);
    }
    if (previous === snapshot.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: snapshot.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: snapshot.resultId, items: snapshot.items };
  }

  /** Waits until the document has had no change for the debounce time; throws when cancelled or closed. */
  private async settle(uri: string, token: CancellationToken): Promise<OpenDocument> {
    for (;;) {
      if (token.isCancellationRequested) throw cancelled();
      const doc = this.session.documents.get(uri);
      if (!doc) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document was closed', { retriggerRequest: false });
      const wait = doc.changedAt + this.session.options.debounceMs - performance.now();
      if (wait <= 0 || doc.changedAt === 0) return doc;
      // Sleep until the quiet time is over, or the request is cancelled, whichever comes first.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.ceil(wait));
        const listener = token.onCancellationRequested(done);
        function done() {
          clearTimeout(timer);
          listener.dispose();
          resolve();
        }
      });
    }
  }

  private async pullWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    this.session.assertLive('workspace/diagnostic');
    await Promise.race([this.indexed(), new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()))]);
    if (token.isCancellationRequested) throw cancelled();
    const previous = new Map<string, string>();
    for (const p of params?.previousResultIds ?? []) if (p && typeof p.uri === 'string') previous.set(p.uri, p.value);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const done = new Set<string>();
    for (const filePath of this.knownSourceFiles()) {
      if (done.has(filePath) || this.session.documents.byPath(filePath)) continue;
      const module = this.session.lint.lintModule(filePath, this.session.lint.reportableFiles(filePath));
      for (const [path, outcome] of module.files) {
        if (done.has(path) || this.session.documents.byPath(path)) continue;
        done.add(path);
        const uri = this.session.uriOf(path);
        if (previous.get(uri) === outcome.resultId) {
          items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: outcome.resultId });
        } else {
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: outcome.resultId, items: this.toDiagnostics(outcome) });
        }
      }
      done.add(filePath);
      // Let other requests (a keystroke's pull) in between modules.
      await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) throw cancelled();
    }
    for (const filePath of this.knownConfigFiles()) {
      if (this.session.documents.byPath(filePath)) continue;
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri: this.session.uriOf(filePath), version: null, items: this.diskConfigDiagnostics(filePath) });
    }
    return { items };
  }

  // -------------------------------------------------------------------------------------------

  toDiagnostics(outcome: FileOutcome): Diagnostic[] {
    if (outcome.notice) return [fileNotice(outcome.notice.message, noticeSeverity(outcome.notice.severity))];
    const session = this.session;
    const ctx = {
      filePath: outcome.filePath,
      lineIndex: outcome.lineIndex,
      encoding: session.client.encoding,
      version: outcome.version,
      uriOf: (p: string) => session.uriOf(p),
      docUrl: ruleDocUrl,
      linesOf: (p: string) => {
        const doc = session.documents.byPath(p);
        if (doc) return doc.lineIndex;
        const read = session.lint.fileOnDisk(p);
        return read.ok ? new LineIndex(read.text) : undefined;
      },
      // the outcome is the module's current lint: the open documents' texts are those it read
      versionOf: (p: string) => session.documents.byPath(p)?.version,
    };
    return outcome.messages.map((m) => toDiagnostic(m, ctx));
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}
