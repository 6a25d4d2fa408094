/**
 * How formatters name files: relative to the working directory for people (stylish), and as
 * URI references for SARIF (forward slashes, percent-encoded, relative to %SRCROOT% when the file
 * is inside the working directory, an absolute file: URI otherwise).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The path as people read it: relative to cwd when that is shorter to read, else as given. */
export function displayPath(filePath: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, filePath));
  if (rel === '' || isAbsolute(rel)) return filePath;
  return rel;
}

export interface ArtifactUri {
  uri: string;
  /** Set when `uri` is relative to the working directory. */
  uriBaseId?: string;
}

export const SRCROOT = '%SRCROOT%';

export function artifactUri(filePath: string, cwd: string): ArtifactUri {
  const absolute = resolve(cwd, filePath);
  const rel = relative(cwd, absolute);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The working directory as a file: URI ending in a slash, as SARIF wants for a base URI. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}
