/** What one lint gives for one file: the messages, or a notice instead of them, and the text they refer to. */
import type { LintMessage } from '../linter/types.js';
import type { EntryPointInfo, InstallerModelService } from '../model/contract.js';
import type { Outline } from '../model/top-level-outline.js';
import type { LineIndex } from '../text/line-index.js';

/** How much a notice matters: an unreadable file or a failed lint is an error, a broken config a warning. */
export type NoticeSeverity = 'error' | 'warning' | 'information';

export interface FileNotice {
  message: string;
  severity: NoticeSeverity;
}

export interface FileOutcome {
  filePath: string;
  /** The open document's version the messages refer to; null for the text on disk. */
  version: number | null;
  lineIndex: LineIndex;
  messages: LintMessage[];
  /** Shown instead of findings: file too large, unreadable, config broken, linting disabled... */
  notice?: FileNotice;
  /** Changes whenever the result may have changed (pull diagnostics' resultId). */
  resultId: string;
}

/** What a lint of a module gives: each file reported, by path. */
export interface ModuleResults {
  /** The module's root folder (module-discovery.ts). */
  root: string;
  files: ReadonlyMap<string, FileOutcome>;
}

export interface ModuleOutcome extends ModuleResults {
  /** The state of the module's inputs this was computed from. */
  key: string;
  files: Map<string, FileOutcome>;
  /** The installer entry points the model found (plain data, kept for hovers). */
  entryPoints: EntryPointInfo[];
  /** The installer model of this lint (built from file summaries: plain data, safe to query afterwards). */
  model?: InstallerModelService;
  /** The module's inputs apart from the open documents' texts: config generation, which files are open, disk versions. */
  inputs: string;
  /** The open documents' texts the results refer to. */
  texts: Map<string, string>;
  /**
   * Results moved over an edit inside a comment rather than computed (shift-outcome.ts): the
   * findings are current, but the model's offsets are the earlier text's.
   */
  shifted?: boolean;
  /** Per open C/C++ document: what the next keystroke's relint of one function compares with (function-relint.ts). */
  bases?: Map<string, { blanked: string; outline: Outline }>;
}
