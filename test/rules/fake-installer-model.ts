/**
 * A stand-in for the installer model (engine/model/contract.ts) in rule tests: the answers a test
 * gives, and for the others what a module without globals, macros or .def files answers.
 */
import type { InstallerModelService } from '../../engine/model/contract.js';

export function fakeInstallerModel(answers: Pick<InstallerModelService, 'entryPoints'> & Partial<InstallerModelService>): InstallerModelService {
  return {
    contextsAt: () => [],
    onlyFromDllMain: () => false,
    globalAt: () => undefined,
    accessesOf: () => [],
    macroCalls: () => [],
    effectsOf: () => undefined,
    waitsOnParameter: () => undefined,
    defExports: () => [],
    ...answers,
  };
}
