/**
 * The engine's public API: everything outside engine/ (the rules, the CLI, the language server,
 * the benchmarks) imports the engine from here and nowhere else (test/architecture checks it).
 */

// Linting paths: files found from patterns, grouped into modules, on this thread or on workers
export { collectFiles, SKIPPED_FOLDERS, type WalkProblem, type WalkResult } from './batch/file-walker.js';
export { lintFileList, type LintFileListOptions } from './batch/lint-file-list.js';
export { type LintCacheStats, lintWithCache, type LintWithCacheOptions, toolFingerprint } from './batch/lint-cache.js';
export { DEFAULT_CACHE_FILE, resolveCacheLocation } from './batch/lint-cache-file.js';
export { emptyStats, groupModules, lintPaths, type ModuleLocator, type PathLintResult, prepareModuleTask } from './batch/lint-paths.js';
export { createConfigFor, createLintSetup, createModuleLinter, type LintSetupOptions, type RuleSet } from './batch/lint-setup.js';
export { cachedModuleLocator, type CachedLocatorOptions, sessionModuleLocator } from './batch/module-locator.js';
export { autoThreads, lintPathsParallel } from './batch/parallel.js';
export { createSourceReads, type SourceReads } from './batch/source-reads.js';
export { moduleHasSignal } from './batch/prefilter.js';

// Build files read as data: which DLL project compiles a file (module discovery goes by it)
export { type BuildIndex, createBuildIndex } from './build/build-index.js';

// Configuration: coinstaller-lint.json, presets, overrides, its JSON schema
export { ConfigError } from './config/config-error.js';
export { buildConfigSchema, CONFIG_SCHEMA_PATH, serializeConfigSchema } from './config/config-schema.js';
export { isIgnored } from './config/ignores.js';
export { applyRuleOverrides, applySettingsOverrides, CONFIG_FILE_NAME, ConfigResolver, parseConfigText } from './config/load-config.js';
export { type ResolvedConfig } from './config/resolved-config.js';
export { mergeOptions } from './config/rule-options.js';

// Formatters: stylish, json (ESLint's), sarif
export { type Formatter, type FormatterContext, FORMATTER_NAMES, type FormatterName, formatters } from './formatters/index.js';

// Incremental linting: a session of open documents, relinted after each edit (the language server's)
export { type FileNotice, type FileOutcome, type ModuleResults, type NoticeSeverity } from './incremental/file-outcome.js';
export { createLintSession, LintSession, type LintSessionOptions, type LintSessionStats } from './incremental/lint-session.js';
export { type ConfigOutcome, type SessionConfigs } from './incremental/session-config.js';
export { SourceDocument, type TextChange } from './incremental/source-document.js';
export { editBetween } from './incremental/tree-edit.js';

// What the guidelines name: API lists, DIF codes
export { DEFAULT_DIF_HANDLER_CODES, DEFAULT_DIF_HANDLERS, FORMATTING_APIS, isFileQueueApi, isTracingApi, isWindowsDll, LIBRARY_LOAD_APIS, libraryBaseName, NO_EFFECT_MACROS, PROCESS_APIS, PROCESS_HANDLE_USES, RESERVED_DIF_CODES, SERVICE_CONTROL_APIS, STATIC_RUNTIME_LIBRARIES, SYSTEM_LIBRARIES, TRACING_APIS, UI_APIS, WAIT_APIS } from './knowledge/api-lists.js';
export { INSTALL_SECTION_APIS, SPINST_FILES, SPINST_FLAGS } from './knowledge/install-sections.js';
export { CLSCTX_VALUES, COM_CREATION_APIS, COM_CREATION_METHODS, COM_DIALOG_MACROS, COM_DIALOG_METHODS, COM_SMART_POINTERS, type ComCreationApi, DEFAULT_METHOD_CLASS_CONTEXT, IN_PROCESS_CLASS_CONTEXT, WINDOWS_CLSIDS } from './knowledge/com-classes.js';
export { describeInteractivity, difCodeInfo, type DifCodeInfo, difInteractivity, type DifInteractivity } from './knowledge/dif-codes.js';

// The linter and the rule API (ESLint-shaped)
export { createRule } from './linter/create-rule.js';
export { mergeFixes } from './linter/fixer.js';
export { fileLanguage, Linter, type ModuleFileInput, type ParsedFile, type ServiceProvider } from './linter/linter.js';
export { PACKAGE_ROOT, readRuleDoc, ruleDocUrl } from './linter/rule-docs.js';
export { SourceCode } from './linter/source-code.js';
export { type FileEdits, type Fix, type LintMessage, type ModuleFilesService, type RuleEdit, type OffsetRange, type RelatedLocation, type RuleContext, type RuleDocs, type RuleEntry, type RuleListener, type RuleMeta, type RuleModule, type RuleServices, type SharedSettings } from './linter/types.js';
// Build files as lintable files: the module's projects as the rules see them (RuleServices.build)
export { buildFilesProvider, type BuildFilesService, type BuildReader } from './linter/build-files.js';
export { type BuildConfiguration, type BuildDiagnostic, type BuildItem, type BuildProject } from './readers/build/build-types.js';

// The installer model: entry points, DIF contexts, globals (contract.ts is what rules may ask)
export { AncestorChain } from './model/ancestor-chain.js';
export { type DefExport, type EntryPointInfo, entryPointName, type GlobalAccess, type InstallerModelService, type ModuleEffects, type ModuleGlobal, type ParameterWait, type ReachingContext, siteContext } from './model/contract.js';
export { allowsUiWhenNotQuiet, mayShowUserInterface } from './model/dif-facts.js';
export { summarizeFile } from './model/file-summary.js';
export { createInstallerModelProvider, discoverModule, installerModelProvider, type LocatedModule, type ModuleOrigin } from './model/index.js';
export { isModuleFile, moduleRoot } from './model/module-discovery.js';
export { wasmBindingOf } from './model/summarize-cursor.js';
export { summarizeCppFile } from './model/summarize.js';
export { SummaryCache } from './model/summary-cache.js';
export { type FileSummary } from './model/summary-types.js';

// Parsing C/C++: tree-sitter, Windows macro blanking
export { CppParser, isBuildFile, languageOfPath, loadCppLanguage, wasmMemoryBytes } from './parsing/cpp-parser.js';
export { blankWindowsMacros } from './parsing/macro-blanking.js';

// INF and DEF readers
export { type InfDocument, parseInf } from './readers/inf-parser.js';
export { coInstallersSectionsWithoutValues, defaultEntryPoint, type InfInstallerReference, installerReferencesOf, isClassInstall32Section, isCoInstallersSection } from './readers/installer-references.js';

// Build files read as data: .vcxproj (and the .props it imports), WDK sources, compile_commands.json
export { isBuildFileName, readBuildFile, readCompileCommands, readSources, readVcxproj } from './readers/build/index.js';
export { type ReadBuildFile } from './readers/build/build-types.js';

// Syntax helpers over tree-sitter nodes, shared by the model and the rules
export { ancestors, closestAncestor, pathFromRoot } from './syntax/ancestors.js';
export { calleeName, calleeNode, memoByName } from './syntax/calls.js';
export { caseLabel, caseStatements, casesOf, difComparison, difSwitches, dispatchAt, stripParens } from './syntax/dif-dispatch.js';
export { inDisabledCode } from './syntax/disabled-code.js';
export { argumentDirection, declaredParameterDirections, directionsByName, type ParameterDirection } from './syntax/parameter-directions.js';
export { descendantsByType, enclosingFunction, functionAt, functionDeclarator, functionName, identifiersSpelled, parameters, statementsOf } from './syntax/functions.js';
export { CASE_EXITS, holdsJumpOrLabel, isJump, JUMP_STATEMENTS } from './syntax/jumps.js';
export { breaksOutOf, followStatements, returnedValue, statementsAfter } from './syntax/return-paths.js';
export { declaredName, FileScope, type FileVariable, resolveVariable } from './syntax/variable-scope.js';

// Text: decoding, reading and writing source files, line index
export { decodeBytes } from './text/decode.js';
export { lineColumn, LineIndex, utf16ToUtf8Column, utf8ToUtf16Column } from './text/line-index.js';
export { insideRoots, isSpecialPath, realRoots } from './build/workspace-files.js';
export { DEFAULT_MAX_FILE_BYTES, type FileStamp, readSourceFile, type ReadSourceResult, type WriteOutcome, writeSourceFile } from './text/source-file.js';
