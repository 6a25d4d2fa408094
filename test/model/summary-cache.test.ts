import { describe, expect, it } from 'vitest';
import { SummaryCache } from '../../engine/model/index.js';
import type { FileSummary } from '../../engine/model/summary-types.js';
import { build, ROOT, useParser } from './model-harness.js';

const parser = useParser();
const CO = 'DWORD CALLBACK CoInst(DI_FUNCTION Fn, HDEVINFO Set, PSP_DEVINFO_DATA Dev, PCOINSTALLER_CONTEXT_DATA Ctx)';

const fake = (filePath: string) => ({ filePath }) as unknown as FileSummary;

describe('SummaryCache', () => {
  it('returns a summary only for the same text', () => {
    const cache = new SummaryCache();
    const s = fake('/a.c');
    cache.set('/a.c', 'int x;', s);
    expect(cache.get('/a.c', 'int x;')).toBe(s);
    expect(cache.get('/a.c', 'int y;')).toBeUndefined();
    expect(cache.get('/b.c', 'int x;')).toBeUndefined();
  });

  it('is bounded: the least recently used entry goes first', () => {
    const cache = new SummaryCache(2);
    cache.set('/a', 'a', fake('/a'));
    cache.set('/b', 'b', fake('/b'));
    cache.get('/a', 'a');
    cache.set('/c', 'c', fake('/c'));
    expect(cache.size).toBe(2);
    expect(cache.get('/b', 'b')).toBeUndefined();
    expect(cache.get('/a', 'a')).toBeDefined();
    expect(cache.delete('/a')).toBe(true);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('an edit rebuilds that file\'s summary only, and the model follows the edit', () => {
    const cache = new SummaryCache();
    const files = {
      'entry.c': `${CO} { if (Fn == DIF_INSTALLDEVICE) Helper(); return 0; }`,
      'helper.c': 'void Helper(void) { Site(); }',
    };
    const first = build(parser(), files, {}, cache);
    expect(first.codes('helper.c', 'Site()')).toEqual(['DIF_INSTALLDEVICE']);
    const helperSummary = cache.get(ROOT + 'helper.c', files['helper.c']);
    expect(helperSummary).toBeDefined();

    const edited = { ...files, 'entry.c': `${CO} { if (Fn == DIF_REMOVE) Helper(); return 0; }` };
    const second = build(parser(), edited, {}, cache);
    expect(second.codes('helper.c', 'Site()')).toEqual(['DIF_REMOVE']);
    expect(cache.get(ROOT + 'helper.c', files['helper.c'])).toBe(helperSummary);
    expect(cache.get(ROOT + 'entry.c', files['entry.c'])).toBeUndefined();
    expect(cache.get(ROOT + 'entry.c', edited['entry.c'])).toBeDefined();
  });
});
