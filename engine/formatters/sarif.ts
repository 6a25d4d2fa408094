/**
 * SARIF 2.1.0, fit for GitHub code scanning (upload with github/codeql-action/upload-sarif).
 *
 * - One run. tool.driver lists every rule of the run's rule map (and only those) with its docs:
 *   short and full description, helpUri (meta.docs.url), help text and markdown (docs/rules/<id>.md,
 *   its relative links made absolute), default level ("error" for problems, "warning" for
 *   suggestions, as the presets use) and tags.
 * - Results: ruleId, ruleIndex (when the rule is in the map), level, message, one location.
 *   Artifact URIs are relative to the working directory, with forward slashes, and carry
 *   uriBaseId %SRCROOT%, which run.originalUriBaseIds maps to the working directory (a file outside
 *   it gets an absolute file: URI instead).
 * - Regions: 1-based lines and 1-based columns counted in UTF-16 code units, exactly as in the
 *   JSON and stylish output (run.columnKind says "utf16CodeUnits"); endColumn is the column after
 *   the last character, as SARIF defines it. This is what GitHub expects.
 * - The call chain of a finding is written twice, for the two ways viewers show it: as
 *   relatedLocations (ids 1..n, in chain order) and as one codeFlow whose thread flow walks the
 *   chain and ends at the finding.
 * - fixes: the automatic fix first, then each suggestion, each described by its title (Fix.desc,
 *   the suggestion's desc). The fix's edit in the result's file is one replacement; a cross-file
 *   fix (Fix.otherFiles) adds one artifactChange per other file, with a replacement per edit, so
 *   that one `fix` holds every file it changes. deletedRegion uses charOffset/charLength: offsets
 *   into the decoded text as linted, in UTF-16 code units (a byte order mark is not counted).
 * - Messages without a rule (problems with inline directives) get ruleId "coinstaller-lint-directive",
 *   which has no descriptor. Fatal messages (unreadable or binary file, a rule that crashed) are
 *   not results but tool execution notifications of invocations[0]; executionSuccessful is false
 *   when one of them is an error.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSeverity } from '../config/presets.js';
import { PACKAGE_ROOT } from '../linter/rule-docs.js';
import type { Fix, LintMessage, LintResult, RelatedLocation, RuleModule } from '../linter/types.js';
import { markdownToText, resolveRelativeLinks } from './markdown-text.js';
import { artifactUri, directoryUri, SRCROOT, type ArtifactUri } from './paths.js';
import type { Formatter, FormatterContext } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const TOOL_NAME = 'coinstaller-lint';
/** The ruleId of results that come from no rule: unused or unknown inline directives. */
export const DIRECTIVE_RULE_ID = 'coinstaller-lint-directive';

type Level = 'error' | 'warning';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface PhysicalLocation {
  artifactLocation: ArtifactUri;
  region?: Region;
}

interface SarifLocation {
  id?: number;
  physicalLocation: PhysicalLocation;
  message?: { text: string };
}

export const formatSarif: Formatter = (results, context) => `${JSON.stringify(sarifLog(results, context), null, 2)}\n`;

export function sarifLog(results: readonly LintResult[], context: FormatterContext) {
  const ruleIds = [...context.rules.keys()];
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) notifications.push(notification(result.filePath, message, ruleIndex, context.cwd));
      else sarifResults.push(sarifResult(result.filePath, message, ruleIndex, context.cwd));
    }
  }
  const failed = results.some((r) => r.messages.some((m) => m.fatal && m.severity === 2));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: context.toolVersion,
            ...(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(context.toolVersion) ? { semanticVersion: context.toolVersion } : {}),
            informationUri: context.informationUri ?? pathToFileURL(join(PACKAGE_ROOT, 'README.md')).href,
            rules: ruleIds.map((id) => ruleDescriptor(id, context.rules.get(id)!, context)),
          },
        },
        invocations: [
          {
            executionSuccessful: !failed,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits' as const,
        results: sarifResults,
      },
    ],
  };
}

function ruleDescriptor(id: string, rule: RuleModule, context: FormatterContext) {
  const { description, guideline, url, recommended } = rule.meta.docs;
  const level = levelOf(defaultSeverity(rule));
  const doc = context.ruleDoc(id);
  const markdown = doc === undefined ? undefined : isAbsoluteUri(url) ? resolveRelativeLinks(doc, url) : doc;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: `${sentence(description)} Guideline: "${guideline}" (Writing Class Installers and Co-Installers).` },
    ...(isAbsoluteUri(url) ? { helpUri: url } : {}),
    help: markdown === undefined ? { text: sentence(description) } : { text: markdownToText(markdown), markdown },
    defaultConfiguration: { level, ...(recommended ? {} : { enabled: false }) },
    properties: {
      tags: ['windows-installer', rule.meta.type === 'problem' ? 'correctness' : 'maintainability'],
      guideline,
      'problem.severity': level,
    },
  };
}

function sarifResult(filePath: string, m: LintMessage, ruleIndex: ReadonlyMap<string, number>, cwd: string) {
  const ruleId = m.ruleId ?? DIRECTIVE_RULE_ID;
  const index = ruleIndex.get(ruleId);
  const primary = physicalLocation(filePath, m, cwd);
  const related = m.related ?? [];
  const fixes = sarifFixes(m, primary.artifactLocation, cwd);
  return {
    ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: levelOf(m.severity),
    message: { text: m.message },
    locations: [{ physicalLocation: primary }],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((r, i): SarifLocation => ({ id: i + 1, ...relatedLocation(r, cwd) })),
          codeFlows: [{ threadFlows: [{ locations: threadFlow(related, primary, m, cwd) }] }],
        }
      : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

function notification(filePath: string, m: LintMessage, ruleIndex: ReadonlyMap<string, number>, cwd: string) {
  const index = m.ruleId === null ? undefined : ruleIndex.get(m.ruleId);
  return {
    level: levelOf(m.severity),
    message: { text: m.message },
    locations: [{ physicalLocation: physicalLocation(filePath, m, cwd) }],
    ...(m.ruleId !== null ? { associatedRule: { id: m.ruleId, ...(index !== undefined ? { index } : {}) } } : {}),
  };
}

/** The chain in order, then the finding itself unless the chain already ends there. */
function threadFlow(related: readonly RelatedLocation[], primary: PhysicalLocation, m: LintMessage, cwd: string) {
  const steps = related.map((r) => ({ location: relatedLocation(r, cwd) }));
  const last = related[related.length - 1];
  const endsAtFinding =
    last !== undefined &&
    sameArtifact(physicalLocation(last.filePath, last, cwd).artifactLocation, primary.artifactLocation) &&
    last.line === m.line &&
    last.column === m.column;
  if (!endsAtFinding) steps.push({ location: { physicalLocation: primary, message: { text: m.message } } });
  return steps;
}

function relatedLocation(r: RelatedLocation, cwd: string): SarifLocation {
  return { physicalLocation: physicalLocation(r.filePath, r, cwd), ...(r.message ? { message: { text: r.message } } : {}) };
}

function physicalLocation(
  filePath: string,
  at: { line: number; column: number; endLine: number; endColumn: number },
  cwd: string,
): PhysicalLocation {
  // SARIF lines and columns start at 1; a position of 0 (unknown) becomes the file's start, and
  // an end before the start collapses onto it.
  const startLine = Math.max(1, at.line || 1);
  const startColumn = Math.max(1, at.column || 1);
  const endLine = Math.max(startLine, at.endLine || startLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, at.endColumn || startColumn) : Math.max(1, at.endColumn || 1);
  return { artifactLocation: artifactUri(filePath, cwd), region: { startLine, startColumn, endLine, endColumn } };
}

function sarifFixes(m: LintMessage, artifactLocation: ArtifactUri, cwd: string) {
  const fixes: { description: { text: string }; artifactChanges: unknown[] }[] = [];
  const seen = new Set<string>();
  const replacement = (e: { range: readonly [number, number]; text: string }) => ({
    deletedRegion: { charOffset: e.range[0], charLength: e.range[1] - e.range[0] },
    ...(e.text.length > 0 ? { insertedContent: { text: e.text } } : {}),
  });
  const add = (description: string, fix: Fix) => {
    const others = fix.otherFiles ?? [];
    // a fix of other files only has the empty own edit: no change of the result's file
    const ownEmpty = others.length > 0 && fix.range[0] === fix.range[1] && fix.text === '';
    const entry = {
      description: { text: description },
      artifactChanges: [
        ...(ownEmpty ? [] : [{ artifactLocation, replacements: [replacement(fix)] }]),
        ...others.map((f) => ({ artifactLocation: artifactUri(f.filePath, cwd), replacements: f.edits.map(replacement) })),
      ],
    };
    const key = JSON.stringify(entry);
    if (seen.has(key)) return;
    seen.add(key);
    fixes.push(entry);
  };
  if (m.fix) add(m.fix.desc ?? 'Apply the automatic fix (coinstaller-lint --fix).', m.fix);
  for (const s of m.suggestions ?? []) add(s.desc, s.fix);
  return fixes;
}

function sameArtifact(a: ArtifactUri, b: ArtifactUri): boolean {
  return a.uri === b.uri && a.uriBaseId === b.uriBaseId;
}

function levelOf(severity: number): Level {
  return severity === 2 ? 'error' : 'warning';
}

function isAbsoluteUri(value: string | undefined): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
