/**
 * The common shape of the rules about API calls: find calls of a set of API names (the built-in
 * list plus names from the config) and hand each one, with its name and the node to report, on.
 * Calls in `#if 0` blocks are skipped: the compiler never sees them. `isApi` must answer the same
 * for a name every time it is asked within one file (it is asked once per name).
 */
import type { Node } from 'web-tree-sitter';
import { calleeName, calleeNode, inDisabledCode, memoByName, type RuleListener } from '../../engine/index.js';

export interface ApiCall {
  api: string;
  call: Node;
  /** The callee's name: what a finding points at. */
  target: Node;
}

export function apiCallListener(isApi: (name: string) => boolean, onCall: (call: ApiCall) => void): RuleListener {
  // asked once per name and file: the names of a file's calls repeat
  const wanted = memoByName(isApi);
  return {
    call_expression(node: Node) {
      const api = calleeName(node);
      if (api && wanted(api) && !inDisabledCode(node)) onCall({ api, call: node, target: calleeNode(node) });
    },
  };
}
