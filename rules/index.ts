/** Every built-in rule, by id: first those of the four guidelines, user interface to services (docs/installer-facts.md#the-four-guidelines). */
import type { RuleModule, RuleSet } from '../engine/index.js';
import noUiOutsideFinishInstall from './no-ui-outside-finish-install.js';
import noInteractiveWindowstationError from './no-interactive-windowstation-error.js';
import noStateInDll from './no-state-in-dll.js';
import noDllLoad from './no-dll-load.js';
import noProcessOutsideFinishInstall from './no-process-outside-finish-install.js';
import waitForFinishInstallProcess from './wait-for-finish-install-process.js';
import noServiceControl from './no-service-control.js';
import noDefaultDifHandlerCall from './no-default-dif-handler-call.js';
import noFileQueueCall from './no-file-queue-call.js';
import unhandledDifReturnCode from './unhandled-dif-return-code.js';
import finishInstallFlagPlacement from './finish-install-flag-placement.js';
import noReservedDifCode from './no-reserved-dif-code.js';
import noCoinstallerClassInstallReserved from './no-coinstaller-class-install-reserved.js';
import infNoLegacyInstaller from './inf-no-legacy-installer.js';

const all = [
  noUiOutsideFinishInstall,
  noInteractiveWindowstationError,
  noStateInDll,
  noDllLoad,
  noProcessOutsideFinishInstall,
  waitForFinishInstallProcess,
  noServiceControl,
  noDefaultDifHandlerCall,
  noFileQueueCall,
  unhandledDifReturnCode,
  finishInstallFlagPlacement,
  noReservedDifCode,
  noCoinstallerClassInstallReserved,
  infNoLegacyInstaller,
];

export const builtinRules: ReadonlyMap<string, RuleModule> = new Map(
  all.map((rule) => [rule.name, rule as unknown as RuleModule]),
);

/** The built-in rules under the name worker threads load them by (engine/batch/lint-worker.ts). */
export { builtinRules as rules };

/** The built-in rules, and where a worker thread loads them from. */
export const builtinRuleSet: RuleSet = { rules: builtinRules, moduleUrl: import.meta.url };
