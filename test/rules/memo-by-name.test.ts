import { describe, expect, it } from 'vitest';
import { memoByName } from '../../engine/syntax/calls.js';

describe('memoByName', () => {
  it('computes once per name, an undefined answer too, and keeps names apart', () => {
    const asked: string[] = [];
    const hidden = memoByName((name) => {
      asked.push(name);
      return name === 'LOAD_HELPER' ? 'LoadLibraryW' : undefined;
    });
    expect(['LOAD_HELPER', 'Log', 'LOAD_HELPER', 'Log', 'Other'].map(hidden)).toEqual(['LoadLibraryW', undefined, 'LoadLibraryW', undefined, undefined]);
    expect(asked).toEqual(['LOAD_HELPER', 'Log', 'Other']);
  });
});
