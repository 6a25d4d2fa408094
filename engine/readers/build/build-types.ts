/**
 * What the build readers (vcxproj-reader.ts, sources-reader.ts, compile-commands-reader.ts) give:
 * a build file read as data, never executed. One shape for MSBuild projects, WDK `sources` files
 * and compile_commands.json, so that module discovery, the rules and the language server read
 * every build the same way. Offsets are UTF-16 offsets into the text of the build file that holds
 * the item (a `.props` a project imports holds its own items).
 */

/** A value as the build file writes it, and where. */
export interface BuildItem {
  /** The value after property expansion (`$(Name)` of the project and its imports), trimmed. */
  value: string;
  /** The build file the value is written in (absolute path). */
  file: string;
  /** Offsets of the value as written in `file` (for a list entry, the entry alone). */
  range: [number, number];
  /** True when the value still holds a `$(...)` or `%(...)` the reader could not expand. */
  unresolved?: boolean;
}

/** One configuration of the project, or the only one of a build file that has none. */
export interface BuildConfiguration {
  /** `Configuration|Platform` ("Release|x64"), or null for a build file without configurations. */
  name: string | null;
  /** MSBuild ConfigurationType (`DynamicLibrary`, `Application`, ...) or TARGETTYPE (`DYNLINK`, `PROGRAM`, ...). */
  targetType?: BuildItem;
  /** TargetName / TARGETNAME: the DLL's name without extension. */
  targetName?: BuildItem;
  /** The compiled sources, absolute paths (ClCompile, SOURCES, compile_commands "file"). */
  sources: BuildItem[];
  /** ClInclude items, absolute paths (sources files and compile_commands have none). */
  headers: BuildItem[];
  /** Include folders, absolute paths (AdditionalIncludeDirectories, INCLUDES, -I//I). */
  includeDirs: BuildItem[];
  /** Preprocessor definitions as written, `NAME` or `NAME=VALUE` (PreprocessorDefinitions, C_DEFINES, -D//D). */
  defines: BuildItem[];
  /** Libraries the DLL links, as written (`contoso.lib`, `$(SDK_LIB_PATH)\setupapi.lib`): AdditionalDependencies, TARGETLIBS. */
  libraries: BuildItem[];
  /** DLLs loaded on first use: DelayLoadDLLs, DELAYLOAD, /DELAYLOAD: in link options. */
  delayLoad: BuildItem[];
  /** ModuleDefinitionFile / DLLDEF: the .def that names the exports (absolute path). */
  moduleDefinitionFile?: BuildItem;
  /** The C run time: `static` (/MT, USE_LIBCMT) or `dll` (/MD, USE_MSVCRT); undefined when not said. */
  runtime?: 'static' | 'dll';
}

/** A build file that could not be read as its format says (malformed XML, an unterminated line). */
export interface BuildDiagnostic {
  /** The build file (absolute path). */
  file: string;
  message: string;
  /** Offsets in `file`; [0, 0] when the format gives no position. */
  range: [number, number];
}

export interface BuildProject {
  kind: 'vcxproj' | 'sources' | 'compile_commands';
  /** The build file itself (absolute path). */
  file: string;
  /** Every build file read for it: the project, its imports, makefile.inc (absolute paths). */
  files: string[];
  configurations: BuildConfiguration[];
  diagnostics: BuildDiagnostic[];
}

/**
 * How a reader reads another file (an import, makefile.inc): its text, or undefined when it is
 * missing, unreadable or outside the workspace (readers never read past what this allows).
 */
export type ReadBuildFile = (absolutePath: string) => string | undefined;
