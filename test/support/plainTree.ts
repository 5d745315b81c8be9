import { OffsetRange, plainRange } from '../../server/common/range';

/**
 * A copy of an AST (or any tree of plain objects and arrays) with every OffsetRange as a plain
 * range, so that deep equality compares ranges by their positions: an OffsetRange has no
 * enumerable keys, and two of them would always look equal. Shared and cyclic parts (a
 * touchpoint's service) stay shared.
 */
export function plainTree<T>(node: T, memo = new Map<object, unknown>()): T {
  if (typeof node !== 'object' || node === null) return node;
  if (node instanceof OffsetRange) return plainRange(node) as T;
  const seen = memo.get(node);
  if (seen !== undefined) return seen as T;
  if (Array.isArray(node)) {
    const copy: unknown[] = [];
    memo.set(node, copy);
    for (const item of node) copy.push(plainTree(item, memo));
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  memo.set(node, copy);
  for (const [key, value] of Object.entries(node)) copy[key] = plainTree(value, memo);
  return copy as T;
}
