/** The shared API-call listener skips calls the compiler never sees (`#if 0`), and only those. */
import rule from '../../rules/no-file-queue-call.js';
import { RuleTester } from '../support/rule-tester.js';

new RuleTester().run('no-file-queue-call (api-call-listener)', rule, {
  valid: [
    { name: '#if 0 body', code: 'void f(HSPFILEQ q) {\n#if 0\n    SetupQueueDeleteW(q, L"C:\\\\x", L"a.dll");\n#endif\n}\n' },
    { name: '#if (0) body', code: 'void f(HSPFILEQ q) {\n#if (0)\n    SetupQueueDeleteW(q, L"C:\\\\x", L"a.dll");\n#endif\n}\n' },
  ],
  invalid: [
    {
      name: 'the #else of #if 0 is live',
      code: 'void f(HSPFILEQ q) {\n#if 0\n#else\n    SetupQueueDeleteW(q, L"C:\\\\x", L"a.dll");\n#endif\n}\n',
      errors: [{ data: { api: 'SetupQueueDeleteW' }, line: 4, column: 5 }],
    },
    {
      name: '#if 1 is live',
      code: 'void f(HSPFILEQ q) {\n#if 1\n    SetupQueueDeleteW(q, L"C:\\\\x", L"a.dll");\n#endif\n}\n',
      errors: [{ data: { api: 'SetupQueueDeleteW' }, line: 3, column: 5 }],
    },
  ],
});
