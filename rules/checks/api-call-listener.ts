/**
 * The common shape of the rules about API calls: find calls of a set of API names (the built-in
 * list plus names from the config) and hand each one, with its name and the node to report, on.
 * Calls in `#if 0` blocks are skipped: the compiler never sees them.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleListener } from '../engine/types.js';
import { calleeName, calleeNode } from '../syntax/calls.js';
import { inDisabledCode } from '../syntax/disabled-code.js';

export interface ApiCall {
  api: string;
  call: Node;
  /** The callee's name: what a finding points at. */
  target: Node;
}

export function apiCallListener(isApi: (name: string) => boolean, onCall: (call: ApiCall) => void): RuleListener {
  return {
    call_expression(node: Node) {
      const api = calleeName(node);
      if (api && isApi(api) && !inDisabledCode(node)) onCall({ api, call: node, target: calleeNode(node) });
    },
  };
}
