/**
 * The build readers (engine/readers/build/index.ts readBuildFile) with a count of the reads per
 * file, for the build index and module tests.
 */
import type { BuildProject, ReadBuildFile } from '../../engine/readers/build/build-types.js';
import { readBuildFile } from '../../engine/readers/build/index.js';

export const readCounts = new Map<string, number>();

export function countingReadBuildFile(file: string, text: string, readFile: ReadBuildFile): BuildProject | undefined {
  readCounts.set(file, (readCounts.get(file) ?? 0) + 1);
  return readBuildFile(file, text, readFile);
}
