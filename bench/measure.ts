/**
 * In-process measurements on a corpus: raw tree-sitter-cpp parsing (no blanking, no engine), and
 * the engine (lintPaths as the CLI runs it, one thread) with the time split into reading, blanking
 * and parsing, building the installer model, and the rest (module discovery, rules, directives).
 */
import { performance } from 'node:perf_hooks';
import { Parser } from 'web-tree-sitter';
import { cachedModuleLocator, collectFiles, CppParser, createConfigFor, emptyStats, installerModelProvider, languageOfPath, Linter, lintPaths, loadCppLanguage, readSourceFile, type ServiceProvider } from '../engine/index.js';
import { builtinRuleSet, builtinRules } from '../rules/index.js';

export interface RawParseFigures {
  files: number;
  chars: number;
  /** Wall time of the parse calls. */
  seconds: number;
  /** CPU time of the process during the parse calls (robust when other processes load the machine). */
  cpuSeconds: number;
  /**
   * CPU time of one bare visit of every node of every tree, inside WebAssembly (descendantsOfType of
   * a type no installer uses): the least any engine pays to look at the whole tree once.
   */
  walkCpuSeconds: number;
}

/** CPU time of this process so far (user + system, every thread), seconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export interface EngineFigures {
  seconds: number;
  cpuSeconds: number;
  findings: number;
  modules: number;
  modulesSkipped: number;
  filesRead: number;
  filesLinted: number;
  charsLinted: number;
  /** CPU seconds by phase. */
  phases: { readS: number; parseS: number; modelS: number; restS: number };
}

export function corpusFiles(dirs: readonly string[]): string[] {
  const walk = collectFiles(dirs, { cwd: process.cwd(), isIgnored: () => false });
  return walk.files;
}

/** Raw parse of the corpus's C/C++ files, parse calls only, after one warm-up pass over a few. */
export async function measureRawParse(dirs: readonly string[]): Promise<RawParseFigures> {
  const texts: string[] = [];
  for (const file of corpusFiles(dirs)) {
    if (languageOfPath(file) !== 'cpp') continue;
    const r = readSourceFile(file);
    if (r.ok) texts.push(r.text);
  }
  const language = await loadCppLanguage();
  const parser = new Parser();
  parser.setLanguage(language);
  try {
    for (const text of texts.slice(0, 50)) parser.parse(text)?.delete();
    let seconds = 0;
    let cpuSeconds = 0;
    let walkCpuSeconds = 0;
    let chars = 0;
    for (const text of texts) {
      const c0 = cpuNow();
      const t0 = performance.now();
      const tree = parser.parse(text);
      seconds += (performance.now() - t0) / 1000;
      cpuSeconds += cpuNow() - c0;
      if (tree) {
        const c1 = cpuNow();
        tree.rootNode.descendantsOfType('co_await_expression');
        walkCpuSeconds += cpuNow() - c1;
      }
      tree?.delete();
      chars += text.length;
    }
    return { files: texts.length, chars, seconds, cpuSeconds, walkCpuSeconds };
  } finally {
    parser.delete();
  }
}

/** lintPaths over the corpus's files, as the CLI runs it on one thread. */
export async function measureEngine(dirs: readonly string[], prefilter: boolean): Promise<EngineFigures> {
  const files = corpusFiles(dirs);
  const { configFor } = createConfigFor({ cwd: process.cwd(), ruleSet: builtinRuleSet });
  const phases = { readS: 0, parseS: 0, modelS: 0, restS: 0 };
  const cppParser = await CppParser.create();
  const timedParser = Object.create(cppParser) as CppParser;
  timedParser.parse = (text, old) => {
    const c0 = cpuNow();
    try {
      return cppParser.parse(text, old);
    } finally {
      phases.parseS += cpuNow() - c0;
    }
  };
  const timedModel: ServiceProvider = (moduleFiles, settings) => {
    const c0 = cpuNow();
    try {
      return installerModelProvider(moduleFiles, settings);
    } finally {
      phases.modelS += cpuNow() - c0;
    }
  };
  const linter = new Linter({ rules: builtinRules, parser: timedParser, serviceProviders: [timedModel] });
  const stats = emptyStats();
  try {
    const t0 = performance.now();
    const c0 = cpuNow();
    const results = lintPaths(files, {
      linter,
      configFor,
      locateModule: cachedModuleLocator(),
      prefilter,
      stats,
      readFile: (p) => {
        const r0 = cpuNow();
        try {
          return readSourceFile(p);
        } finally {
          phases.readS += cpuNow() - r0;
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuNow() - c0;
    phases.restS = cpuSeconds - phases.readS - phases.parseS - phases.modelS;
    return {
      seconds,
      cpuSeconds,
      findings: results.reduce((n, r) => n + r.messages.length, 0),
      ...stats,
      phases,
    };
  } finally {
    linter.dispose();
    cppParser.delete();
  }
}
