/**
 * `--print-module FILE`: the module a file is linted in (api/module.ts moduleFor), as lines (the
 * rule, the build file, the configuration, then the files one per line, relative to the current
 * folder when inside it) or as JSON with `--format json` (absolute paths).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { type ConfigOptions, type FormatterName, moduleFor } from '../api/index.js';
import type { CliIo } from './main.js';

export function printModule(file: string, format: FormatterName, config: ConfigOptions & { cwd: string }, io: CliIo): number {
  if (!existsSync(resolve(io.cwd, file))) {
    io.stderr(`coinstaller-lint: ${file}: no such file\n`);
    return 2;
  }
  const module = moduleFor(file, config);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(module, null, 2)}\n`);
    return 0;
  }
  const shown = (p: string) => {
    const r = relative(io.cwd, p);
    return r.startsWith('..') || isAbsolute(r) ? p : r;
  };
  const lines = [`rule: ${module.rule}`];
  if (module.buildFile !== undefined) {
    lines.push(`build file: ${shown(module.buildFile)}`);
    lines.push(`configuration: ${module.configuration ?? '(none)'}`);
  }
  lines.push('files:', ...module.files.map((f) => `  ${shown(f)}`));
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
