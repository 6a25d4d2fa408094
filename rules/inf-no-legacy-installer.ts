/**
 * Universal and Windows Driver (DCH) packages: an INF must not register co-installers or class
 * installers (CoInstallers32 and Installer32 values, [DDInstall.CoInstallers] sections). The rule
 * follows settings.target: it reports for "windows-driver" and "universal", naming the target in
 * its messages, and stays silent for "legacy". It reports once per registration: each value, or a
 * [DDInstall.CoInstallers] section itself when it has no value to point at. With the installer
 * model it also reports a value that names no entry point of the module, and points the others at
 * the C entry point they name.
 */
import { coInstallersSectionsWithoutValues, createRule, defaultEntryPoint, type EntryPointInfo, type InfInstallerReference, type InstallerModelService, installerReferencesOf, parseInf, type RelatedLocation, type SharedSettings } from '../engine/index.js';

type MessageIds =
  | 'coInstallersSection'
  | 'coInstaller'
  | 'classCoInstaller'
  | 'classInstaller'
  | 'unknownEntryPoint'
  | 'notInstallerSignature';

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
        '[{{section}}] is a DDInstall.CoInstallers section: co-installers are not allowed when the package targets {{target}} (settings.target).',
      coInstaller:
        'CoInstallers32 registers the co-installer {{installer}}: co-installers are not allowed when the package targets {{target}} (settings.target).',
      classCoInstaller:
        'This value registers {{installer}} as a class co-installer: co-installers are not allowed when the package targets {{target}} (settings.target).',
      classInstaller:
        'Installer32 registers the class installer {{installer}}: class installers are not allowed when the package targets {{target}} (settings.target).',
      unknownEntryPoint:
        '{{kind}} names {{entryPoint}} in {{dll}}, but no function of this module has an installer signature under that name.',
      notInstallerSignature:
        "{{kind}} names {{entryPoint}} in {{dll}}: this module's {{entryPoint}} does not have an installer's parameters (DI_FUNCTION, HDEVINFO, PSP_DEVINFO_DATA and, for a co-installer, PCOINSTALLER_CONTEXT_DATA).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    if (context.settings.target === 'legacy') return {};
    const target = TARGET_NAMES[context.settings.target ?? 'windows-driver'];
    const model = context.services.installer;
    return {
      Program() {
        const doc = parseInf(context.sourceCode.text);
        const refs = installerReferencesOf(doc, { anyAddReg: true });
        // A section is reported only when it has no value of its own: a value is the registration.
        for (const section of coInstallersSectionsWithoutValues(doc)) {
          context.report({ loc: section.nameRange, messageId: 'coInstallersSection', data: { section: section.name, target } });
        }
        const aliases = model ? defAliases(model) : new Map<string, string>();
        for (const ref of refs) {
          const installer = installerLabel(ref);
          const entry = model ? findEntryPoint(model, ref, aliases) : undefined;
          const related = entry && hasSignature(entry) ? entryPointRelated(model!, entry) : undefined;
          context.report({
            loc: ref.range,
            messageId: ref.classCoInstaller ? 'classCoInstaller' : ref.kind === 'Installer32' ? 'classInstaller' : 'coInstaller',
            data: { installer, target },
            related,
          });
          if (!model || (entry && hasSignature(entry)) || model.entryPoints.length === 0 || MICROSOFT_INSTALLER_DLLS.test(ref.dll)) continue;
          // The model takes a function the INF names for an entry point even without the installer's
          // parameters, and other rules then say "while <it> handles ...": never call it missing.
          context.report({
            loc: ref.entryPointRange ?? ref.range,
            messageId: entry ? 'notInstallerSignature' : 'unknownEntryPoint',
            data: { kind: ref.classCoInstaller ? 'The CoDeviceInstallers value' : ref.kind, entryPoint: entryPointName(ref), dll: ref.dll },
          });
        }
      },
    };
  },
});

/** How the messages name the target settings.target gives. */
const TARGET_NAMES: Record<Exclude<SharedSettings['target'], 'legacy'>, string> = {
  'windows-driver': 'Windows Drivers',
  universal: 'universal drivers',
};

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

const hasSignature = (e: EntryPointInfo) => e.via.includes('signature') || e.via.includes('config');

/**
 * The entry point of the module the reference names: one with an installer signature (or named in
 * settings.entryPoints) first, else any the model found under that name (by .def, dllexport or INF).
 */
function findEntryPoint(
  model: InstallerModelService,
  ref: InfInstallerReference,
  aliases: ReadonlyMap<string, string>,
): EntryPointInfo | undefined {
  const name = entryPointName(ref);
  const wanted = new Set([name, undecorate(name)]);
  const internal = aliases.get(name);
  if (internal) wanted.add(undecorate(internal));
  const named = model.entryPoints.filter((e) => namesOf(e).some((n) => wanted.has(n)));
  return named.find(hasSignature) ?? named[0];
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
