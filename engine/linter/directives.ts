/**
 * Inline directives in comments:
 *   // coinstaller-lint-disable-next-line rule-a, rule-b -- reason
 *   // coinstaller-lint-disable-line rule-a
 *   /* coinstaller-lint-disable rule-a *\/ ... /* coinstaller-lint-enable rule-a *\/
 * No rule list means every rule. A directive that suppresses nothing is reported.
 */
import type { LineIndex } from '../text/line-index.js';
import type { Fix, OffsetRange } from './types.js';

export interface Comment {
  /** The comment's text without its delimiters (`//`, `/* *\/`, `;`). */
  value: string;
  /** The whole comment, delimiters included. */
  range: OffsetRange;
}

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids, or null for "every rule". */
  rules: string[] | null;
  comment: Comment;
  /** 0-based line the directive applies to (line forms only). */
  line: number;
}

const DIRECTIVE_RE = /^\s*coinstaller-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;

export function parseDirectives(comments: readonly Comment[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE_RE.exec(comment.value);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    // A reason follows " -- ".
    const body = match[2].split(/\s--(?:\s|$)/)[0];
    const names = body
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const startLine = lines.lineOf(comment.range[0]);
    const endLine = lines.lineOf(Math.max(comment.range[0], comment.range[1] - 1));
    out.push({
      kind,
      rules: names.length > 0 ? names : null,
      comment,
      line: kind === 'disable-next-line' ? endLine + 1 : startLine,
    });
  }
  return out;
}

export interface Suppressible {
  ruleId: string | null;
  range: OffsetRange;
}

export interface UnusedDirective {
  directive: Directive;
  /** The rule ids in the directive that suppressed nothing (null: the directive named none). */
  rules: (string | null)[];
  /** Rule ids that no rule of the engine has. */
  unknownRules: string[];
  /** Removes the whole comment (and its line when nothing else is on it), when every part is unused. */
  fix?: Fix;
}

/**
 * Splits messages into those kept and those a directive suppresses, and lists the directives
 * (and rule names inside them) that suppressed nothing.
 */
export function applyDirectives<M extends Suppressible>(
  messages: readonly M[],
  directives: readonly Directive[],
  lines: LineIndex,
  knownRule: (id: string) => boolean,
): { kept: M[]; unused: UnusedDirective[] } {
  const used = new Map<Directive, Set<string | null>>();
  const markUsed = (d: Directive, rule: string | null) => {
    let set = used.get(d);
    if (!set) used.set(d, (set = new Set()));
    set.add(rule);
  };
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  const kept: M[] = [];
  for (const message of messages) {
    if (message.ruleId === null) {
      kept.push(message);
      continue;
    }
    const line = lines.lineOf(message.range[0]);
    let suppressor: Directive | undefined;
    for (const d of directives) {
      if ((d.kind === 'disable-line' || d.kind === 'disable-next-line') && d.line === line && covers(d, message.ruleId)) {
        suppressor = d;
        break;
      }
    }
    suppressor ??= activeBlockDisable(blocks, message.ruleId, message.range[0]);
    if (suppressor) markUsed(suppressor, suppressor.rules ? message.ruleId : null);
    else kept.push(message);
  }
  const unused: UnusedDirective[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const hit = used.get(d);
    const names: (string | null)[] = d.rules ?? [null];
    const unusedNames = names.filter((n) => !hit || !hit.has(n));
    const unknownRules = (d.rules ?? []).filter((n) => !knownRule(n));
    if (unusedNames.length === 0 && unknownRules.length === 0) continue;
    const allUnused = unusedNames.length === names.length;
    unused.push({ directive: d, rules: unusedNames, unknownRules, fix: allUnused ? removeComment(d.comment, lines) : undefined });
  }
  return { kept, unused };
}

function covers(d: Directive, ruleId: string): boolean {
  return d.rules === null || d.rules.includes(ruleId);
}

/** The `disable` block directive in force for a rule at an offset, if any. */
function activeBlockDisable(blocks: readonly Directive[], ruleId: string, offset: number): Directive | undefined {
  let active: Directive | undefined;
  for (const d of blocks) {
    if (d.comment.range[0] > offset) break;
    if (!covers(d, ruleId)) continue;
    active = d.kind === 'disable' ? d : undefined;
  }
  return active;
}

function removeComment(comment: Comment, lines: LineIndex): Fix {
  const [start, end] = comment.range;
  const line = lines.lineOf(start);
  const lineStart = lines.lineStarts[line];
  const contentEnd = lines.contentEnd(line);
  const before = lines.text.slice(lineStart, start);
  const after = lines.text.slice(end, contentEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after) && lines.lineOf(end) === line) {
    // Alone on its line: take the whole line with its terminator.
    const next = line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : lines.text.length;
    return { range: [lineStart, next], text: '' };
  }
  // Trailing comment: take it and the blanks before it.
  let from = start;
  while (from > lineStart && (lines.text[from - 1] === ' ' || lines.text[from - 1] === '\t')) from--;
  return { range: [from, end], text: '' };
}
