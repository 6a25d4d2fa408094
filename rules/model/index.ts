/**
 * TEMPORARY placeholder while the installer model (issue 3) is written: modules are folders and
 * no services are provided, so rules behave as without a model. Replaced by the real model.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ParsedFile, ServiceProvider } from '../engine/linter.js';

const MODULE_FILE = /\.(c|cc|cpp|cxx|h|hpp|hxx|inl|def|inf|inx)$/i;

export function discoverModule(filePath: string): { root: string; files: string[] } {
  const root = dirname(filePath);
  let files: string[] = [];
  try {
    files = readdirSync(root).filter((n) => MODULE_FILE.test(n)).map((n) => join(root, n));
  } catch {
    files = [filePath];
  }
  return { root, files };
}

export class SummaryCache {}

export function createInstallerModelProvider(_options?: { summaryCache?: SummaryCache }): ServiceProvider {
  return (_files: readonly ParsedFile[]) => ({});
}

export const installerModelProvider: ServiceProvider = createInstallerModelProvider();
