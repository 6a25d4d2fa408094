/**
 * docs/rules/<id>.md, one page per rule, in the shape docs/contributing.md asks for: the title,
 * the description and the Guideline line agree with the rule's meta (written by hand, checked
 * here), the Type line is the generated one (scripts/rule-page.ts), and the sections are there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleModule } from '../../engine/linter/types.js';
import { markdownToText } from '../../engine/formatters/markdown-text.js';
import { builtinRules } from '../../rules/index.js';
import { PAGE_META_MARKER, pageSkeleton, typeLine, withPageMeta } from '../../scripts/rule-page.js';

const root = join(import.meta.dirname, '../..');
const page = (id: string) => readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8');

/** The sections every page has, in this order (others, such as "How to fix it", may come between). */
const SECTIONS = ['What it checks', 'Why it matters', 'Examples', 'Options', 'When not to use it'];

/** Markdown read as words: links as their text, no backticks, blanks collapsed. */
const words = (markdown: string) =>
  markdown
    .replace(/\[([^\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function fakeRule(meta: Partial<RuleModule['meta']> & { recommended?: boolean }): RuleModule {
  const { recommended = true, ...rest } = meta;
  return {
    meta: { type: 'problem', docs: { description: 'Disallow ZzTestApi', guideline: 'Testing', url: '', recommended }, messages: {}, schema: [], ...rest },
    create: () => ({}),
  };
}

describe('docs/rules/', () => {
  it('holds a page for every rule, and no page for a rule that does not exist', () => {
    const pages = readdirSync(join(root, 'docs/rules')).filter((n) => n.endsWith('.md'));
    expect(pages.map((n) => n.slice(0, -3)).sort()).toEqual([...builtinRules.keys()].sort());
  });

  it('has a test file test/rules/<id>.test.ts for every rule', () => {
    const missing = [...builtinRules.keys()].filter((id) => !existsSync(join(root, 'test/rules', `${id}.test.ts`)));
    expect(missing).toEqual([]);
  });
});

describe.each([...builtinRules])('docs/rules/%s.md', (id, rule) => {
  const text = page(id);
  const lines = text.split('\n');

  it('opens with the id as its title and the meta description as its first paragraph', () => {
    expect(lines[0]).toBe(`# ${id}`);
    expect(lines[1]).toBe('');
    const end = lines.indexOf('', 2);
    expect(words(lines.slice(2, end).join('\n'))).toBe(`${rule.meta.docs.description}.`);
  });

  it('names the guideline of the meta first on its Guideline line, with a link to Microsoft', () => {
    const guideline = lines.find((l) => l.startsWith('- **Guideline:** '));
    expect(guideline).toBeDefined();
    const named = words(guideline!.slice('- **Guideline:** '.length));
    expect(named.slice(0, rule.meta.docs.guideline.length)).toBe(rule.meta.docs.guideline);
    expect(guideline).toMatch(/\]\(https:\/\/learn\.microsoft\.com\//);
  });

  it('has the generated Type line, marked as generated, in the list after the description', () => {
    const at = lines.indexOf(typeLine(rule));
    expect(at).toBeGreaterThan(0);
    const marker = lines.indexOf(PAGE_META_MARKER);
    expect(marker).toBeGreaterThan(0);
    expect(lines.slice(marker + 1, at).every((l) => l.startsWith('- '))).toBe(true);
  });

  it(`has the sections ${SECTIONS.join(', ')}, in order, and incorrect and correct examples`, () => {
    const headings = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(headings.filter((h) => SECTIONS.includes(h))).toEqual(SECTIONS);
    const examples = text.slice(text.indexOf('\n## Examples\n'));
    expect(examples).toMatch(/\nIncorrect\b[^\n]*\n\n```/);
    expect(examples).toMatch(/\nCorrect\b[^\n]*\n\n```/);
  });

  it('has no TODO left, and no comment in its plain-text rendering (SARIF help)', () => {
    expect(text).not.toContain('TODO');
    expect(markdownToText(text)).not.toContain('<!--');
  });
});

describe('the generated Type line', () => {
  it('gives the type, whether recommended turns the rule on and at which level, and its fixes', () => {
    expect(typeLine(fakeRule({}))).toBe('- **Type:** problem · **Recommended:** yes (error) · **Fix:** none');
    expect(typeLine(fakeRule({ type: 'suggestion', hasSuggestions: true }))).toBe('- **Type:** suggestion · **Recommended:** yes (warning) · **Fix:** suggestion');
    expect(typeLine(fakeRule({ recommended: false, fixable: 'code' }))).toBe('- **Type:** problem · **Recommended:** no (error in `"extends": "all"`) · **Fix:** automatic');
    expect(typeLine(fakeRule({ fixable: 'code', hasSuggestions: true }))).toBe('- **Type:** problem · **Recommended:** yes (error) · **Fix:** automatic, or a suggestion');
  });

  it('is rewritten in place, with the marker before the list, keeping the line endings', () => {
    const before = '# zz\r\n\r\nDisallow ZzTestApi.\r\n\r\n- **Guideline:** [Testing](https://x)\r\n- **Type:** problem · **Recommended:** yes · **Fix:** yes\r\n- **Files:** `.inf`\r\n\r\n## What it checks\r\n';
    expect(withPageMeta(before, 'zz', fakeRule({ recommended: false }))).toBe(
      `# zz\r\n\r\nDisallow ZzTestApi.\r\n\r\n${PAGE_META_MARKER}\r\n- **Guideline:** [Testing](https://x)\r\n` +
        '- **Type:** problem · **Recommended:** no (error in `"extends": "all"`) · **Fix:** none\r\n- **Files:** `.inf`\r\n\r\n## What it checks\r\n',
    );
  });

  it('goes after the Guideline line of a page that has none, and a page without a Guideline line is refused', () => {
    const before = `# zz\n\nDisallow ZzTestApi.\n\n${PAGE_META_MARKER}\n- **Guideline:** Testing\n\n## What it checks\n`;
    expect(withPageMeta(before, 'zz', fakeRule({}))).toBe(
      `# zz\n\nDisallow ZzTestApi.\n\n${PAGE_META_MARKER}\n- **Guideline:** Testing\n- **Type:** problem · **Recommended:** yes (error) · **Fix:** none\n\n## What it checks\n`,
    );
    expect(() => withPageMeta('# zz\n\nDisallow ZzTestApi.\n', 'zz', fakeRule({}))).toThrow('docs/rules/zz.md has no "- **Guideline:**" line');
  });

  it('is in the skeleton written for a rule without a page, which the page checks refuse until its TODOs are gone', () => {
    const skeleton = pageSkeleton('zz-test-rule', fakeRule({}));
    expect(skeleton.startsWith(`# zz-test-rule\n\nDisallow ZzTestApi.\n\n${PAGE_META_MARKER}\n- **Guideline:** Testing (TODO`)).toBe(true);
    expect(withPageMeta(skeleton, 'zz-test-rule', fakeRule({}))).toBe(skeleton);
    for (const section of SECTIONS) expect(skeleton).toContain(`\n## ${section}\n`);
    expect(skeleton).toContain('\nIncorrect:\n\n```c\n');
    expect(skeleton).toContain('\nCorrect:\n\n```c\n');
    expect(skeleton).toContain('TODO');
  });
});
