/**
 * Small markdown helpers for SARIF rule help: make a page's relative links absolute (a viewer
 * shows the page far from docs/rules/), and a plain-text rendering for help.text.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Rewrites relative link targets `](other-rule.md)` against `base` (the page's own URL). */
export function resolveRelativeLinks(markdown: string, base: string): string {
  if (!SCHEME.test(base)) return markdown;
  return markdown.replace(/\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g, (whole, target: string, title: string) => {
    if (SCHEME.test(target) || target.startsWith('#')) return whole;
    try {
      return `](${new URL(target, base).href}${title})`;
    } catch {
      return whole;
    }
  });
}

/**
 * Markdown as plain text: headings lose their #s, code fences their ``` lines, inline code its
 * backticks, emphasis its stars, links read `text (url)`, and a line that is only an HTML comment
 * goes. Everything else is kept as written.
 */
export function markdownToText(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  const out: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    // a viewer does not show it either (docs/rules pages mark their generated line with one: scripts/rule-page.ts)
    if (/^\s*<!--.*-->\s*$/.test(line)) continue;
    out.push(
      line
        .replace(/^#{1,6}\s+/, '')
        .replace(/\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_w, text: string, url: string) => (text === url || text === '' ? url : `${text} (${url})`))
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/__([^_]+)__/g, '$1')
        .replace(/`([^`]*)`/g, '$1'),
    );
  }
  return out.join('\n');
}
