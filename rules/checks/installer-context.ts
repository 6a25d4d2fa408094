/**
 * What the rules ask of the installer model (rules/model/), in one place: whether a site runs
 * under a DIF code, under which one, and the chain that leads there as related information.
 * Without the model (a host that did not provide it) rules fall back to flagging every site.
 */
import type { RelatedLocation, RuleContext } from '../engine/types.js';

export interface ChainStep {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range?: readonly [number, number];
  label: string;
}

export interface ReachingContext {
  entryPoint: { name: string; kind?: string } | string;
  difCode: string;
  interactive: boolean;
  quietGuarded?: boolean;
  postProcessing?: boolean;
  chain: ChainStep[];
}

export interface InstallerModelService {
  entryPoints: readonly unknown[];
  contextsAt(filePath: string, offset: number): ReachingContext[];
  onlyFromDllMain(filePath: string, offset: number): boolean;
}

export interface InstallerModelView extends InstallerModelService {
  hasEntryPoints(): boolean;
}

export function installerModelOf(context: RuleContext<string, unknown[]>): InstallerModelView | undefined {
  const model = context.services.installer as InstallerModelService | undefined;
  if (!model || typeof model.contextsAt !== 'function') return undefined;
  return Object.assign(Object.create(model) as InstallerModelService, {
    hasEntryPoints: () => model.entryPoints.length > 0,
  }) as InstallerModelView;
}

export function entryPointName(c: ReachingContext): string {
  return typeof c.entryPoint === 'string' ? c.entryPoint : c.entryPoint.name;
}

export function chainToRelated(chain: readonly ChainStep[]): RelatedLocation[] {
  return chain.map((s) => ({
    filePath: s.filePath,
    message: s.label,
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    range: s.range ? [s.range[0], s.range[1]] : undefined,
  }));
}

/**
 * The context a finding at this site is reported under: the first reaching context that matches
 * `filter` (default: any), with the shortest chain. Undefined when none reaches the site.
 */
export function siteContext(
  model: InstallerModelService,
  filePath: string,
  offset: number,
  filter: (c: ReachingContext) => boolean = () => true,
): { entryPoint: string; difCode: string; context: ReachingContext; related: RelatedLocation[] } | undefined {
  const contexts = model.contextsAt(filePath, offset).filter(filter);
  if (contexts.length === 0) return undefined;
  const best = contexts.reduce((a, b) => (b.chain.length < a.chain.length ? b : a));
  return { entryPoint: entryPointName(best), difCode: best.difCode, context: best, related: chainToRelated(best.chain) };
}
