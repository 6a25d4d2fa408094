/**
 * The installer model's per-file summary (summarizeFile) alone: CPU time and MB/s on parsed files,
 * beside the parse itself, and optionally beside an older copy of the code (the "before" of a
 * change) and against reference summaries written by an earlier run. A benchmark, not a test.
 *
 *   node --import tsx bench/summarize.ts [options] [dirs...]
 *
 *   --write DIR      write each file's summary as JSON into DIR (the reference): the baseline's
 *                    when --baseline is given, else the code's as it is
 *   --compare DIR    compare each file's summary with DIR's JSON; exits 1 on any difference
 *   --baseline ROOT  also time ROOT/engine/model/file-summary.ts (a copy of the tree before a change)
 *   --binding        also time summarizeCppFile with web-tree-sitter's WebAssembly module (the raw
 *                    cursor of engine/model/summarize-cursor.ts); the bench initialises web-tree-sitter
 *                    itself to hold the module
 *   --repeat N       summarise each batch N times and keep the fastest (default 3)
 *   --mingw N        how many mingw-w64 headers to add to the default corpus (default 300)
 *
 * A baseline is a copy of rules/ from another commit with node_modules beside it, for example:
 *   mkdir /tmp/base && git archive ba98a53 rules | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/
 *   node --import tsx bench/summarize.ts --baseline /tmp/base --binding
 * (--binding makes this process give web-tree-sitter its module object first; summarizeFile then
 * runs without one unless file-summary.ts passes one itself.)
 *
 * Without dirs the corpus is the generated installer modules v000-v004 of .bench-cache/generated-7-100mb
 * (when present), test/fixtures, examples, and N headers spread evenly over /usr/share/mingw-w64/include.
 * Files are parsed as the linter parses them (CppParser.parse, macros blanked), in batches of about
 * 2 MB; the trees of a batch are summarised, then freed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Parser, type Tree } from 'web-tree-sitter';
import { collectFiles, CppParser, fileLanguage, type FileSummary, languageOfPath, type ParsedFile, readSourceFile, SourceCode, summarizeCppFile, summarizeFile, wasmBindingOf } from '../engine/index.js';

type Summarize = (file: ParsedFile) => FileSummary;

interface Options {
  write?: string;
  compare?: string;
  baseline?: string;
  binding: boolean;
  repeat: number;
  mingw: number;
  dirs: string[];
}

const MINGW = '/usr/share/mingw-w64/include';
const BATCH_CHARS = 2_000_000;

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { repeat: 3, mingw: 300, dirs: [], binding: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--write') o.write = resolve(value());
    else if (a === '--compare') o.compare = resolve(value());
    else if (a === '--baseline') o.baseline = resolve(value());
    else if (a === '--binding') o.binding = true;
    else if (a === '--repeat') o.repeat = Math.max(1, Number(value()) || 1);
    else if (a === '--mingw') o.mingw = Math.max(0, Number(value()) || 0);
    else o.dirs.push(a);
  }
  return o;
}

function cppFiles(dirs: readonly string[]): string[] {
  const present = dirs.filter((d) => existsSync(d));
  if (present.length === 0) return [];
  return collectFiles(present, { cwd: process.cwd() }).files.filter((f) => languageOfPath(f) === 'cpp');
}

/** `count` headers spread evenly over the sorted list of mingw-w64's headers. */
function mingwSample(count: number): string[] {
  if (count === 0 || !existsSync(MINGW)) return [];
  const all = cppFiles([MINGW]);
  if (all.length <= count) return all;
  const step = all.length / count;
  return Array.from({ length: count }, (_, k) => all[Math.floor(k * step)]);
}

function defaultCorpus(mingw: number): string[] {
  const generated = ['v000', 'v001', 'v002', 'v003', 'v004'].map((v) => join('.bench-cache/generated-7-100mb', v));
  return [...cppFiles(generated), ...cppFiles(['test/fixtures', 'examples']), ...mingwSample(mingw)];
}

/** CPU time of this process so far, milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Summarises the batch `repeat` times with each implementation, alternating (both see the same
 * machine load), keeping each one's fastest CPU ms and the summaries of its first run.
 */
function timeBatch(impls: readonly Summarize[], files: readonly ParsedFile[], repeat: number): { ms: number; summaries: FileSummary[] }[] {
  const out = impls.map(() => ({ ms: Infinity, summaries: [] as FileSummary[] }));
  for (let r = 0; r < repeat; r++) {
    impls.forEach((fn, k) => {
      const t0 = cpuMs();
      const summaries = files.map((f) => fn(f));
      const ms = cpuMs() - t0;
      if (r === 0) out[k].summaries = summaries;
      out[k].ms = Math.min(out[k].ms, ms);
    });
  }
  return out;
}

/** A summary as JSON, sets as arrays in their order (a guard's DIF codes). */
function serialize(summary: FileSummary): string {
  return JSON.stringify(summary, (_key, value: unknown) => (value instanceof Set ? [...(value as Set<unknown>)] : value));
}

function referenceName(filePath: string): string {
  return `${encodeURIComponent(filePath)}.json`;
}

interface Impl {
  label: string;
  fn: Summarize;
  ms: number;
  /** Summaries that differ from the first implementation's (the code as it is). */
  mismatches: number;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const files = o.dirs.length > 0 ? cppFiles(o.dirs) : defaultCorpus(o.mingw);
  const impls: Impl[] = [{ label: 'summarizeFile', fn: summarizeFile, ms: 0, mismatches: 0 }];
  if (o.binding) {
    // web-tree-sitter keeps the first module it is given; CppParser.create (below) reuses it
    const module = {};
    await Parser.init(module);
    const binding = wasmBindingOf(module);
    if (!binding) throw new Error('web-tree-sitter module without the exports the raw cursor needs');
    impls.push({ label: 'raw cursor', fn: (f) => summarizeCppFile(f, binding), ms: 0, mismatches: 0 });
  }
  if (o.baseline) {
    const url = pathToFileURL(join(o.baseline, 'engine/model/file-summary.ts')).href;
    const fn = ((await import(url)) as { summarizeFile: Summarize }).summarizeFile;
    impls.push({ label: 'before', fn, ms: 0, mismatches: 0 });
  }
  if (o.write) mkdirSync(o.write, { recursive: true });
  const parser = await CppParser.create();
  let chars = 0;
  let parseMs = 0;
  let compared = 0;
  let written = 0;
  const differences: string[] = [];
  const missing: string[] = [];

  const runBatch = (batch: { file: ParsedFile; tree: Tree }[]) => {
    const parsed = batch.map((b) => b.file);
    try {
      const results = timeBatch(
        impls.map((i) => i.fn),
        parsed,
        o.repeat,
      );
      results.forEach((r, k) => (impls[k].ms += r.ms));
      const baselineIndex = impls.findIndex((i) => i.label === 'before');
      results[0].summaries.forEach((summary, i) => {
        const json = serialize(summary);
        const jsons = results.map((r, k) => (k === 0 ? json : serialize(r.summaries[i])));
        for (let k = 1; k < impls.length; k++) if (jsons[k] !== json) impls[k].mismatches++;
        const name = referenceName(summary.filePath);
        if (o.write) {
          writeFileSync(join(o.write, name), baselineIndex > 0 ? jsons[baselineIndex] : json);
          written++;
        }
        if (o.compare) {
          const path = join(o.compare, name);
          if (!existsSync(path)) missing.push(summary.filePath);
          else {
            compared++;
            if (readFileSync(path, 'utf8') !== json) differences.push(summary.filePath);
          }
        }
      });
    } finally {
      for (const b of batch) b.tree.delete();
    }
  };

  let batch: { file: ParsedFile; tree: Tree }[] = [];
  let batchChars = 0;
  try {
    // warm-up: the JIT sees every path of the code on a few files before anything is timed
    for (const path of files.slice(0, 40)) {
      const r = readSourceFile(path);
      if (!r.ok) continue;
      const tree = parser.parse(r.text);
      const file: ParsedFile = { filePath: 'warm-up', language: 'cpp', sourceCode: new SourceCode(r.text, tree) };
      for (const impl of impls) impl.fn(file);
      tree.delete();
    }
    for (const path of files) {
      const r = readSourceFile(path);
      if (!r.ok) continue;
      const filePath = relative(process.cwd(), path);
      const t0 = cpuMs();
      const tree = parser.parse(r.text);
      parseMs += cpuMs() - t0;
      chars += r.text.length;
      batch.push({ file: { filePath, language: fileLanguage(filePath), sourceCode: new SourceCode(r.text, tree) }, tree });
      batchChars += r.text.length;
      if (batchChars >= BATCH_CHARS) {
        runBatch(batch);
        batch = [];
        batchChars = 0;
      }
    }
    if (batch.length > 0) runBatch(batch);
  } finally {
    parser.delete();
  }

  const mb = chars / 1e6;
  const rate = (ms: number) => (ms > 0 ? (mb / (ms / 1000)).toFixed(1) : '-');
  console.log(`files ${files.length}, ${mb.toFixed(2)} MB (UTF-16 code units / 1e6)`);
  console.log(`${"parse (blanked)".padEnd(15)} ${parseMs.toFixed(0).padStart(7)} ms CPU  ${rate(parseMs).padStart(7)} MB/s`);
  const current = impls[0];
  const before = impls.find((i) => i.label === 'before');
  for (const impl of impls) {
    const vs = before && impl !== before ? `  ${(before.ms / impl.ms).toFixed(2)}x faster than before` : '';
    const same = impl === current ? '' : `  ${impl.mismatches} summaries differ from summarizeFile's`;
    console.log(`${impl.label.padEnd(15)} ${impl.ms.toFixed(0).padStart(7)} ms CPU  ${rate(impl.ms).padStart(7)} MB/s  ${((impl.ms / parseMs) * 100).toFixed(1).padStart(5)}% of the parse${vs}${same}`);
  }
  console.log(`(CPU ms: the fastest of ${o.repeat} runs per batch of about ${BATCH_CHARS / 1e6} MB, implementations alternating${o.baseline ? `; before = ${o.baseline}` : ''})`);
  if (o.write) console.log(`wrote ${written} summaries to ${o.write}`);
  if (o.compare) {
    const known = existsSync(o.compare) ? readdirSync(o.compare).length : 0;
    console.log(`compared ${compared} of ${known} reference summaries: ${differences.length} differ, ${missing.length} missing`);
    for (const d of differences.slice(0, 20)) console.log(`  differs: ${d}`);
    for (const m of missing.slice(0, 20)) console.log(`  no reference: ${m}`);
    if (differences.length > 0 || missing.length > 0) process.exitCode = 1;
  }
  if (impls.some((i) => i.mismatches > 0)) process.exitCode = 1;
}

await main();
