/**
 * What every output formatter receives and returns. A formatter turns the lint results of one run
 * into the whole text the CLI prints (or writes with -o); it never writes anything itself.
 */
import type { LintResult, RuleModule } from '../linter/types.js';

export interface FormatterContext {
  /** The working directory: paths are shown, and SARIF URIs written, relative to it. */
  cwd: string;
  /** Every rule the run knows, by id (SARIF lists exactly these as rule descriptors). */
  rules: ReadonlyMap<string, RuleModule>;
  /** ANSI colours in the stylish output. The other formats ignore it. */
  color: boolean;
  /** The package version, for SARIF's tool.driver.version. */
  toolVersion: string;
  /** The markdown of docs/rules/<id>.md, or undefined when there is none (SARIF help). */
  ruleDoc: (ruleId: string) => string | undefined;
  /** Where people learn about the tool (SARIF tool.driver.informationUri). Defaults to the package README. */
  informationUri?: string;
}

export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;
