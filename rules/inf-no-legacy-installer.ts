/**
 * Universal and Windows Driver (DCH) packages: an INF must not register co-installers or class
 * installers ([DDInstall.CoInstallers], CoInstallers32 and Installer32 values, [ClassInstall32]
 * with Installer32). The rule follows settings.target: it reports for "windows-driver" and
 * "universal" and stays silent for "legacy". With the installer model it also reports a value
 * that names no function with an installer signature in the module, and points the others at
 * the C entry point they name.
 */
import { createRule, defaultEntryPoint, type EntryPointInfo, type InfDocument, type InfInstallerReference, type InstallerModelService, installerReferencesOf, isClassInstall32Section, isCoInstallersSection, parseInf, type RelatedLocation } from '../engine/index.js';

type MessageIds =
  | 'coInstallersSection'
  | 'classInstall32Section'
  | 'coInstaller'
  | 'classCoInstaller'
  | 'classInstaller'
  | 'unknownEntryPoint';

/**
 * Co-installers Microsoft ships with its frameworks: never the module's own code. Versions are
 * digits, or a stampinf token in .inx files (WdfCoInstaller$KMDFCOINSTALLERVERSION$.dll).
 */
const MICROSOFT_INSTALLER_DLLS = /^(wdfcoinstaller|wudfupdate_?|winusbcoinstaller)(\d+|\$[a-z_]+\$)?\.dll$/i;

export default createRule<MessageIds, []>({
  name: 'inf-no-legacy-installer',
  languages: ['inf'],
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow co-installers and class installers in the INF of a universal or Windows Driver (DCH) package',
      guideline: 'Universal and Windows Drivers packages (declarative INF)',
      recommended: true,
    },
    messages: {
      coInstallersSection:
        '[{{section}}] registers device co-installers: a universal or Windows Driver package must not have a DDInstall.CoInstallers section.',
      classInstall32Section:
        '[{{section}}] registers the class installer {{installer}}: a universal or Windows Driver package must not install a class installer.',
      coInstaller:
        'CoInstallers32 registers the co-installer {{installer}}: co-installers are not allowed in a universal or Windows Driver package.',
      classCoInstaller:
        'This value registers {{installer}} as a class co-installer: co-installers are not allowed in a universal or Windows Driver package.',
      classInstaller:
        'Installer32 registers the class installer {{installer}}: class installers are not allowed in a universal or Windows Driver package.',
      unknownEntryPoint:
        '{{kind}} names {{entryPoint}} in {{dll}}, but no function of this module has an installer signature under that name.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (context.settings.target === 'legacy') return {};
    const model = context.services.installer;
    return {
      Program() {
        const doc = parseInf(context.sourceCode.text);
        const refs = installerReferencesOf(doc, { anyAddReg: true });
        reportSections(doc, refs, (d) => context.report(d));
        const aliases = model ? defAliases(model) : new Map<string, string>();
        for (const ref of refs) {
          const installer = installerLabel(ref);
          const entry = model ? findEntryPoint(model, ref, aliases) : undefined;
          const related = model && entry ? entryPointRelated(model, entry) : undefined;
          context.report({
            loc: ref.range,
            messageId: ref.classCoInstaller ? 'classCoInstaller' : ref.kind === 'Installer32' ? 'classInstaller' : 'coInstaller',
            data: { installer },
            related,
          });
          if (model && !entry && model.entryPoints.length > 0 && !MICROSOFT_INSTALLER_DLLS.test(ref.dll)) {
            context.report({
              loc: ref.entryPointRange ?? ref.range,
              messageId: 'unknownEntryPoint',
              data: { kind: ref.classCoInstaller ? 'The CoDeviceInstallers value' : ref.kind, entryPoint: entryPointName(ref), dll: ref.dll },
            });
          }
        }
      },
    };
  },
});

function reportSections(
  doc: InfDocument,
  refs: readonly InfInstallerReference[],
  report: (d: { loc: [number, number]; messageId: MessageIds; data: Record<string, unknown> }) => void,
): void {
  for (const section of doc.sections) {
    if (isCoInstallersSection(section.name)) {
      report({ loc: section.nameRange, messageId: 'coInstallersSection', data: { section: section.name } });
    } else if (isClassInstall32Section(section.name)) {
      const installers = refs.filter(
        (r) => r.kind === 'Installer32' && r.installSection?.toLowerCase() === section.name.toLowerCase(),
      );
      if (installers.length === 0) continue;
      report({
        loc: section.nameRange,
        messageId: 'classInstall32Section',
        data: { section: section.name, installer: installerLabel(installers[0]) },
      });
    }
  }
}

function entryPointName(ref: InfInstallerReference): string {
  return ref.entryPoint ?? defaultEntryPoint(ref.kind);
}

function installerLabel(ref: InfInstallerReference): string {
  return `"${ref.dll},${entryPointName(ref)}"`;
}

/** Names a function is known by: its own, plus its export names when the model gives them. */
function namesOf(entry: EntryPointInfo): string[] {
  return [entry.name, ...(entry.exportNames ?? [])];
}

/**
 * `exported -> internal` aliases of the module's .def files (`CoDeviceInstall = ContosoCoInstaller`),
 * for an INF naming the exported name.
 */
function defAliases(model: InstallerModelService): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of model.defExports()) if (e.internalName) out.set(e.name, e.internalName);
  return out;
}

const undecorate = (name: string) => name.replace(/^_?([A-Za-z_$][\w$]*)@\d+$/, '$1');

/** The entry point of the module the reference names, when it has an installer signature. */
function findEntryPoint(
  model: InstallerModelService,
  ref: InfInstallerReference,
  aliases: ReadonlyMap<string, string>,
): EntryPointInfo | undefined {
  const name = entryPointName(ref);
  const wanted = new Set([name, undecorate(name)]);
  const internal = aliases.get(name);
  if (internal) wanted.add(undecorate(internal));
  return model.entryPoints.find(
    (e) => (e.via.includes('signature') || e.via.includes('config')) && namesOf(e).some((n) => wanted.has(n)),
  );
}

/** Related information pointing at the C function, when the model tells where its name is. */
function entryPointRelated(model: InstallerModelService, entry: EntryPointInfo): RelatedLocation[] | undefined {
  const loc = nameLocation(model, entry);
  if (!loc) return undefined;
  const what = entry.kind === 'co-installer' ? 'co-installer' : 'class installer';
  return [
    {
      filePath: entry.filePath,
      message: `${entry.name}, the ${what} entry point this value names`,
      ...loc,
      range: [entry.nameRange[0], entry.nameRange[1]],
    },
  ];
}

type Loc = { line: number; column: number; endLine: number; endColumn: number };

/**
 * Line and column of the entry point's name in its file: `nameLoc`, which engine/model gives;
 * else (a model that gives offsets only) a chain step anchored exactly on the name (the step
 * "X handles ..." of a context reaching the name). Undefined otherwise.
 */
function nameLocation(model: InstallerModelService, entry: EntryPointInfo): Loc | undefined {
  if (entry.nameLoc) return entry.nameLoc;
  const [start, end] = entry.nameRange;
  for (const context of model.contextsAt(entry.filePath, start)) {
    const step = context.chain.find(
      (s) => s.filePath === entry.filePath && s.range !== undefined && s.range[0] === start && s.range[1] === end,
    );
    if (step) return { line: step.line, column: step.column, endLine: step.endLine, endColumn: step.endColumn };
  }
  return undefined;
}
