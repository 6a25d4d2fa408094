/**
 * Diagnostics for a coinstaller-lint.json itself: the ConfigError its text gives (syntax, unknown
 * keys, bad levels or options), at the offending key or value.
 */
import { basename } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, ConfigError, LineIndex, parseConfigText, type RuleModule } from '../../engine/index.js';
import { DIAGNOSTIC_SOURCE } from '../convert/diagnostics.js';
import { toLspRange, type PositionEncoding } from '../convert/positions.js';

export function isConfigFile(filePath: string): boolean {
  return basename(filePath) === CONFIG_FILE_NAME;
}

export function configFileDiagnostics(
  text: string,
  filePath: string,
  rules: ReadonlyMap<string, RuleModule>,
  encoding: PositionEncoding,
): Diagnostic[] {
  try {
    parseConfigText(text, filePath, rules);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [configErrorDiagnostic(error, new LineIndex(text), encoding)];
  }
}

export function configErrorDiagnostic(error: ConfigError, lines: LineIndex, encoding: PositionEncoding): Diagnostic {
  let range = toLspRange(lines, [0, 0], encoding);
  if (error.range) range = toLspRange(lines, error.range, encoding);
  else if (error.line !== undefined) {
    const offset = lines.offsetAt(error.line - 1, (error.column ?? 1) - 1);
    range = toLspRange(lines, [offset, offset], encoding);
  }
  const expected = error.expected && !error.problem.includes(error.expected) ? ` (expected ${error.expected})` : '';
  return {
    range,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'invalid-config',
    message: `${error.problem}${expected}`,
  };
}
