/**
 * The installer entry points defined in the file being linted, as syntax nodes: from the
 * installer model when the host provides it, else from the prototype alone (three or four
 * parameters shaped DI_FUNCTION/UINT, HDEVINFO, PSP_DEVINFO_DATA[, PCOINSTALLER_CONTEXT_DATA]).
 */
import type { Node } from 'web-tree-sitter';
import { type EntryPointInfo, functionAt, functionName, type InstallerModelService, parameters, type RuleContext } from '../../engine/index.js';

export type InstallerKind = 'co-installer' | 'class-installer';

export interface FileEntryPoint {
  node: Node;
  name: string;
  kind: InstallerKind;
  /** The DIF code parameter's name, when it has one. */
  dif: string | undefined;
  deviceInfoSet: string | undefined;
  deviceInfoData: string | undefined;
  context: string | undefined;
  /** What the model knows of it (absent when found by prototype only). */
  info?: EntryPointInfo;
}

export function entryPointsInFile(context: RuleContext<string, unknown[]>): FileEntryPoint[] {
  // several rules ask, for the same file and model: found once (the list is read, never changed)
  const model = context.services.installer;
  const known = found.get(context.sourceCode);
  if (known && known.model === model && known.filePath === context.filePath) return known.entries;
  const entries = findEntryPoints(context, model);
  found.set(context.sourceCode, { model, filePath: context.filePath, entries });
  return entries;
}

/** The entry points found per SourceCode (one lint of one file: it goes with the SourceCode). */
const found = new WeakMap<object, { model: InstallerModelService | undefined; filePath: string; entries: FileEntryPoint[] }>();

function findEntryPoints(context: RuleContext<string, unknown[]>, model: InstallerModelService | undefined): FileEntryPoint[] {
  const root = context.sourceCode.ast;
  if (!root) return [];
  if (model) {
    const out: FileEntryPoint[] = [];
    for (const info of model.entryPoints) {
      if (info.filePath !== context.filePath) continue;
      const node = definitionAt(root, info.range);
      if (!node) continue;
      const params = parameters(node).map((p) => p.name ?? undefined);
      out.push({
        node,
        name: info.name,
        kind: info.kind,
        dif: info.params.dif ?? params[0],
        deviceInfoSet: info.params.deviceInfoSet ?? params[1],
        deviceInfoData: info.params.deviceInfoData ?? params[2],
        context: info.params.context ?? params[3],
        info,
      });
    }
    return out;
  }
  return root
    .descendantsOfType('function_definition')
    .filter((n): n is Node => n !== null)
    .flatMap((node) => {
      const kind = installerKindOfPrototype(node);
      if (!kind) return [];
      const params = parameters(node).map((p) => p.name ?? undefined);
      return [
        {
          node,
          name: functionName(node) ?? '(installer)',
          kind,
          dif: params[0],
          deviceInfoSet: params[1],
          deviceInfoData: params[2],
          context: params[3],
        },
      ];
    });
}

function definitionAt(root: Node, range: readonly [number, number]): Node | undefined {
  return functionAt(root, range) ?? undefined;
}

const DIF_TYPES = new Set(['DI_FUNCTION', 'UINT']);
const SET_TYPES = new Set(['HDEVINFO']);
const DATA_TYPES = new Set(['PSP_DEVINFO_DATA', 'SP_DEVINFO_DATA *']);
const CONTEXT_TYPES = new Set(['PCOINSTALLER_CONTEXT_DATA', 'COINSTALLER_CONTEXT_DATA *']);

/** The installer kind a definition's parameter list has, or null. */
export function installerKindOfPrototype(fn: Node): InstallerKind | null {
  const types = parameters(fn).map((p) => p.type.replace(/\bconst\b/g, '').replace(/\s+/g, ' ').trim());
  if (types.length < 3 || types.length > 4) return null;
  if (!DIF_TYPES.has(types[0]) || !SET_TYPES.has(types[1]) || !DATA_TYPES.has(types[2])) return null;
  if (types.length === 3) return 'class-installer';
  return CONTEXT_TYPES.has(types[3]) ? 'co-installer' : null;
}

