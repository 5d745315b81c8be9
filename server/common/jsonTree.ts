/**
 * Reading jsonc-parser trees of user files (frameworks, .studyspec.json) safely: values with
 * prototype-free objects (a key `__proto__` is just a key), duplicate keys found, and nodes
 * found by path through per-object indexes, so reporting N problems is linear, not N².
 * Trees are depth-capped before they get here (jsonDepth.ts), so recursion is bounded.
 */
import { Node as JsonNode } from 'jsonc-parser';

/** The value of a node; objects have no prototype. */
export function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = Object.create(null);
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) result[String(key.value)] = jsonValue(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

/** Key nodes that repeat an earlier key of the same object (JSON keeps the last one). */
export function duplicateKeys(node: JsonNode): JsonNode[] {
  const result: JsonNode[] = [];
  const visit = (current: JsonNode): void => {
    if (current.type === 'object') {
      const seen = new Set<string>();
      for (const property of current.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) result.push(key);
        seen.add(name);
        if (value) visit(value);
      }
    } else if (current.type === 'array') for (const child of current.children ?? []) visit(child);
  };
  visit(node);
  return result;
}

/** The message for a key given twice in one object. */
export function duplicateKeyMessage(key: string): string {
  return `"${key}" is given twice in one object; only the last one counts`;
}

/**
 * The text with a leading UTF-8 byte-order mark (which some Windows editors write) turned into a
 * space, so that JSON parsers accept it and every offset stays where it was.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** Finds nodes by a JSON path (ajv's instancePath segments; digits index arrays). */
export class NodeFinder {
  private readonly indexes = new Map<JsonNode, Map<string, JsonNode>>();

  constructor(private readonly root: JsonNode) {}

  at(segments: readonly (string | number)[]): JsonNode | undefined {
    let node: JsonNode | undefined = this.root;
    for (const segment of segments) {
      if (!node) return undefined;
      if (node.type === 'array') node = node.children?.[Number(segment)];
      else if (node.type === 'object') node = this.index(node).get(String(segment));
      else return undefined;
    }
    return node;
  }

  private index(node: JsonNode): Map<string, JsonNode> {
    let index = this.indexes.get(node);
    if (!index) {
      index = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        // the first of duplicate keys is where a reader looks
        if (key && value && !index.has(String(key.value))) index.set(String(key.value), value);
      }
      this.indexes.set(node, index);
    }
    return index;
  }
}

/** ajv's instancePath as segments. */
export function pointerSegments(instancePath: string): string[] {
  return instancePath
    ? instancePath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [];
}
