/** `coinstaller-lint --help`: usage, options, exit status, and the rules with what they check. */
import type { RuleModule } from '../engine/index.js';

export function helpText(rules: ReadonlyMap<string, RuleModule>): string {
  const ids = [...rules.keys()].sort();
  const width = Math.max(0, ...ids.map((id) => id.length));
  const ruleLines = ids.map((id) => {
    const meta = rules.get(id)!.meta;
    const marks = `${meta.docs.recommended ? 'R' : ' '}${meta.fixable ? 'F' : meta.hasSuggestions ? 'S' : ' '}`;
    return `  ${id.padEnd(width)}  ${marks}  ${meta.docs.description}`;
  });
  return `Usage: coinstaller-lint [options] [file|folder|glob ...]

Checks the C/C++ source (and INF files) of Windows class installers and co-installers against
Microsoft's guidelines "Writing Class Installers and Co-Installers". With no paths, lints the
current folder. Folders are walked, skipping node_modules, .git, .hg, .svn, .vs, dist, out and
the config's ignores.

Options:
  -f, --format <name>      Output format: stylish (default), json (ESLint's), sarif (SARIF 2.1.0)
  -o, --output-file <file> Write the report to a file instead of standard output (never over a source,
                           a folder or a device; folders are created only inside the current folder)
  -c, --config <file>      Use this coinstaller-lint.json instead of looking upward from each file
      --rule <id:level>    Set a rule's level (off, warn, error); repeat or separate with commas
      --fix                Apply automatic fixes to the files (in their original encoding and line endings),
                           only inside the folders linted and only to files unchanged since they were read
      --fix-dry-run        Compute fixes and report them (json: "output") without writing files
      --max-warnings <n>   Exit with status 1 when there are more than n warnings
      --quiet              Report errors only
      --cache              Keep results across runs: a module whose files, configuration, build files and
                           tool version are unchanged is not linted again
      --cache-location <path> The cache file (default .coinstaller-lint-cache), or a folder to keep it in
      --cache-strategy content  How changes are found: content (the only one: file hashes)
      --threads <n|auto>   Lint modules on n worker threads (default 1; auto: one per core for big runs)
      --color, --no-color  Force or disable colors (default: when standard output is a terminal)
      --print-config <file> Print the configuration that applies to a file, then exit
      --print-module <file> Print the module a file is linted in (which rule made it, the build file,
                           the configuration, its files; json with --format json), then exit
  -v, --version            Print the version
  -h, --help               Print this help

Exit status: 0 no errors; 1 errors (a file --fix did not write counts as one), or more warnings
than --max-warnings; 2 usage (an -o path refused), configuration or internal error.

Rules (R: in the recommended config, F: automatic fix, S: suggestions; docs in docs/rules/<id>.md):
${ruleLines.join('\n')}
`;
}
