/**
 * A comment edit: the last outcome of a module moved over the open documents' edits since, when
 * they only changed the inside of one comment of one file (comment-edit.ts recognises such an
 * edit): no finding can have changed, only the offsets after the edit (shift-outcome.ts moves
 * them). The outcome is marked shifted: the model's offsets are the earlier text's.
 */
import { languageOfPath } from '../parsing/cpp-parser.js';
import type { TextShift } from '../text/text-shift.js';
import { commentOnlyEdit } from './comment-edit.js';
import { advancedBases } from './edit-splice.js';
import type { FileOutcome, ModuleOutcome } from './file-outcome.js';
import type { SessionModule, SessionState } from './session-state.js';
import { shiftEntryPoints, shiftMessages } from './shift-outcome.js';

/** The outcome moved over a comment edit; undefined when a full lint is needed. */
export function shiftedOverCommentEdit(state: SessionState, module: SessionModule, key: string, cached: ModuleOutcome): ModuleOutcome | undefined {
  if (cached.inputs !== state.inputsOf(module)) return undefined;
  const { documents, parser } = state;
  let edited: string | undefined;
  for (const f of module.files) {
    const doc = documents.get(f);
    if (!doc) continue;
    const before = cached.texts.get(f);
    if (before === undefined) return undefined;
    if (before === doc.text) continue;
    if (edited !== undefined || languageOfPath(f) !== 'cpp') return undefined;
    edited = f;
  }
  let shift: TextShift = { at: 0, oldEnd: 0, delta: 0 };
  const texts = new Map(cached.texts);
  if (edited !== undefined) {
    const doc = documents.get(edited)!;
    if (cached.files.get(edited)?.notice || state.overSizeLimit(edited, doc.text)) return undefined;
    const moved = commentOnlyEdit(cached.texts.get(edited)!, doc.text, doc.tree.treeFor(parser, doc.text).rootNode);
    if (!moved) return undefined;
    shift = moved;
    texts.set(edited, doc.text);
  }
  const resultId = state.nextResultId();
  const files = new Map<string, FileOutcome>();
  for (const [f, o] of cached.files) {
    const doc = documents.get(f);
    const messages = edited === undefined ? o.messages : shiftMessages(o.messages, f, edited, shift, documents.get(edited)!.lineIndex);
    if (!messages) return undefined;
    const version = doc ? doc.version : o.version;
    // a new version gets a new result id even when its findings did not move (a push names the version)
    const changed = f === edited || version !== o.version || messages.some((m, i) => m !== o.messages[i]);
    files.set(f, {
      ...o,
      version,
      lineIndex: doc ? doc.lineIndex : o.lineIndex,
      messages,
      resultId: changed ? resultId : o.resultId,
    });
  }
  const entryPoints = edited === undefined ? cached.entryPoints : shiftEntryPoints(cached.entryPoints, edited, shift);
  const bases = edited !== undefined && cached.bases ? advancedBases(state, cached.bases, edited, cached.texts.get(edited)!) : cached.bases;
  return { ...cached, key, files, entryPoints, texts, bases, shifted: cached.shifted || edited !== undefined };
}
