/** What the extension tells the user when the server cannot run. Pure. */

export function missingServerMessage(serverPath: string): string {
  return (
    `coinstaller-lint: the language server is missing from the extension (${serverPath}). ` +
    'Reinstall the extension from its .vsix.'
  );
}

export function startFailedMessage(error: unknown): string {
  const why = reason(error);
  // vscode-languageclient's words when the process went away before answering `initialize`.
  if (/connection got disposed|connection is closed|connection is disposed/i.test(why)) {
    return 'coinstaller-lint: the language server exited while starting. See the output for details.';
  }
  return `coinstaller-lint: the language server could not start: ${why}. See the output for details.`;
}

export function crashLoopMessage(stops: number, windowMs: number): string {
  const minutes = Math.round(windowMs / 60000);
  return (
    `coinstaller-lint: the language server stopped ${stops} times in the last ${minutes} minutes and will not be ` +
    'restarted. See the output for the cause, then run "coinstaller-lint: Restart Server".'
  );
}

export function reason(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\.$/, '');
  if (typeof error === 'string' && error.length > 0) return error.replace(/\.$/, '');
  return 'unknown error';
}
