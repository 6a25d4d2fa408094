/**
 * A #define read with the walk's cursor (no node objects): its name, its parameters (the
 * identifiers of a function-like macro's list) and its body's text, summarised by macroSummary.
 * The cursor steps into the directive and comes back to it.
 */
import type { CursorReader } from './summarize-header.js';
import { macroSummary } from './macros.js';
import type { MacroSummary } from './summary-types.js';

/** The cursor on a preproc_def or preproc_function_def: its macro, or undefined when it names none. */
export function macroAt(r: CursorReader): MacroSummary | undefined {
  const { cursor, text, fields } = r;
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  let nameStart = -1;
  let nameEnd = -1;
  let body = '';
  let sawBody = false;
  let params: string[] | undefined;
  if (cursor.gotoFirstChild()) {
    do {
      const field = cursor.currentFieldId;
      if (field === 0) continue;
      if (field === fields.name && nameStart < 0) {
        nameStart = cursor.startIndex;
        nameEnd = cursor.endIndex;
      } else if (field === fields.value && !sawBody) {
        sawBody = true;
        body = text.slice(cursor.startIndex, cursor.endIndex);
      } else if (field === fields.parameters && params === undefined) {
        params = [];
        if (cursor.gotoFirstChild()) {
          do {
            if (r.typeName(cursor.nodeTypeId) === 'identifier') params.push(text.slice(cursor.startIndex, cursor.endIndex));
          } while (cursor.gotoNextSibling());
          cursor.gotoParent();
        }
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (nameStart < 0) return undefined;
  return macroSummary(text.slice(nameStart, nameEnd), params, body, start, end);
}
