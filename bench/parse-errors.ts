/**
 * Parse robustness: how many files tree-sitter-cpp parses with ERROR or MISSING nodes, as they
 * are (raw) and after Windows macro blanking, and how long each takes.
 *
 *   node --import tsx bench/parse-errors.ts [dir ...] [--causes N] [--files N]
 *
 * Without a dir it measures Debian's mingw-w64 headers (/usr/share/mingw-w64/include), the
 * examples/ folder and the domain's finish-install example, and prints one row per folder and pass
 * (raw, blanked) plus the blanking alone. A file "with errors" has at least one ERROR or MISSING
 * node. Times are CPU times of this process (steady on a busy machine) beside wall times; MB are
 * bytes on disk. --causes N lists the N most common
 * first words of the ERROR nodes left after blanking (where to look next); --files N lists N of
 * the files that still have errors.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Query, type Language, type Tree } from 'web-tree-sitter';
import { blankWindowsMacros, CppParser, loadCppLanguage } from '../engine/index.js';
import { loadCorpus, type Corpus } from './corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_DIRS = [
  '/usr/share/mingw-w64/include',
  path.resolve(HERE, '../examples'),
  path.resolve(HERE, '../test/fixtures/domain/finish-install-example'),
];

interface Options {
  dirs: string[];
  causes: number;
  files: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dirs: [], causes: 0, files: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--causes' || arg === '--files') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} needs a count`);
      if (arg === '--causes') options.causes = n;
      else options.files = n;
    } else options.dirs.push(arg);
  }
  if (options.dirs.length === 0) options.dirs = DEFAULT_DIRS.filter((d) => existsSync(d));
  return options;
}

interface PassResult {
  filesWithErrors: number;
  errorNodes: number;
  missingNodes: number;
  /** Wall and CPU milliseconds spent parsing (blanking included, for the blanked pass). */
  wallMs: number;
  cpuMs: number;
  /** CPU milliseconds spent blanking alone. */
  blankCpuMs: number;
  /** ERROR-node first words, for --causes. */
  causes: Map<string, number>;
  badFiles: string[];
}

function emptyPass(): PassResult {
  return { filesWithErrors: 0, errorNodes: 0, missingNodes: 0, wallMs: 0, cpuMs: 0, blankCpuMs: 0, causes: new Map(), badFiles: [] };
}

function addPass(into: PassResult, from: PassResult): void {
  into.filesWithErrors += from.filesWithErrors;
  into.errorNodes += from.errorNodes;
  into.missingNodes += from.missingNodes;
  into.wallMs += from.wallMs;
  into.cpuMs += from.cpuMs;
  into.blankCpuMs += from.blankCpuMs;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

interface ErrorQueries {
  errors: Query;
  missing: Query;
}

const WORD_RE = /[A-Za-z_][A-Za-z0-9_]*|\S/;

function firstWord(text: string): string {
  const m = WORD_RE.exec(text);
  return m ? m[0] : '';
}

function countErrors(tree: Tree, queries: ErrorQueries, text: string, causes: Map<string, number> | null): { errors: number; missing: number } {
  const root = tree.rootNode;
  if (!root.hasError) return { errors: 0, missing: 0 };
  const errors = queries.errors.captures(root);
  const missing = queries.missing.captures(root);
  if (causes) {
    for (const capture of errors) {
      const node = capture.node;
      const word = firstWord(text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 200)));
      causes.set(word, (causes.get(word) ?? 0) + 1);
    }
  }
  return { errors: errors.length, missing: missing.length };
}

function runPass(parser: CppParser, corpus: Corpus, queries: ErrorQueries, blanked: boolean, wantCauses: boolean): PassResult {
  const result = emptyPass();
  for (const file of corpus.files) {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    const source = blanked ? blankWindowsMacros(file.text) : file.text;
    if (blanked) result.blankCpuMs += cpuMs(cpu0);
    const tree = parser.parseRaw(source);
    result.cpuMs += cpuMs(cpu0);
    result.wallMs += performance.now() - wall0;
    try {
      const counts = countErrors(tree, queries, source, wantCauses ? result.causes : null);
      if (counts.errors + counts.missing > 0) {
        result.filesWithErrors++;
        result.badFiles.push(file.path);
      }
      result.errorNodes += counts.errors;
      result.missingNodes += counts.missing;
    } finally {
      tree.delete();
    }
  }
  return result;
}

function pct(n: number, of: number): string {
  return of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

const HEADER = ['corpus', 'files', 'MB', 'pass', 'with errors', 'share', 'ERROR', 'MISSING', 'wall s', 'cpu s', 'MB/s cpu'];
const WIDTHS = [40, 6, 6, 8, 11, 7, 7, 8, 7, 7, 8];

function passRows(name: string, files: number, mb: number, raw: PassResult, blanked: PassResult): string[] {
  const rows: string[] = [];
  for (const [label, pass] of [['raw', raw], ['blanked', blanked]] as const) {
    const first = label === 'raw';
    rows.push(
      pad(
        [
          first ? name : '',
          first ? String(files) : '',
          first ? mb.toFixed(1) : '',
          label,
          String(pass.filesWithErrors),
          pct(pass.filesWithErrors, files),
          String(pass.errorNodes),
          String(pass.missingNodes),
          (pass.wallMs / 1000).toFixed(2),
          (pass.cpuMs / 1000).toFixed(2),
          (mb / (pass.cpuMs / 1000)).toFixed(1),
        ],
        WIDTHS,
      ),
    );
  }
  rows.push(pad(['', '', '', 'blanking', '', '', '', '', '', (blanked.blankCpuMs / 1000).toFixed(3), (mb / (blanked.blankCpuMs / 1000)).toFixed(0)], WIDTHS));
  return rows;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const language: Language = await loadCppLanguage();
  const queries: ErrorQueries = { errors: new Query(language, '(ERROR) @e'), missing: new Query(language, '(MISSING) @m') };
  const parser = await CppParser.create();
  const rows: string[] = [];
  const wantCauses = options.causes > 0;
  const allCauses = new Map<string, number>();
  const stillBad: string[] = [];
  const totalRaw = emptyPass();
  const totalBlanked = emptyPass();
  let totalFiles = 0;
  let totalMb = 0;
  try {
    for (const dir of options.dirs) {
      const corpus = loadCorpus(dir);
      const mb = corpus.bytes / 1e6;
      // One warm-up pass (blanking and parsing) so that no timed pass pays for JIT and WASM growth.
      runPass(parser, corpus, queries, true, false);
      const raw = runPass(parser, corpus, queries, false, false);
      const blanked = runPass(parser, corpus, queries, true, wantCauses);
      for (const [k, v] of blanked.causes) allCauses.set(k, (allCauses.get(k) ?? 0) + v);
      stillBad.push(...blanked.badFiles);
      const name = dir.length > WIDTHS[0] ? `…${dir.slice(dir.length - WIDTHS[0] + 1)}` : dir;
      rows.push(...passRows(name, corpus.files.length, mb, raw, blanked));
      if (corpus.skipped > 0) rows.push(`  (${corpus.skipped} file(s) skipped: binary, unreadable or too large)`);
      addPass(totalRaw, raw);
      addPass(totalBlanked, blanked);
      totalFiles += corpus.files.length;
      totalMb += mb;
    }
    if (options.dirs.length > 1) rows.push(...passRows('total', totalFiles, totalMb, totalRaw, totalBlanked));
  } finally {
    parser.delete();
    queries.errors.delete();
    queries.missing.delete();
  }
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(pad(HEADER, WIDTHS));
  for (const row of rows) console.log(row);
  if (wantCauses) {
    console.log(`\nMost common first words of ERROR nodes after blanking:`);
    const sorted = [...allCauses].sort((a, b) => b[1] - a[1]).slice(0, options.causes);
    for (const [word, count] of sorted) console.log(`${String(count).padStart(7)}  ${word}`);
  }
  if (options.files > 0) {
    console.log(`\nFiles with errors after blanking (${stillBad.length}, first ${Math.min(options.files, stillBad.length)}):`);
    for (const f of stillBad.slice(0, options.files)) console.log(`  ${f}`);
  }
}

await main();
