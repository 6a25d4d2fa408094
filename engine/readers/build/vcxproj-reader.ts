/**
 * An MSBuild C/C++ project (`.vcxproj`) and the `.props` it imports, read as data: for each
 * configuration its ProjectConfiguration items name, the ClCompile and ClInclude items, the
 * ConfigurationType and TargetName properties, and the ClCompile and Link item definitions the
 * tool needs (defines, include folders, the C run time, libraries, delay-loaded DLLs, the .def).
 * A project without ProjectConfiguration items has one configuration, named null. Metadata
 * references such as `%(AdditionalDependencies)` take the value earlier definitions gave; other
 * `%(...)` entries are dropped. Paths are resolved against the project's folder (MSBuild runs the
 * compiler and linker there); wildcards and unexpanded paths are kept as written, unresolved.
 */
import { type LocatedText, pathItem, rangeOf, splitEntries, valueItem } from './build-entries.js';
import { folderOf } from './build-paths.js';
import { type BuildConfiguration, type BuildItem, type BuildProject, type ReadBuildFile } from './build-types.js';
import { DocumentCache, type GroupInFile, ProjectEvaluation } from './msbuild-evaluation.js';
import { attributeOf, childElements, elementText, type XmlElement } from './xml-scanner.js';

interface ConfigurationName {
  name: string;
  configuration: string;
  platform: string;
}

export function readVcxproj(file: string, text: string, readFile: ReadBuildFile): BuildProject {
  const cache = new DocumentCache(readFile);
  const project: BuildProject = { kind: 'vcxproj', file, files: cache.files, configurations: [], diagnostics: cache.diagnostics };
  const root = cache.documentOf(file, text)?.root;
  if (!root) return project;
  if (root.name !== 'Project') {
    project.diagnostics.push({ file, message: `not an MSBuild project: the root element is <${root.name}>, not <Project>`, range: root.nameRange });
    return project;
  }
  const names = configurationNames(file, root, cache);
  if (names.length === 0) project.configurations.push(readConfiguration(file, root, cache, undefined));
  for (const name of names) project.configurations.push(readConfiguration(file, root, cache, name));
  return project;
}

/** The ProjectConfiguration items (`Debug|x64`), read without a configuration. */
function configurationNames(file: string, root: XmlElement, cache: DocumentCache): ConfigurationName[] {
  const evaluation = new ProjectEvaluation(file, undefined, cache);
  evaluation.run(root);
  const names: ConfigurationName[] = [];
  for (const item of itemsOf(evaluation, 'itemgroup')) {
    if (item.element.name.toLowerCase() !== 'projectconfiguration') continue;
    const include = attributeOf(item.element, 'Include');
    if (!include) continue;
    for (const entry of splitEntries(include.text, /;/)) {
      const name = evaluation.properties.expand(entry.text).value;
      if (names.some((n) => n.name.toLowerCase() === name.toLowerCase())) continue;
      const [configuration, platform = ''] = name.split('|');
      names.push({
        name,
        configuration: childText(item.element, 'Configuration') ?? configuration,
        platform: childText(item.element, 'Platform') ?? platform,
      });
    }
  }
  return names;
}

function childText(element: XmlElement, name: string): string | undefined {
  const child = childElements(element).find((c) => c.name.toLowerCase() === name.toLowerCase());
  return child ? elementText(child).value.trim() : undefined;
}

/** The children of the groups of one kind whose conditions may hold, with their own conditions. */
function* itemsOf(evaluation: ProjectEvaluation, kind: 'itemgroup' | 'itemdefinitiongroup'): Generator<GroupInFile> {
  for (const group of evaluation.groups) {
    if (group.element.name.toLowerCase() !== kind || evaluation.conditionOf(group.element, group.file) === false) continue;
    for (const element of childElements(group.element)) {
      if (evaluation.conditionOf(element, group.file) !== false) yield { element, file: group.file };
    }
  }
}

function readConfiguration(file: string, root: XmlElement, cache: DocumentCache, name: ConfigurationName | undefined): BuildConfiguration {
  const evaluation = new ProjectEvaluation(file, name, cache);
  evaluation.run(root);
  const folder = folderOf(file);
  const metadata = readItemDefinitions(evaluation);
  const config: BuildConfiguration = {
    name: name?.name ?? null,
    sources: [],
    headers: [],
    includeDirs: (metadata.get('clcompile/additionalincludedirectories') ?? []).map((i) => pathItem(i.value, folder, i.file, i.range)),
    defines: metadata.get('clcompile/preprocessordefinitions') ?? [],
    libraries: metadata.get('link/additionaldependencies') ?? [],
    delayLoad: [...(metadata.get('link/delayloaddlls') ?? []), ...(metadata.get('link/additionaloptions') ?? [])],
  };
  const type = evaluation.properties.get('ConfigurationType');
  if (type) config.targetType = valueItem(type.value, type.file, type.range);
  const target = evaluation.properties.get('TargetName');
  if (target) config.targetName = valueItem(target.value, target.file, target.range);
  const def = metadata.get('link/moduledefinitionfile')?.at(-1);
  if (def) config.moduleDefinitionFile = pathItem(def.value, folder, def.file, def.range);
  const runtime = metadata.get('clcompile/runtimelibrary')?.at(-1)?.value;
  if (runtime && /^MultiThreaded(Debug)?(DLL)?$/i.test(runtime)) config.runtime = /DLL$/i.test(runtime) ? 'dll' : 'static';
  for (const item of itemsOf(evaluation, 'itemgroup')) {
    const kind = item.element.name.toLowerCase();
    if ((kind !== 'clcompile' && kind !== 'clinclude') || attributeOf(item.element, 'Remove') || excludedFromBuild(evaluation, item)) continue;
    const include = attributeOf(item.element, 'Include');
    if (!include) continue;
    const list = kind === 'clcompile' ? config.sources : config.headers;
    for (const i of expandedEntries(evaluation, include.text, /;/, item.file)) list.push(pathItem(i.value, folder, i.file, i.range));
  }
  return config;
}

function excludedFromBuild(evaluation: ProjectEvaluation, item: GroupInFile): boolean {
  return childElements(item.element).some(
    (m) => m.name.toLowerCase() === 'excludedfrombuild' && evaluation.conditionOf(m, item.file) === true && /^true$/i.test(elementText(m).value.trim()),
  );
}

/** The item definitions (`clcompile/preprocessordefinitions` -> entries) in effect at the end. */
function readItemDefinitions(evaluation: ProjectEvaluation): Map<string, BuildItem[]> {
  const metadata = new Map<string, BuildItem[]>();
  for (const item of itemsOf(evaluation, 'itemdefinitiongroup')) {
    const itemType = item.element.name.toLowerCase();
    for (const element of childElements(item.element)) {
      if (evaluation.conditionOf(element, item.file) === false) continue;
      const name = element.name.toLowerCase();
      const key = `${itemType}/${name}`;
      const text = elementText(element);
      const options = name === 'additionaloptions';
      const entries = options ? delayLoadOptions(evaluation, text, item.file) : expandedEntries(evaluation, text, /;/, item.file);
      const merged: BuildItem[] = [];
      for (const entry of entries) {
        const reference = /^%\(\s*([\w-]+)\s*\)$/.exec(entry.value);
        if (reference) {
          if (reference[1].toLowerCase() === name) merged.push(...(metadata.get(key) ?? []));
        } else if (!entry.value.includes('%(')) {
          merged.push(entry);
        }
      }
      metadata.set(key, merged);
    }
  }
  return metadata;
}

/** The entries of a list, each expanded; an entry whose properties expand to a list gives one item per element. */
function expandedEntries(evaluation: ProjectEvaluation, text: LocatedText, separator: RegExp, file: string): BuildItem[] {
  const out: BuildItem[] = [];
  evaluation.properties.thisFile = file;
  for (const entry of splitEntries(text, separator)) {
    if (entry.text.includes('%(')) {
      out.push({ value: entry.text, file, range: entry.range, unresolved: true });
      continue;
    }
    const { value } = evaluation.properties.expand(entry.text);
    for (const part of value.split(separator)) if (part.trim() !== '') out.push(valueItem(part, file, entry.range));
  }
  return out;
}

/** `/DELAYLOAD:x.dll` in Link/AdditionalOptions: the DLL's name and where it is written. */
function delayLoadOptions(evaluation: ProjectEvaluation, text: LocatedText, file: string): BuildItem[] {
  const out: BuildItem[] = [];
  evaluation.properties.thisFile = file;
  for (const entry of splitEntries(text, /\s/)) {
    if (/^%\(/.test(entry.text)) {
      out.push({ value: entry.text, file, range: entry.range, unresolved: true });
      continue;
    }
    const option = /^[-/]DELAYLOAD:/i.exec(entry.text);
    if (!option || entry.text.length === option[0].length) continue;
    const from = entry.from + option[0].length;
    const { value } = evaluation.properties.expand(entry.text.slice(option[0].length));
    out.push(valueItem(value, file, rangeOf(text, from, entry.from + entry.text.length)));
  }
  return out;
}
