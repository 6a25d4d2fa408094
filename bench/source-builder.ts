/**
 * Builds a generated source file line by line and records where planted violations are: the
 * 1-based line and column (UTF-16 code units, as the linter reports them) of a token on a line.
 */

export interface PlantedFinding {
  /** Path relative to the corpus root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  ruleId: string;
}

export interface Mark {
  ruleId: string;
  /** The text the finding starts at; its first occurrence on the line. */
  token: string;
}

export class SourceBuilder {
  private readonly lines: string[] = [];
  readonly findings: PlantedFinding[] = [];

  constructor(readonly file: string) {}

  /** Appends lines; a mark applies to the first line of the call. */
  add(...lines: string[]): this {
    this.lines.push(...lines);
    return this;
  }

  /** Appends one line holding a planted violation. */
  plant(line: string, ...marks: Mark[]): this {
    const lineNumber = this.lines.push(line);
    for (const mark of marks) {
      const at = line.indexOf(mark.token);
      if (at < 0) throw new Error(`token ${mark.token} not on line: ${line}`);
      this.findings.push({ file: this.file, line: lineNumber, column: at + 1, ruleId: mark.ruleId });
    }
    return this;
  }

  /** The text, every line ended with `eol`. */
  text(eol: '\n' | '\r\n'): string {
    return this.lines.join(eol) + eol;
  }
}
