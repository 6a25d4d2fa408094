/**
 * One evaluation of an MSBuild project for one configuration, as MSBuild orders it: first the
 * properties of the project and of the imports it reaches (in document order, each value expanded
 * when it is set), then the item definitions and items with the final properties. Imports are
 * followed only when their path expands fully (`x.props`, `$(MSBuildThisFileDirectory)x.props`),
 * only through `readFile`, at most MAX_IMPORT_DEPTH deep and never into a file already being read.
 * `<Choose>` takes each `<When>` that may hold until one surely holds, else `<Otherwise>`.
 */
import { type BuildDiagnostic, type ReadBuildFile } from './build-types.js';
import { folderOf, hasWildcard, resolveBuildPath } from './build-paths.js';
import { trimmedEntry } from './build-entries.js';
import { type ConditionValue, evaluateCondition } from './msbuild-condition.js';
import { PropertyTable } from './msbuild-properties.js';
import { attributeOf, childElements, elementText, scanXml, type XmlDocument, type XmlElement } from './xml-scanner.js';

export const MAX_IMPORT_DEPTH = 16;

/** An ItemGroup or ItemDefinitionGroup, in evaluation order, with the file that holds it. */
export interface GroupInFile {
  element: XmlElement;
  file: string;
}

/** Parsed build files of one read, shared by its evaluations (a file is scanned once). */
export class DocumentCache {
  private readonly documents = new Map<string, XmlDocument | undefined>();
  readonly diagnostics: BuildDiagnostic[] = [];
  /** Every file read, in the order first read. */
  readonly files: string[] = [];

  constructor(private readonly readFile: ReadBuildFile) {}

  /** The document of `file` when it could be read and is well-formed. */
  documentOf(file: string, text?: string): XmlDocument | undefined {
    if (this.documents.has(file)) return this.documents.get(file);
    const source = text ?? this.readFile(file);
    const document = source === undefined ? undefined : scanXml(source);
    this.documents.set(file, document);
    if (!document) return undefined;
    this.files.push(file);
    for (const problem of document.problems) this.diagnostics.push({ file, message: `malformed XML: ${problem.message}`, range: problem.range });
    return document;
  }
}

export class ProjectEvaluation {
  readonly properties: PropertyTable;
  /** Item groups and item definition groups reached, in order (their conditions not yet evaluated). */
  readonly groups: GroupInFile[] = [];
  private readonly reading: string[] = [];

  constructor(
    readonly projectFile: string,
    configuration: { configuration: string; platform: string } | undefined,
    private readonly cache: DocumentCache,
  ) {
    this.properties = new PropertyTable(projectFile, configuration);
  }

  /** Reads the properties of the project and its imports (pass 1). */
  run(root: XmlElement): void {
    this.walkFile(root, this.projectFile);
  }

  /** The condition of an element, evaluated with the properties as they are now. */
  conditionOf(element: XmlElement, file: string): ConditionValue {
    const condition = attributeOf(element, 'Condition');
    if (!condition) return true;
    this.properties.thisFile = file;
    return evaluateCondition(condition.text.value, (text) => this.properties.expand(text));
  }

  private walkFile(root: XmlElement, file: string): void {
    this.reading.push(file);
    this.walkChildren(root, file);
    this.reading.pop();
  }

  private walkChildren(parent: XmlElement, file: string): void {
    for (const element of childElements(parent)) {
      const name = element.name.toLowerCase();
      if (name === 'itemgroup' || name === 'itemdefinitiongroup') {
        this.groups.push({ element, file });
      } else if (this.conditionOf(element, file) === false) {
        continue;
      } else if (name === 'propertygroup') {
        for (const property of childElements(element)) if (this.conditionOf(property, file) !== false) this.setProperty(property, file);
      } else if (name === 'import') {
        this.followImport(element, file);
      } else if (name === 'importgroup') {
        for (const child of childElements(element)) {
          if (child.name.toLowerCase() === 'import' && this.conditionOf(child, file) !== false) this.followImport(child, file);
        }
      } else if (name === 'choose') {
        this.walkChoose(element, file);
      }
    }
  }

  private walkChoose(choose: XmlElement, file: string): void {
    for (const branch of childElements(choose)) {
      const name = branch.name.toLowerCase();
      if (name === 'when') {
        const holds = this.conditionOf(branch, file);
        if (holds === false) continue;
        this.walkChildren(branch, file);
        if (holds === true) return;
      } else if (name === 'otherwise') {
        this.walkChildren(branch, file);
      }
    }
  }

  private setProperty(element: XmlElement, file: string): void {
    this.properties.thisFile = file;
    const text = elementText(element);
    const entry = trimmedEntry(text);
    const { value, unresolved } = this.properties.expand(entry?.text ?? '');
    this.properties.set(element.name, { value, file, range: entry?.range ?? [text.end, text.end], unresolved });
  }

  private followImport(element: XmlElement, file: string): void {
    const project = attributeOf(element, 'Project');
    if (!project || this.reading.length >= MAX_IMPORT_DEPTH) return;
    this.properties.thisFile = file;
    const { value, unresolved } = this.properties.expand(project.text.value.trim());
    if (unresolved || value === '' || hasWildcard(value)) return;
    const target = resolveBuildPath(folderOf(file), value);
    if (this.reading.includes(target)) return;
    const document = this.cache.documentOf(target);
    if (!document?.root) return;
    this.walkFile(document.root, target);
    this.properties.thisFile = file;
  }
}
