/**
 * no-dll-load on build files (docs/rules/no-dll-load.md, docs/installer-facts.md#dll-loading-and-link-dependencies):
 * the libraries a DLL project links (AdditionalDependencies, TARGETLIBS) and the DLLs it
 * delay-loads (DelayLoadDLLs, DELAYLOAD), read by the build readers (RuleServices.build). A
 * library is judged as in `#pragma comment(lib)` (isSystemLibrary, link-pragmas.ts), by its base
 * name (`$(SDK_LIB_PATH)\setupapi.lib` is setupapi); a delay-loaded DLL as in `/DELAYLOAD`
 * (isWindowsDll). The C run time a project picks (`runtime`) loads no DLL of the vendor: no finding.
 *
 * Each entry is reported once, in the file that writes it (a `.props` entry when the `.props` is
 * linted), naming every DLL project of the module that reads it and, when only some of a
 * project's DLL configurations list it, which ones. The DLL is named an installer by the
 * installer model's entry points in the project's listed files (all the module's when it lists
 * none); a module with a model and no entry point there is no installer's: no finding, as for
 * `#pragma comment(lib)`. Without the model, or when the module linted holds none of the
 * project's sources (the model does not know the DLL), the message says "the DLL".
 */
import { basename, extname } from 'node:path';
import {
  isWindowsDll,
  libraryBaseName,
  type BuildConfiguration,
  type BuildFilesService,
  type BuildItem,
  type BuildProject,
  type RuleContext,
  type RuleListener,
} from '../../engine/index.js';
import { isSystemLibrary } from './link-pragmas.js';

export const BUILD_LINK_MESSAGES = {
  buildLibrary:
    '{{library}} is linked into the {{target}}{{where}}: it is not a library of Windows, and installers must not load DLLs through link dependencies.',
  buildDelayLoad:
    '{{dll}} is delay-loaded, linked into the {{target}}{{where}}: it is not part of Windows and loads at the first call to it; installers must not load DLLs through link dependencies.',
} as const;

export type BuildLinkMessageId = keyof typeof BUILD_LINK_MESSAGES;

/** A reported entry: what it names, and the projects (with their configurations) that list it. */
interface Entry {
  kind: BuildLinkMessageId;
  item: BuildItem;
  projects: Map<BuildProject, string[]>;
}

/** The listener of no-dll-load for a build file (languageOfPath 'build'). */
export function buildLinks(context: RuleContext<BuildLinkMessageId, unknown[]>): RuleListener {
  return {
    Program() {
      const build = context.services.build;
      if (!build) return;
      const entries = new Map<string, Entry>();
      for (const project of build.projectsWriting(context.filePath)) {
        const dlls = project.configurations.filter(isDllConfiguration);
        if (dlls.length === 0 || !isInstallerProject(context, build, dlls)) continue;
        for (const configuration of dlls) {
          for (const item of configuration.libraries) if (isVendorLibrary(item.value)) note(entries, 'buildLibrary', item, project, configuration);
          for (const item of configuration.delayLoad) if (isVendorDll(item.value)) note(entries, 'buildDelayLoad', item, project, configuration);
        }
      }
      for (const entry of entries.values()) {
        if (!build.sameFile(entry.item.file, context.filePath)) continue;
        const data = { library: entry.item.value, dll: entry.item.value, target: targets(context, build, entry), where: where(entry) };
        context.report({ loc: entry.item.range, messageId: entry.kind, data });
      }
    },
  };
}

function note(entries: Map<string, Entry>, kind: BuildLinkMessageId, item: BuildItem, project: BuildProject, configuration: BuildConfiguration): void {
  const key = `${kind}:${item.file}:${item.range[0]}:${item.range[1]}`;
  let entry = entries.get(key);
  if (!entry) entries.set(key, (entry = { kind, item, projects: new Map() }));
  const names = entry.projects.get(project) ?? [];
  if (configuration.name !== null) names.push(configuration.name);
  entry.projects.set(project, names);
}

/** MSBuild's `DynamicLibrary`, the WDK's `DYNLINK`. */
function isDllConfiguration(configuration: BuildConfiguration): boolean {
  return /^(dynamiclibrary|dynlink)$/i.test(configuration.targetType?.value ?? '');
}

/** A name the readers could not expand (`$(VendorLibs)`, `%(AdditionalDependencies)`) says nothing. */
const unexpanded = (name: string): boolean => name === '' || /[$%@]\(/.test(name);

/** A library that is not Windows' (an object file is code linked in, no library). */
function isVendorLibrary(value: string): boolean {
  const base = libraryBaseName(value);
  return !unexpanded(base) && !/\.obj$/i.test(base) && !isSystemLibrary(value);
}

function isVendorDll(value: string): boolean {
  return !unexpanded(libraryBaseName(value)) && !isWindowsDll(value);
}

/**
 * Whether the project's DLL is an installer: the model's entry points in the files its DLL
 * configurations list (all of the module's when they list none). Without the model, it may be.
 */
function isInstallerProject(context: RuleContext<BuildLinkMessageId, unknown[]>, build: BuildFilesService, dlls: readonly BuildConfiguration[]): boolean {
  return installerKind(context, build, dlls) !== undefined;
}

function installerKind(context: RuleContext<BuildLinkMessageId, unknown[]>, build: BuildFilesService, dlls: readonly BuildConfiguration[]): string | undefined {
  const model = context.services.installer;
  const listed = dlls.flatMap((c) => [...c.sources, ...c.headers]);
  // the model knows the DLL when the module linted holds its sources (the folder's, when it lists none)
  if (!model || (listed.length > 0 && !listed.some((i) => build.inModule(i.value)))) return 'DLL';
  const entryPoints = listed.length === 0 ? model.entryPoints : model.entryPoints.filter((ep) => listed.some((i) => build.sameFile(i.value, ep.filePath)));
  const kinds = new Set(entryPoints.map((ep) => ep.kind));
  if (kinds.size === 0) return undefined;
  if (kinds.size === 2) return 'class installer and co-installer DLL';
  return kinds.has('co-installer') ? 'co-installer DLL' : 'class installer DLL';
}

/** "co-installer DLL ContosoCoInst", for each project that lists the entry. */
function targets(context: RuleContext<BuildLinkMessageId, unknown[]>, build: BuildFilesService, entry: Entry): string {
  const names = [...entry.projects.keys()].map((project) => {
    const dlls = project.configurations.filter(isDllConfiguration);
    return `${installerKind(context, build, dlls) ?? 'DLL'} ${targetName(project, dlls)}`;
  });
  return names.join(' and the ');
}

/** TargetName / TARGETNAME, else MSBuild's default, the project's name. */
function targetName(project: BuildProject, dlls: readonly BuildConfiguration[]): string {
  const written = dlls.map((c) => c.targetName?.value).find((n) => n !== undefined && n !== '' && !unexpanded(n));
  return written ?? basename(project.file, extname(project.file));
}

/** " (configuration Debug|x64)" when only some of the project's DLL configurations list the entry. */
function where(entry: Entry): string {
  if (entry.projects.size !== 1) return '';
  const [[project, names]] = [...entry.projects];
  const all = project.configurations.filter(isDllConfiguration).length;
  if (names.length === 0 || names.length >= all) return '';
  return names.length === 1 ? ` (configuration ${names[0]})` : ` (configurations ${names.join(', ')})`;
}
