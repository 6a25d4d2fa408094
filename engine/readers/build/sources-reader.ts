/**
 * A WDK `sources` file (the Build utility's makefile dialect: engine/readers/build/makefile-macros.ts),
 * and the `makefile.inc` next to it when it defines the same macros (it is read after the
 * sources file, so its definitions win). One configuration, named null: TARGETNAME, TARGETTYPE,
 * SOURCES (the C/C++ ones; .rc, .mc and .asm files are not compiled as C), TARGETLIBS as written,
 * DLLDEF (when absent, `$(TARGETNAME).def` beside the sources file when it exists, as the Build
 * utility assumes: docs/installer-facts.md, "Build files"), C_DEFINES (`-DNAME`, `/DNAME=1`),
 * INCLUDES (`;`-separated), DELAYLOAD and `/DELAYLOAD:` in LINKER_FLAGS, USE_MSVCRT=1 (the DLL run
 * time) and USE_LIBCMT=1 (the static one). Paths are relative to the sources file's folder.
 */
import { pathItem, rangeOf } from './build-entries.js';
import { folderOf, resolveBuildPath } from './build-paths.js';
import { type BuildConfiguration, type BuildItem, type BuildProject, type ReadBuildFile } from './build-types.js';
import { type MacroEntry, MacroTable } from './makefile-macros.js';

/** The macros this reader reads: makefile.inc counts when it defines one of them. */
const READ_MACROS = ['TARGETNAME', 'TARGETTYPE', 'SOURCES', 'TARGETLIBS', 'DLLDEF', 'C_DEFINES', 'INCLUDES', 'DELAYLOAD', 'LINKER_FLAGS', 'USE_MSVCRT', 'USE_LIBCMT'];
const MAKEFILE_INC_NAMES = ['makefile.inc', 'MAKEFILE.INC', 'Makefile.inc'];
const C_SOURCE = /\.(c|cc|cpp|cxx|c\+\+)$/i;
/** Longer files are not read (a sources file is a few hundred bytes). */
export const MAX_SOURCES_CHARS = 1024 * 1024;

export function readSources(file: string, text: string, readFile: ReadBuildFile): BuildProject {
  if (text.length > MAX_SOURCES_CHARS) {
    const message = `the file is larger than ${MAX_SOURCES_CHARS} characters and is not read`;
    return { kind: 'sources', file, files: [file], configurations: [], diagnostics: [{ file, message, range: [0, 0] }] };
  }
  const folder = folderOf(file);
  const macros = new MacroTable();
  macros.read(text, file, true);
  const files = [file];
  for (const name of MAKEFILE_INC_NAMES) {
    const incFile = resolveBuildPath(folder, name);
    const incText = readFile(incFile);
    if (incText === undefined) continue;
    if (incText.length > MAX_SOURCES_CHARS) break;
    const probe = new MacroTable();
    if (probe.read(incText, incFile, false).some((m) => READ_MACROS.includes(m))) {
      macros.read(incText, incFile, false);
      files.push(incFile);
    }
    break;
  }
  const config: BuildConfiguration = {
    name: null,
    sources: macros
      .entries('SOURCES', /\s/)
      .filter((e) => e.unresolved || C_SOURCE.test(e.value))
      .map((e) => pathItem(e.value, folder, e.file, e.range)),
    headers: [],
    includeDirs: macros.entries('INCLUDES', /;/).map((e) => pathItem(e.value, folder, e.file, e.range)),
    defines: compilerDefines(macros.entries('C_DEFINES', /\s/)),
    libraries: macros.entries('TARGETLIBS', /\s/).map(item),
    delayLoad: [...macros.entries('DELAYLOAD', /[;\s]/).map(item), ...linkerDelayLoads(macros.entries('LINKER_FLAGS', /\s/))],
  };
  const targetName = macros.entries('TARGETNAME', /\s/)[0];
  if (targetName) config.targetName = item(targetName);
  const targetType = macros.entries('TARGETTYPE', /\s/)[0];
  if (targetType) config.targetType = item(targetType);
  const def = moduleDefinitionFile(macros, folder, readFile, targetName, targetType);
  if (def) config.moduleDefinitionFile = def;
  if (macros.entries('USE_LIBCMT', /\s/)[0]?.value === '1') config.runtime = 'static';
  if (macros.entries('USE_MSVCRT', /\s/)[0]?.value === '1') config.runtime = 'dll';
  return { kind: 'sources', file, files, configurations: [config], diagnostics: macros.diagnostics };
}

function item(entry: MacroEntry): BuildItem {
  const out: BuildItem = { value: entry.value, file: entry.file, range: entry.range };
  if (entry.unresolved) out.unresolved = true;
  return out;
}

/** The part of an entry after a prefix, with its own range. */
function after(entry: MacroEntry, prefix: number): MacroEntry {
  const from = entry.from + prefix;
  const to = entry.from + entry.text.length;
  return { ...entry, text: entry.text.slice(prefix), from, range: rangeOf(entry.piece, from, to), value: entry.value.slice(prefix) };
}

/** `-DNAME`, `/DNAME=1`, `-D NAME`: the definitions, as written after the switch. */
function compilerDefines(entries: MacroEntry[]): BuildItem[] {
  const out: BuildItem[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!/^[-/]D/.test(entry.text)) continue;
    if (entry.text.length > 2) out.push(item(after(entry, 2)));
    else if (entries[i + 1]) out.push(item(entries[++i]));
  }
  return out;
}

function linkerDelayLoads(entries: MacroEntry[]): BuildItem[] {
  const out: BuildItem[] = [];
  for (const entry of entries) {
    const option = /^[-/]DELAYLOAD:/i.exec(entry.text);
    if (option && entry.text.length > option[0].length) out.push(item(after(entry, option[0].length)));
  }
  return out;
}

/**
 * DLLDEF, resolved against the folder. `$O\x.def` (or `$(O)\x.def`, `$(OBJ_PATH)\$(O)\x.def`) is the
 * Build utility's preprocessed copy of `x.def` or `x.src` in the sources folder: that file is meant.
 */
function moduleDefinitionFile(
  macros: MacroTable,
  folder: string,
  readFile: ReadBuildFile,
  targetName: MacroEntry | undefined,
  targetType: MacroEntry | undefined,
): BuildItem | undefined {
  const def = macros.entries('DLLDEF', /\s/)[0];
  if (def) {
    const generated = /^(?:\$\(OBJ_PATH\)[\\/])?\$(?:O|\(O\))[\\/]([^\\/$]+)$/i.exec(def.text);
    if (generated) {
      const stem = generated[1].replace(/\.[^.]*$/, '');
      for (const candidate of [generated[1], `${stem}.src`]) {
        const resolved = resolveBuildPath(folder, candidate);
        if (readFile(resolved) !== undefined) return { value: resolved, file: def.file, range: def.range };
      }
    }
    return pathItem(def.value, folder, def.file, def.range);
  }
  if (!targetName || targetName.unresolved || !/^DYNLINK$/i.test(targetType?.value ?? '')) return undefined;
  const assumed = resolveBuildPath(folder, `${targetName.value}.def`);
  return readFile(assumed) === undefined ? undefined : { value: assumed, file: targetName.file, range: targetName.range };
}
