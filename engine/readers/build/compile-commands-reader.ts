/**
 * A compilation database (`compile_commands.json`: an array of {directory, file, command |
 * arguments}), read as data. One configuration, named null: every entry's file (resolved against
 * its directory), and the union of the entries' defines (`-DNAME`, `/D NAME=1`) and include folders
 * (`-Idir`, `/I dir`, `-isystem dir`, `-iquote dir`), each once at its first place: the database
 * gives each file its own flags, the configuration keeps one list for the DLL. A `command` is
 * split as the Windows command line splits it (double quotes group, `\"` is a quote, other
 * backslashes are kept). Malformed JSON gives a diagnostic at the parse error.
 */
import { JsoncSyntaxError, type JsonNode, parseJsonc } from '../../config/jsonc.js';
import { type LocatedText, pathItem, rangeOf, sliceLocated } from './build-entries.js';
import { folderOf, resolveBuildPath } from './build-paths.js';
import { type BuildConfiguration, type BuildDiagnostic, type BuildItem, type BuildProject } from './build-types.js';

type StringNode = Extract<JsonNode, { type: 'string' }>;

export function readCompileCommands(file: string, text: string): BuildProject {
  const config: BuildConfiguration = { name: null, sources: [], headers: [], includeDirs: [], defines: [], libraries: [], delayLoad: [] };
  const diagnostics: BuildDiagnostic[] = [];
  const project: BuildProject = { kind: 'compile_commands', file, files: [file], configurations: [config], diagnostics };
  let root: JsonNode;
  try {
    root = parseJsonc(text);
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    diagnostics.push({ file, message: `malformed JSON: ${error.problem}${error.expected ? ` (expected ${error.expected})` : ''}`, range: error.range });
    return project;
  }
  if (root.type !== 'array') {
    diagnostics.push({ file, message: 'a compilation database is a JSON array of {directory, file, command or arguments}', range: root.range });
    return project;
  }
  for (const entry of root.items) readEntry(file, text, entry, config, diagnostics);
  return project;
}

function readEntry(file: string, text: string, entry: JsonNode, config: BuildConfiguration, diagnostics: BuildDiagnostic[]): void {
  if (entry.type !== 'object') {
    diagnostics.push({ file, message: 'an entry of a compilation database is an object {directory, file, command or arguments}', range: entry.range });
    return;
  }
  const member = (key: string): JsonNode | undefined => entry.members.find((m) => m.key === key)?.value;
  const directoryNode = member('directory');
  const fileNode = member('file');
  if (fileNode?.type !== 'string') {
    diagnostics.push({ file, message: 'an entry without a "file" string', range: fileNode?.range ?? entry.range });
    return;
  }
  const directory = resolveBuildPath(folderOf(file), directoryNode?.type === 'string' ? directoryNode.value : '.');
  addOnce(config.sources, pathItem(fileNode.value, directory, file, contentRange(fileNode)));
  const argumentsNode = member('arguments');
  const commandNode = member('command');
  let words: LocatedText[] = [];
  if (argumentsNode?.type === 'array') {
    words = argumentsNode.items.filter((n): n is StringNode => n.type === 'string').map((n) => jsonString(text, n));
  } else if (commandNode?.type === 'string') {
    words = commandWords(jsonString(text, commandNode));
  } else {
    diagnostics.push({ file, message: 'an entry without "arguments" (an array) or "command" (a string)', range: entry.range });
    return;
  }
  readFlags(file, words.slice(1), directory, config);
}

function readFlags(file: string, words: LocatedText[], directory: string, config: BuildConfiguration): void {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const flag = /^(?:[-/]D|[-/]I|-isystem|-iquote)/.exec(word.value)?.[0];
    if (!flag) continue;
    let operand: LocatedText | undefined = sliceLocated(word, flag.length, word.value.length);
    if (operand.value === '') operand = words[++i];
    if (!operand || operand.value === '') continue;
    const range = rangeOf(operand, 0, operand.value.length);
    if (/D$/.test(flag)) addOnce(config.defines, { value: operand.value, file, range });
    else addOnce(config.includeDirs, pathItem(operand.value, directory, file, range));
  }
}

function addOnce(list: BuildItem[], item: BuildItem): void {
  if (!list.some((i) => i.value === item.value)) list.push(item);
}

function contentRange(node: StringNode): [number, number] {
  return [node.range[0] + 1, node.range[1] - 1];
}

/** A JSON string's decoded characters, each with where it is written (an escape is one character written over several). */
function jsonString(text: string, node: StringNode): LocatedText {
  const out: LocatedText = { value: '', starts: [], ends: [], end: node.range[1] - 1 };
  let i = node.range[0] + 1;
  const stop = node.range[1] - 1;
  while (i < stop) {
    const width = text[i] !== '\\' ? 1 : text[i + 1] === 'u' ? 6 : 2;
    out.starts.push(i);
    out.ends.push(i + width);
    i += width;
  }
  // One decoded code unit per source unit, per \uXXXX and per two-character escape: the counts agree.
  out.value = node.value;
  return out;
}

/** Splits a command line as Windows does: spaces separate, double quotes group, `\"` is a quote. */
function commandWords(command: LocatedText): LocatedText[] {
  const words: LocatedText[] = [];
  const v = command.value;
  let word: LocatedText | undefined;
  let quoted = false;
  const push = (at: number, width: number, c: string): void => {
    word ??= { value: '', starts: [], ends: [], end: command.starts[at] };
    word.value += c;
    word.starts.push(command.starts[at]);
    word.ends.push(command.ends[at + width - 1]);
    word.end = command.ends[at + width - 1];
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\' && v[i + 1] === '"') {
      push(i, 2, '"');
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      word ??= { value: '', starts: [], ends: [], end: command.ends[i] };
    } else if (/\s/.test(c) && !quoted) {
      if (word) words.push(word);
      word = undefined;
    } else {
      push(i, 1, c);
    }
  }
  if (word) words.push(word);
  return words;
}
