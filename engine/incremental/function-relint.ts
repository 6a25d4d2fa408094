/**
 * A keystroke inside the body of one function at file scope, relinted inside that function only
 * (the commonest keystroke in code). When the file's other top-level children were parsed alike
 * (same outline, same blanked text outside the function) and the function's part of the summary
 * keeps its shape (summary-splice.ts), the module's model answers as before everywhere else: the
 * messages outside the function stay what they were, moved by the edit's length. Then:
 * - the function, and every other child of the root holding a message with a fix or suggestions
 *   or with a place inside the function, are walked again by the rules that listen to nodes;
 * - the rules that listen to Program only run on the whole file as usual;
 * - every other message is kept, moved past the function.
 * Anything else (a directive in the file, an edit between functions, a new call or guard, a place
 * in another file that points into the function, a failing rule) is left to a full lint. The
 * module's model is rebuilt (from the spliced summary), so hovers and entry points are current.
 * The spliced summary is cached even when the relint gives up: the full lint does not walk the
 * file again.
 */
import type { ModuleFileInput } from '../linter/linter.js';
import type { LintMessage, OffsetRange, SharedSettings } from '../linter/types.js';
import { wasmBindingOf } from '../model/summarize-cursor.js';
import type { SummaryCache } from '../model/summary-cache.js';
import { moduleNames } from '../model/summary-splice.js';
import type { FileSummary } from '../model/summary-types.js';
import { type Outline, topLevelOutline } from '../model/top-level-outline.js';
import { languageOfPath, wasmModuleObject } from '../parsing/cpp-parser.js';
import type { LineIndex } from '../text/line-index.js';
import type { TextShift } from '../text/text-shift.js';
import type { SourceDocuments } from './source-document.js';
import { spliceEdit } from './edit-splice.js';
import type { FileOutcome, ModuleOutcome } from './file-outcome.js';
import { isFixNeutralEdit } from './fix-neutral-edit.js';
import { moduleInputs } from './module-inputs.js';
import { lintedModel, type SessionModule, type SessionState } from './session-state.js';
import { shiftMessages } from './shift-outcome.js';

export interface FunctionRelintPlan {
  /** The function's range in the old text. */
  oldRange: OffsetRange;
  delta: number;
  /** Children of the root to walk again, as ranges of the new text. */
  ranges: OffsetRange[];
  /** The old messages of the file outside those children (rules listening to nodes keep them). */
  outside: LintMessage[];
  /** The edit is fix-neutral away from other children: fixes planned from the file stay valid, moved. */
  neutral: boolean;
}

/** The old text's whole function as the edited region: a range touching it cannot be moved. */
export function functionShift(oldRange: OffsetRange, delta: number): TextShift {
  return { at: oldRange[0], oldEnd: oldRange[1], delta };
}

/**
 * Which children of the root to walk again after the edit of the child `index` (old outline),
 * or undefined when a message cannot be placed in one child.
 */
export function planRelint(
  outline: Outline,
  index: number,
  delta: number,
  messages: readonly LintMessage[],
  filePath: string,
  lines: LineIndex,
  /** The edit is fix-neutral (fix-neutral-edit.ts): fixes and suggestions elsewhere stay valid. */
  fixNeutral: boolean,
): FunctionRelintPlan | undefined {
  const children = outline.length / 3;
  const startOf = (i: number) => outline[3 * i + 1];
  const endOf = (i: number) => outline[3 * i + 2];
  const oldRange: OffsetRange = [startOf(index), endOf(index)];
  const shift = functionShift(oldRange, delta);
  const walk = new Set<number>([index]);
  // a line the function shares with another child: blanks typed at its start indent that child too
  const prev = index > 0 ? endOf(index - 1) : -1;
  const next = index + 1 < children ? startOf(index + 1) + delta : -1;
  const sharesLine = (prev >= 0 && lines.lineOf(prev) === lines.lineOf(oldRange[0])) || (next >= 0 && lines.lineOf(next) === lines.lineOf(oldRange[1] + delta - 1));
  const neutral = fixNeutral && !sharesLine;
  const placed: { child: number; message: LintMessage }[] = [];
  for (const m of messages) {
    if (m.fatal || m.ruleId === null) return undefined;
    const child = childHolding(outline, children, m.range);
    if (child === undefined) return undefined;
    placed.push({ child, message: m });
    // a place inside the function may move; a fix may be planned from anything in the file
    const fixes = m.fix !== undefined || (m.suggestions?.length ?? 0) > 0;
    if ((fixes && !neutral) || shiftMessages([m], filePath, filePath, shift, lines) === null) walk.add(child);
  }
  const ranges = [...walk].sort((a, b) => a - b).map((i): OffsetRange => (i < index ? [startOf(i), endOf(i)] : i === index ? [startOf(i), endOf(i) + delta] : [startOf(i) + delta, endOf(i) + delta]));
  const outside = placed.filter((p) => !walk.has(p.child)).map((p) => p.message);
  return { oldRange, delta, ranges, outside, neutral };
}

/** The child of the root whose range holds `range`, by binary search over the outline's starts. */
function childHolding(outline: Outline, children: number, range: OffsetRange): number | undefined {
  let lo = 0;
  let hi = children;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (outline[3 * mid + 1] <= range[0]) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  return i >= 0 && range[1] <= outline[3 * i + 2] ? i : undefined;
}

/**
 * The file's messages after the relint: the new ones (rules listening to Program only: all of
 * theirs; the others: those inside the walked children) and the kept ones of the rules that listen
 * to nodes, moved past the function. Null when a kept one cannot be moved.
 */
export function mergeRelinted(
  plan: FunctionRelintPlan,
  fresh: readonly LintMessage[],
  partial: { completeRules: ReadonlySet<string>; afterWalk: ReadonlySet<LintMessage> },
  filePath: string,
  lines: LineIndex,
): LintMessage[] | null {
  const kept = plan.outside.filter((m) => m.ruleId !== null && !partial.completeRules.has(m.ruleId));
  const moved = shiftMessages(kept, filePath, filePath, functionShift(plan.oldRange, plan.delta), lines);
  if (!moved) return null;
  // at equal ranges, the order of a lint of the whole file: what Program listeners reported on
  // entry, then what the walk reported (every kept message), then what Program:exit reported
  const phase = (m: LintMessage, wasKept: boolean) => (wasKept ? 1 : partial.afterWalk.has(m) ? 2 : 0);
  const all = [...fresh.map((m) => ({ m, p: phase(m, false) })), ...moved.map((m) => ({ m, p: phase(m, true) }))];
  all.sort((a, b) => a.m.range[0] - b.m.range[0] || a.m.range[1] - b.m.range[1] || a.p - b.p);
  return all.map((x) => x.m);
}

/** What the next keystroke's relint compares with, for each open C/C++ document of the module. */
export function relintBases(files: readonly string[], documents: SourceDocuments): Map<string, { blanked: string; outline: Outline }> {
  const bases = new Map<string, { blanked: string; outline: Outline }>();
  for (const f of files) {
    const doc = documents.get(f);
    const tree = doc?.tree.current;
    if (!doc || !tree || languageOfPath(f) !== 'cpp') continue;
    bases.set(f, { blanked: doc.tree.blanked, outline: topLevelOutline(tree, wasmBindingOf(wasmModuleObject())) });
  }
  return bases;
}

/**
 * The names the module's model can resolve a reference by (summary-splice.ts moduleNames), from
 * the summaries of the last lint (`edited`'s before the edit) and the settings' function names;
 * undefined when a summary is not at hand (then every reference counts).
 */
export function knownNames(
  inputs: readonly ModuleFileInput[],
  edited: string,
  editedSummary: FileSummary,
  cache: SummaryCache,
  settings: Pick<SharedSettings, 'entryPoints' | 'interactiveFunctions'>,
): Set<string> | undefined {
  const summaries: FileSummary[] = [];
  for (const i of inputs) {
    const s = i.filePath === edited ? editedSummary : cache.peek(i.filePath, i.text);
    if (!s) return undefined;
    summaries.push(s);
  }
  return moduleNames(summaries, [...(settings.entryPoints ?? []), ...(settings.interactiveFunctions ?? [])]);
}

/**
 * The last outcome brought up to date after a keystroke inside the body of one function of one
 * open document, by relinting that function only; undefined when a full lint is needed.
 */
export function relintedFunction(state: SessionState, module: SessionModule, key: string, cached: ModuleOutcome): ModuleOutcome | undefined {
  const { documents, summaryCache, parser } = state;
  // (after a comment edit the results were moved and the bases advanced: the relint works from them)
  if (!summaryCache || !cached.bases || cached.inputs !== state.inputsOf(module)) return undefined;
  let edited: string | undefined;
  for (const f of module.files) {
    const doc = documents.get(f);
    if (!doc || cached.texts.get(f) === doc.text) continue;
    if (edited !== undefined || languageOfPath(f) !== 'cpp') return undefined;
    edited = f;
  }
  const oldText = edited !== undefined ? cached.texts.get(edited) : undefined;
  const base = edited !== undefined ? cached.bases.get(edited) : undefined;
  const before = edited !== undefined ? cached.files.get(edited) : undefined;
  if (edited === undefined || oldText === undefined || !base || !before || before.notice) return undefined;
  if (state.overSizeLimit(edited, documents.get(edited)!.text)) return undefined;
  const oldSummary = summaryCache.get(edited, oldText);
  const doc = documents.get(edited)!;
  const text = doc.text;
  if (!oldSummary || text.includes('coinstaller-lint') || oldText.includes('coinstaller-lint')) return undefined;

  const read = moduleInputs(module.files, edited, documents, state.disk, parser, state.conditionsOf(module.files));
  if (!read) return undefined;
  // every file editable, as in the full lint (full-module-lint.ts), so that fixes come out the same
  const inputs = read.map((i) => ({ ...i, editable: true }));
  const known = knownNames(inputs, edited, oldSummary, summaryCache, state.configOrDefault(edited).settings);
  const edit = spliceEdit(state, edited, oldText, base, oldSummary, known);
  if (!edit) return undefined;
  const { spliced, typed, region, index, outline } = edit;
  if (!spliced.sameShape) return undefined;
  const fixNeutral = isFixNeutralEdit(oldText, text, typed);
  const plan = planRelint(base.outline, index, region.delta, before.messages, edited, doc.lineIndex, fixNeutral);
  if (!plan) return undefined;

  // the other files' results stay, moved where they point past the function (not into it); a
  // cross-file fix that edits this file stays only when the edit is fix-neutral, as its own fixes do
  const shift = functionShift(plan.oldRange, plan.delta);
  const others = new Map<string, LintMessage[]>();
  for (const [f, o] of cached.files) {
    if (f === edited) continue;
    const moved = shiftMessages(o.messages, f, edited, shift, doc.lineIndex, plan.neutral);
    if (!moved) return undefined;
    others.set(f, moved);
  }

  let linted;
  try {
    linted = state.lintModule(inputs, { within: new Map([[edited, plan.ranges]]) });
  } catch {
    return undefined;
  }
  const result = linted.results[0];
  if (!result || result.filePath !== edited || result.messages.some((m) => m.fatal)) return undefined;
  const messages = result.partial ? mergeRelinted(plan, result.messages, result.partial, edited, doc.lineIndex) : result.messages;
  if (!messages) return undefined;
  state.lintCount++;
  state.functionRelints++;

  const resultId = state.nextResultId();
  const files = new Map<string, FileOutcome>();
  for (const [f, o] of cached.files) {
    const messagesOf = f === edited ? messages : others.get(f)!;
    const changed = f === edited || messagesOf.some((m, i) => m !== o.messages[i]);
    files.set(f, { ...o, version: f === edited ? doc.version : o.version, lineIndex: f === edited ? doc.lineIndex : o.lineIndex, messages: messagesOf, resultId: changed ? resultId : o.resultId });
  }
  const { model, entryPoints } = lintedModel(linted.services);
  const texts = new Map(cached.texts).set(edited, text);
  const bases = new Map(cached.bases).set(edited, { blanked: doc.tree.blanked, outline });
  return { ...cached, key, files, entryPoints, model, texts, bases, shifted: false };
}
