/** file: URIs and file paths, both ways. Only file: URIs are linted. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalize } from 'node:path';

export function filePathOfUri(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return normalize(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function uriOfFilePath(filePath: string): string {
  return pathToFileURL(filePath).href;
}
