/**
 * The markdown of hovers: a rule's guideline, why it matters and how to fix it (from its page in
 * docs/rules); a DIF code's meaning and interactivity; an entry point's DIF codes. Pure.
 */
import { describeInteractivity, type DifCodeInfo, type EntryPointInfo, type RuleModule } from '../../engine/index.js';

/** The body of a "## Heading" section of a markdown page, trimmed, or undefined. */
export function markdownSection(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^##? /.test(lines[end])) end++;
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body.length > 0 ? body : undefined;
}

export function ruleHover(ruleId: string, rule: RuleModule | undefined, page: string | undefined, docUrl: string, message?: string): string {
  const parts: string[] = [`**${ruleId}** (coinstaller-lint)`];
  if (message) parts.push(message);
  if (rule) {
    parts.push(rule.meta.docs.description);
    parts.push(`**Guideline:** ${rule.meta.docs.guideline}`);
  }
  if (page) {
    const why = markdownSection(page, 'Why it matters');
    const fix = markdownSection(page, 'How to fix it');
    if (why) parts.push(`**Why it matters.** ${why}`);
    if (fix) parts.push(`**How to fix it.** ${fix}`);
  }
  parts.push(`[Documentation of ${ruleId}](${docUrl})`);
  return parts.join('\n\n');
}

export function difCodeHover(info: DifCodeInfo): string {
  const hex = `0x${info.value.toString(16).toUpperCase().padStart(2, '0')}`;
  const parts = [`**${info.name}** (${hex}): ${info.meaning}`, `**Interactive context:** ${describeInteractivity(info.interactivity)}`];
  if (info.note) parts.push(info.note);
  return parts.join('\n\n');
}

/**
 * `callsByDif`: for each DIF code, the functions the entry point calls while handling it (from
 * the installer model), in source order.
 */
export function entryPointHover(
  entry: EntryPointInfo,
  lookup: (code: string) => DifCodeInfo | undefined,
  callsByDif: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  const kind = entry.kind === 'co-installer' ? 'Co-installer' : 'Class installer';
  const parts = [`**${entry.name}**: ${kind} entry point (found by ${entry.via.join(', ')})`];
  if (entry.handledDifCodes.length === 0) {
    parts.push('Handles no DIF code explicitly.');
  } else {
    const rows = entry.handledDifCodes.map((code) => {
      const info = lookup(code);
      const calls = callsByDif.get(code);
      const does = calls && calls.length > 0 ? ` Calls ${calls.map((c) => `\`${c}\``).join(', ')}.` : '';
      if (!info) return `- \`${code}\`${does}`;
      return `- \`${code}\`: ${info.meaning} *${describeInteractivity(info.interactivity)}*${does}`;
    });
    parts.push(`Handles:\n${rows.join('\n')}`);
  }
  const fallback = entry.kind === 'co-installer' ? 'NO_ERROR' : 'ERROR_DI_DO_DEFAULT';
  parts.push(`For any other DIF code a ${kind.toLowerCase()} returns \`${fallback}\`.`);
  return parts.join('\n\n');
}
