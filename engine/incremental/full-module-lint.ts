/**
 * The full lint of a module: every file with its text (open documents' with their trees,
 * re-parsed incrementally; the others' from disk), the files asked for reported, and a notice
 * instead of findings for a file too large, unreadable, under a broken config, or in a module whose
 * lint failed. What every other way (comment-edit-shift.ts, function-relint.ts) falls back to.
 */
import { isIgnored } from '../config/ignores.js';
import { fileLanguage, type ModuleFileInput } from '../linter/linter.js';
import type { EntryPointInfo, InstallerModelService } from '../model/contract.js';
import { LineIndex } from '../text/line-index.js';
import type { FileOutcome, ModuleOutcome, NoticeSeverity } from './file-outcome.js';
import { relintBases } from './function-relint.js';
import { lintedModel, type SessionModule, type SessionState } from './session-state.js';

/** The files of one run, as read: the linter's inputs, and what each reported file's outcome refers to. */
interface RunInputs {
  inputs: ModuleFileInput[];
  meta: Map<string, { version: number | null; lineIndex: LineIndex }>;
  /** The open documents' texts. */
  texts: Map<string, string>;
}

/** Lints `module` whole, reporting the files in `report`. */
export function lintWholeModule(state: SessionState, module: SessionModule, key: string, report: ReadonlySet<string>): ModuleOutcome {
  const files = new Map<string, FileOutcome>();
  // Result ids are per document: the run that produced a result names it.
  const resultId = state.nextResultId();
  const notice = (f: string, version: number | null, lineIndex: LineIndex, message: string, severity: NoticeSeverity) => {
    files.set(f, { filePath: f, version, lineIndex, messages: [], notice: { message, severity }, resultId });
  };
  const { inputs, meta, texts } = readInputs(state, module, report, files, resultId, notice);

  let entryPoints: EntryPointInfo[] = [];
  let model: InstallerModelService | undefined;
  if (inputs.some((i) => i.report)) {
    state.lintCount++;
    try {
      const { results, services } = state.lintModule(inputs);
      for (const r of results) {
        const m = meta.get(r.filePath)!;
        files.set(r.filePath, { filePath: r.filePath, version: m.version, lineIndex: m.lineIndex, messages: r.messages, resultId });
      }
      ({ model, entryPoints } = lintedModel(services));
    } catch (error) {
      state.options.onLintError?.(module.root, error);
      for (const i of inputs) {
        if (!i.report) continue;
        const m = meta.get(i.filePath)!;
        notice(i.filePath, m.version, m.lineIndex, `coinstaller-lint failed on this module: ${error instanceof Error ? error.message : String(error)}`, 'error');
      }
    }
  }
  const bases = state.summaryCache ? relintBases(module.files, state.documents) : undefined;
  return { root: module.root, key, files, entryPoints, model, inputs: state.inputsOf(module), texts, bases };
}

/**
 * Every file of the module with its text (and tree) as the linter takes it; a reported file that
 * is not linted gets its outcome in `files` now (a notice, or nothing when linting is off or the
 * config ignores it).
 */
function readInputs(
  state: SessionState,
  module: SessionModule,
  report: ReadonlySet<string>,
  files: Map<string, FileOutcome>,
  resultId: string,
  notice: (f: string, version: number | null, lineIndex: LineIndex, message: string, severity: NoticeSeverity) => void,
): RunInputs {
  const { documents, disk, configs, parser } = state;
  const run: RunInputs = { inputs: [], meta: new Map(), texts: new Map() };
  const conditionsOf = state.conditionsOf(module.files);
  for (const f of module.files) {
    const reported = report.has(f);
    const language = fileLanguage(f);
    const doc = documents.get(f);
    const settings = configs.settingsFor(f);
    let text: string;
    let version: number | null = null;
    let tree;
    if (doc) {
      text = doc.text;
      version = doc.version;
      run.texts.set(f, text);
      if (Buffer.byteLength(text, 'utf8') > settings.maxFileSize) {
        if (reported) notice(f, version, doc.lineIndex, tooLarge(Buffer.byteLength(text, 'utf8'), settings.maxFileSize), 'information');
        continue;
      }
      if (language === 'cpp') tree = doc.tree.treeFor(parser, text, conditionsOf(f) ?? null);
    } else {
      const entry = disk.get(f);
      if (!entry.read.ok) {
        if (reported) notice(f, null, new LineIndex(''), `coinstaller-lint: ${entry.read.message}`, entry.read.kind === 'unreadable' ? 'error' : 'information');
        continue;
      }
      text = entry.read.text;
      if (language === 'cpp') tree = entry.tree.treeFor(parser, text, conditionsOf(f) ?? null);
    }
    const lineIndex = doc ? doc.lineIndex : new LineIndex(text);
    let lintThis = reported;
    if (reported) {
      const config = configs.configFor(f);
      if (!config.ok) {
        const where = config.error.filePath ?? 'the editor settings';
        notice(f, version, lineIndex, `Not linted: the configuration is invalid (${where}): ${config.error.problem}`, 'warning');
        lintThis = false;
      } else if (!settings.enable || isIgnored(config.config, f)) {
        files.set(f, { filePath: f, version, lineIndex, messages: [], resultId });
        lintThis = false;
      }
    }
    run.meta.set(f, { version, lineIndex });
    // a code action may edit any file of the module: a cross-file fix is a fix whichever files are open
    run.inputs.push({ filePath: f, text, tree, lineIndex, report: lintThis, editable: true });
  }
  return run;
}

function tooLarge(bytes: number, limit: number): string {
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return `Not linted: the file is ${mib(bytes)}, over the coinstallerLint.maxFileSize limit of ${mib(limit)}.`;
}
