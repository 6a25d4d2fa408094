/**
 * What one generated installer module holds (bench/installer-module.ts): its kind, the style of its
 * entry point and which violations are planted, drawn from the module's random stream; and the
 * names and builders that the writers of its files share.
 */
import type { Random } from './random.js';
import type { SourceBuilder } from './source-builder.js';

export type Kind = 'co' | 'class';

export interface Plan {
  kind: Kind;
  style: 'switch' | 'if';
  signature: 'sal' | 'inout' | 'plain';
  eol: '\n' | '\r\n';
  subfolder: boolean;
  pragma: boolean;
  state: boolean;
  load: boolean;
  process: boolean;
  ui: boolean;
  readme: boolean;
  service: boolean;
  windowstation: boolean;
  defaultHandler: boolean;
  queue: boolean;
  flag: boolean;
  reserved: boolean;
  unhandled: boolean;
}

export function plan(rng: Random): Plan {
  const kind: Kind = rng.chance(0.8) ? 'co' : 'class';
  const co = kind === 'co';
  return {
    kind,
    style: rng.chance(0.6) ? 'switch' : 'if',
    signature: rng.pick(['sal', 'inout', 'plain'] as const),
    eol: rng.chance(0.3) ? '\r\n' : '\n',
    subfolder: rng.chance(0.3),
    pragma: rng.chance(0.3),
    state: rng.chance(0.5),
    load: rng.chance(0.4),
    process: rng.chance(0.4),
    ui: rng.chance(0.6),
    readme: rng.chance(0.4),
    service: rng.chance(0.4),
    windowstation: rng.chance(0.3),
    defaultHandler: co && rng.chance(0.4),
    queue: co && rng.chance(0.4),
    flag: co && rng.chance(0.3),
    reserved: rng.chance(0.3),
    unhandled: co && rng.chance(0.5),
  };
}

/** The module being written: its plan and names, and the files and header prototypes so far. */
export interface ModuleContext {
  rng: Random;
  p: Plan;
  vendor: string;
  device: string;
  /** The stem of the file names: vendor, device and index, lower case. */
  base: string;
  /** The module's folder. */
  dir: string;
  /** The folder of the helper files: `dir`, or `dir/src` when the plan has a subfolder. */
  src: string;
  /** The header as the helper files include it. */
  inc: string;
  /** The exported entry point. */
  entry: string;
  /** A new file of the module, listed in the order of the calls. */
  file: (path: string) => SourceBuilder;
  /** The header's prototypes, in order. */
  prototypes: string[];
}
