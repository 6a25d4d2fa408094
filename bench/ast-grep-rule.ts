/**
 * The peer's rule: an ast-grep rule matching calls of the API names the linter's rules look for
 * (engine/knowledge/api-lists.ts), as a C statement pattern `$F($$$ARGS);` narrowed to the
 * call_expression by `selector`, with the names as a regex constraint on $F.
 */
import { DEFAULT_DIF_HANDLERS, LIBRARY_LOAD_APIS, PROCESS_APIS, SERVICE_CONTROL_APIS, UI_APIS } from '../engine/index.js';

export function apiNamePattern(): string {
  const names = [...UI_APIS, ...LIBRARY_LOAD_APIS, ...PROCESS_APIS, ...SERVICE_CONTROL_APIS, ...DEFAULT_DIF_HANDLERS].sort();
  // isFileQueueApi: SetupQueueCopy*, SetupQueueDelete*, SetupQueueRename*, SetupQueueDefaultCopy[AW]
  return `^(${names.join('|')}|SetupQueue(Copy|Delete|Rename)\\w*|SetupQueueDefaultCopy[AW]?)$`;
}

export function astGrepRuleYaml(): string {
  return [
    'id: installer-api-call',
    'language: c',
    'severity: error',
    'message: call of an API the installer guidelines restrict',
    'rule:',
    '  pattern:',
    "    context: '$F($$$ARGS);'",
    '    selector: call_expression',
    'constraints:',
    '  F:',
    `    regex: '${apiNamePattern()}'`,
    '',
  ].join('\n');
}

/** The native binary (the npm shim in node_modules/.bin adds a node start to every run). */
export function astGrepBinary(repoRoot: string): string {
  return `${repoRoot}/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep`;
}

/** Arguments for `ast-grep scan` over `dirs` with `threads` threads, ignore files not honoured. */
export function astGrepArgs(ruleFile: string, dirs: readonly string[], threads: number): string[] {
  return [
    'scan',
    '--rule',
    ruleFile,
    '--json=stream',
    '--threads',
    String(threads),
    // the generated corpus lives in .bench-cache/, which .gitignore lists
    '--no-ignore',
    'hidden',
    '--no-ignore',
    'vcs',
    '--no-ignore',
    'parent',
    '--no-ignore',
    'dot',
    ...dirs,
  ];
}
