/**
 * MSBuild properties, read as data: `$(Name)` expands to the value the project or one of its
 * imports gave the property, or to one of the properties MSBuild defines for every project
 * (MSBuildProjectDirectory, MSBuildThisFileDirectory, ProjectName, Configuration, ...). Unknown
 * properties, property functions (`$(X.Replace(...))`, `$([System.IO.Path]::...)`), item lists
 * `@(X)` and metadata `%(X)` are left as written and make the value unresolved.
 */
import { baseNameOf, folderOf, separatorOf } from './build-paths.js';

/** A property's value and where it was last set (the default ones: the project file, [0, 0]). */
export interface PropertyValue {
  value: string;
  file: string;
  range: [number, number];
  unresolved: boolean;
}

/** Set by MSBuild itself (global or reserved): a project cannot change them. */
const RESERVED = /^(configuration|platform|msbuild[a-z]*)$/;

export class PropertyTable {
  private readonly values = new Map<string, PropertyValue>();
  /** The file being read, for `$(MSBuildThisFile...)`. */
  thisFile: string;

  constructor(
    readonly projectFile: string,
    configuration: { configuration: string; platform: string } | undefined,
  ) {
    this.thisFile = projectFile;
    const folder = folderOf(projectFile);
    const fileName = baseNameOf(projectFile);
    const name = fileName.replace(/\.[^.]*$/, '');
    const seeds: Record<string, string> = {
      MSBuildProjectDirectory: folder,
      MSBuildProjectFile: fileName,
      MSBuildProjectName: name,
      MSBuildProjectFullPath: projectFile,
      MSBuildProjectExtension: fileName.slice(name.length),
      ProjectDir: folder + separatorOf(projectFile),
      ProjectName: name,
      ProjectFileName: fileName,
      // Microsoft.Cpp.Default.props gives TargetName the project's name; the project may change it.
      TargetName: name,
    };
    if (configuration) {
      seeds.Configuration = configuration.configuration;
      seeds.Platform = configuration.platform;
    }
    for (const [key, value] of Object.entries(seeds)) this.values.set(key.toLowerCase(), { value, file: projectFile, range: [0, 0], unresolved: false });
  }

  get(name: string): PropertyValue | undefined {
    const lower = name.toLowerCase();
    if (lower === 'msbuildthisfiledirectory') return this.seeded(folderOf(this.thisFile) + separatorOf(this.thisFile));
    if (lower === 'msbuildthisfile') return this.seeded(baseNameOf(this.thisFile));
    if (lower === 'msbuildthisfilefullpath') return this.seeded(this.thisFile);
    if (lower === 'msbuildthisfilename') return this.seeded(baseNameOf(this.thisFile).replace(/\.[^.]*$/, ''));
    return this.values.get(lower);
  }

  /** Sets a property (ignored for the reserved ones, as MSBuild ignores or refuses it). */
  set(name: string, value: PropertyValue): void {
    const lower = name.toLowerCase();
    if (!RESERVED.test(lower)) this.values.set(lower, value);
  }

  /** `$(Name)` replaced by known values; the rest left as written. */
  expand(text: string): { value: string; unresolved: boolean } {
    let unresolved = false;
    const value = text.replace(/\$\(\s*([A-Za-z_][\w-]*)\s*\)/g, (whole, name: string) => {
      const known = this.get(name);
      if (!known) {
        unresolved = true;
        return whole;
      }
      if (known.unresolved) unresolved = true;
      return known.value;
    });
    return { value, unresolved: unresolved || /[$@%]\(/.test(value) };
  }

  private seeded(value: string): PropertyValue {
    return { value, file: this.thisFile, range: [0, 0], unresolved: false };
  }
}
