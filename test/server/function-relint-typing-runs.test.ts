/**
 * Runs of keystrokes for the one-function relint (engine/incremental/function-relint.ts): keystrokes
 * no lint saw in between, random typing in a module whose fixes read other functions, and the
 * example module (examples/contoso-coinstaller) typed into with its other files open.
 * Each case types into a module while the Editor (test/server/support/relint-editor.ts) compares
 * every version of every open file with a lint from scratch; where a case states how many
 * keystrokes were relinted, that is what makes it bite: the fast path ran.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, randomInt, seededRandom } from '../support/mutate.js';
import { finishBranchModule, insideBodies, relintWorld, typeRandomly, type RelintWorld } from './support/relint-editor.js';
import { editing, scenario, WORK } from './support/relint-scenario.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/contoso-coinstaller');

let world: RelintWorld;
beforeAll(async () => {
  world = await relintWorld();
});
afterAll(() => world.dispose());

describe('adversarial keystrokes against a lint from scratch: runs of keystrokes', { timeout: 60_000 }, () => {
  it('keystrokes no lint saw in between: in two functions, in one function, and undone', () => {
    const source = scenario(WORK);
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const work = () => editor.texts.get(file)!.indexOf('value = 3') + 'value = 3'.length;
      const sleep = () => editor.texts.get(file)!.indexOf('Sleep(10)') + 'Sleep(1'.length;
      editor.typeUnseen(file, work(), 0, '1');
      editor.typeUnseen(file, sleep(), 0, '2');
      editor.check('a digit in Work and one in the entry point');
      editor.typeUnseen(file, work(), 0, '5');
      editor.typeUnseen(file, work() - 3, 0, ' ');
      editor.typeUnseen(file, work(), 0, '\n');
      editor.check('three keystrokes in Work');
      const relints = editor.relints;
      editor.typeUnseen(file, work(), 0, '9');
      editor.typeUnseen(file, work(), 1, '');
      editor.check('a digit typed and deleted');
      // a keystroke in Work and one in the comment of Prompt's neighbour: one region over both
      editor.typeUnseen(file, work(), 0, '4');
      editor.typeUnseen(file, editor.texts.get(file)!.indexOf('/* note') + 3, 0, 'x');
      editor.check('a digit in code and a letter in a comment');
      expect(editor.relints, 'the keystrokes in Work alone were relinted').toBeGreaterThan(relints - 1);
    });
  });

  it('random blanks, line feeds, digits, slashes and stars in a module whose fixes read other functions', () => {
    const source = finishBranchModule([
      '    // note 1',
      '    params.FlagsEx |= DI_FLAGSEX_FINISHINSTALL_ACTION; /* 2 */',
      '    int v = 4 / *p * 3;',
      '#if 1',
      '    v += 10;',
      '#endif',
    ]).replace('    MessageBoxW(NULL, L"Hi", L"Vendor", MB_OK);', '    int n = 2 * 3;\n    // show it\n    MessageBoxW(NULL, L"Hi", L"Vendor", MB_OK); n = n / 2;');
    editing(world, { 'co.c': source }, ['co.c'], (editor, path) => {
      const file = path('co.c');
      const random = seededRandom(Number(process.env.SEED ?? 3));
      const keys = Number(process.env.KEYS ?? 60);
      for (let k = 0; k < keys; k++) {
        const text = editor.texts.get(file)!;
        const spots = insideBodies(world.parser, text);
        if (spots.length === 0) break;
        const at = spots[randomInt(random, spots.length)];
        if (randomInt(random, 3) === 0) editor.type(file, at, 1, '');
        else editor.type(file, at, 0, pick(random, ['\n', ' ', '\t', '1', '0', '/', '*', '\n', ' ']));
      }
      expect(editor.relints).toBeGreaterThan(0);
    });
  });

  it('the example module, both files open: blanks and line feeds typed at the top of every function of each', () => {
    const files: Record<string, string> = {};
    for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
    editing(world, files, ['coinstaller.c', 'ui.c'], (editor, path) => {
      for (const name of ['coinstaller.c', 'ui.c']) {
        const file = path(name);
        const bodies = () => {
          const tree = world.parser.parse(editor.texts.get(file)!);
          try {
            return tree.rootNode.children.flatMap((c) => (c?.type === 'function_definition' && c.childForFieldName('body') ? [c.childForFieldName('body')!.startIndex + 1] : []));
          } finally {
            tree.delete();
          }
        };
        for (let i = 0; i < bodies().length; i++) {
          const at = bodies()[i];
          editor.type(file, at, 0, '\n');
          editor.type(file, at, 0, ' ');
          editor.type(file, at, 2, '');
        }
      }
      expect(editor.relints).toBeGreaterThan(4);
    });
  });

  it('the example module with its INF, DEF and header open beside the C files', () => {
    const files: Record<string, string> = {};
    for (const name of ['coinstaller.c', 'contoso.h', 'contoso.def', 'contoso.inf', 'maintenance.c', 'settings.c', 'ui.c', 'updater.c']) files[name] = readFileSync(join(EXAMPLE, name), 'utf8');
    editing(world, files, ['coinstaller.c', 'contoso.inf', 'contoso.def', 'contoso.h', 'ui.c'], (editor) => {
      typeRandomly(editor, Number(process.env.SEED ?? 21), Number(process.env.KEYS ?? 40), ['1', '7', ' ', '\n', 'a', 'Sleep(1);']);
      expect(editor.checked).toBeGreaterThan(40);
    });
  });
});
