/**
 * The installer model: which DIF codes reach every site of a module, whether that
 * context is interactive, and the shortest chain from an entry point; plus the module's globals.
 * See docs/architecture.md.
 */
import type { ParsedFile, ServiceProvider } from '../linter/linter.js';
import type { SharedSettings } from '../linter/types.js';
import { inactiveRangesOf } from '../parsing/cpp-parser.js';
import { summarizeFile } from './file-summary.js';
import { buildModuleModel, type InstallerModel } from './installer-model.js';
import type { SummaryCache } from './summary-cache.js';

export { createModuleLocator, discoverModule, type LocatedModule, type ModuleDiscoveryOptions, type ModuleOrigin, moduleRoot } from './module-discovery.js';
export { SummaryCache } from './summary-cache.js';
export { summarizeFile } from './file-summary.js';
export { buildModuleModel, ANY_DIF_CODE, OTHER_DIF_CODE, type InstallerModel, type ModelExtras } from './installer-model.js';
export type { FileSummary } from './summary-types.js';

/**
 * The model of a module's parsed files, reusing cached summaries of unchanged files. With
 * `settingsOf`, the entry points settings.entryPoints names are looked up per file, in the
 * configuration of each file (docs/installer-facts.md#entry-points); else `settings` hold for all.
 */
export function modelOfFiles(
  files: readonly ParsedFile[],
  settings: Partial<SharedSettings>,
  cache?: SummaryCache,
  settingsOf?: (filePath: string) => Partial<SharedSettings>,
): InstallerModel {
  const summaries = files.map((file) => {
    // a tree parsed with a configuration's conditions is another tree of the same text
    const inactive = file.sourceCode.tree && inactiveRangesOf(file.sourceCode.tree);
    const text = inactive ? `${file.sourceCode.text}\0${inactive.join(';')}` : file.sourceCode.text;
    const cached = cache?.get(file.filePath, text);
    if (cached) return cached;
    const summary = summarizeFile(file);
    cache?.set(file.filePath, text, summary);
    return summary;
  });
  return buildModuleModel(summaries, {
    settings: { entryPoints: settings.entryPoints ?? [], interactiveFunctions: settings.interactiveFunctions ?? [] },
    entryPointsOf: settingsOf && ((filePath) => settingsOf(filePath).entryPoints ?? []),
  });
}

/** Provides `services.installer` (InstallerModelService) to the rules. */
export function createInstallerModelProvider(options: { summaryCache?: SummaryCache } = {}): ServiceProvider {
  return (files, settings, settingsOf) => ({ installer: modelOfFiles(files, settings, options.summaryCache, settingsOf) });
}

export const installerModelProvider: ServiceProvider = createInstallerModelProvider();
