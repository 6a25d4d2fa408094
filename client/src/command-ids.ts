/** The commands the extension contributes (package.json contributes.commands). */
export const RESTART_SERVER_COMMAND = 'coinstallerLint.restartServer';
export const FIX_ALL_COMMAND = 'coinstallerLint.fixAllProblems';
export const SHOW_OUTPUT_COMMAND = 'coinstallerLint.showOutput';
export const OPEN_RULE_DOCS_COMMAND = 'coinstallerLint.openRuleDocumentation';

export const CONTRIBUTED_COMMANDS = [RESTART_SERVER_COMMAND, FIX_ALL_COMMAND, SHOW_OUTPUT_COMMAND, OPEN_RULE_DOCS_COMMAND] as const;

/** The code action kind of the server's "fix all" (source.fixAll.coinstaller-lint). */
export const FIX_ALL_KIND = 'source.fixAll.coinstaller-lint';
/** The diagnostics' source. */
export const DIAGNOSTIC_SOURCE = 'coinstaller-lint';
