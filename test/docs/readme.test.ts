import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.js';
import { withRuleTable } from '../../scripts/rule-table.js';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('lists every rule, as the rules describe themselves (run scripts/rule-table.ts after changing a rule)', () => {
    expect(readme).toBe(withRuleTable(readme, builtinRules));
  });

  it('links a documentation page that exists for every rule', () => {
    for (const id of builtinRules.keys()) {
      expect(readme).toContain(`](docs/rules/${id}.md)`);
      expect(() => readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8'), id).not.toThrow();
    }
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npx coinstaller-lint examples/');
    expect(readme).toContain('npm test');
  });
});
