/**
 * The value of a SetupInstallFromInfSection Flags argument, when the code spells it out: SPINST_
 * names, numbers, `|`, `&`, `^`, `+`, `~`, parentheses, casts and `static_cast`. A variable, a call or a macro
 * of the module has no value here (docs/rules/no-file-queue-call.md).
 */
import type { Node } from 'web-tree-sitter';
import { SPINST_FLAGS } from '../../engine/index.js';
import { integerLiteralValue } from './number-literals.js';

/** The flags' value, or undefined when it is not known. */
export function flagsValue(node: Node): number | undefined {
  switch (node.type) {
    case 'number_literal':
      return integerLiteralValue(node.text);
    case 'identifier':
      return SPINST_FLAGS.get(node.text);
    case 'parenthesized_expression': {
      const inner = only(node);
      return inner ? flagsValue(inner) : undefined;
    }
    case 'cast_expression': {
      const value = node.childForFieldName('value');
      return value ? flagsValue(value) : undefined;
    }
    case 'unary_expression': {
      const argument = node.childForFieldName('argument');
      const operand = argument ? flagsValue(argument) : undefined;
      return node.childForFieldName('operator')?.type === '~' && operand !== undefined ? ~operand >>> 0 : undefined;
    }
    case 'binary_expression':
      return binaryValue(node);
    case 'call_expression':
      return castValue(node);
    default:
      return undefined;
  }
}

function only(node: Node): Node | undefined {
  const inner = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  return inner.length === 1 ? inner[0] : undefined;
}

/**
 * A cast that parses as a call: `static_cast<UINT>(flags)`, and `(UINT)(flags)` (tree-sitter
 * reads a parenthesised type name followed by parentheses as a call): the value of its argument.
 */
function castValue(call: Node): number | undefined {
  const callee = call.childForFieldName('function');
  const typeName = callee?.type === 'parenthesized_expression' ? only(callee) : undefined;
  const isCast =
    (callee?.type === 'template_function' && callee.childForFieldName('name')?.text === 'static_cast') ||
    (typeName?.type === 'identifier' && !SPINST_FLAGS.has(typeName.text));
  if (!isCast) return undefined;
  const args = call.childForFieldName('arguments');
  const inner = args ? only(args) : undefined;
  return inner ? flagsValue(inner) : undefined;
}

function binaryValue(node: Node): number | undefined {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const a = left ? flagsValue(left) : undefined;
  const b = right ? flagsValue(right) : undefined;
  if (a === undefined || b === undefined) return undefined;
  switch (node.childForFieldName('operator')?.type) {
    case '|':
      return (a | b) >>> 0;
    case '&':
      return (a & b) >>> 0;
    case '^':
      return (a ^ b) >>> 0;
    case '+':
      return (a + b) >>> 0;
    default:
      return undefined;
  }
}
