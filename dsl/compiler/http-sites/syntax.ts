import { parseSync, visitorKeys, type Expression, type Node, type Program, type PropertyKey } from 'oxc-parser';

/**
 * The syntax tree of a scenario file, from oxc's parser (native; about 0.1 ms for a scenario
 * file and nothing noticeable to load, where TypeScript's parser took 0.25 s to load). Nodes
 * are ESTree nodes with TypeScript additions, and `start`/`end` are offsets into the text
 * (UTF-16, like JavaScript strings).
 */
export interface ParsedSource {
  readonly file: string;
  readonly text: string;
  readonly program: Program;
  /** 1-based line and column of an offset. */
  positionOf(offset: number): { readonly line: number; readonly column: number };
}

/** Offsets at which lines start, with the line breaks TypeScript and editors count. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n?|[\n\u2028\u2029]/g)) starts.push(match.index + match[0].length);
  return starts;
}

/**
 * Parses a TypeScript file; undefined when it has syntax errors (it is then left as written,
 * and esbuild reports the errors with their locations when it bundles the file).
 */
export function parseSource(file: string, text: string): ParsedSource | undefined {
  const parsed = parseSync(file, text, { lang: 'ts', sourceType: 'module', preserveParens: true });
  if (parsed.errors.length > 0) return undefined;
  let starts: number[] | undefined;
  return {
    file,
    text,
    program: parsed.program,
    positionOf(offset) {
      starts ??= lineStarts(text);
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] as number) <= offset) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, column: offset - (starts[low] as number) + 1 };
    },
  };
}

/** A node and its ancestors, nearest last (ESTree nodes have no parent pointers). */
export type Ancestors = readonly Node[];

/** True for a value that is a syntax tree node. */
function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Visits `node` and its descendants, parents first. `visit` gets each node's ancestors and
 * returns false to skip the node's children.
 */
export function walk(node: Node, visit: (node: Node, ancestors: Ancestors) => boolean | void, ancestors: Node[] = []): void {
  if (visit(node, ancestors) === false) return;
  ancestors.push(node);
  for (const key of visitorKeys[node.type] ?? []) {
    const child: unknown = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) walk(item, visit, ancestors);
    } else if (isNode(child)) {
      walk(child, visit, ancestors);
    }
  }
  ancestors.pop();
}

/** The value of a string literal or a template without substitutions; undefined for anything else. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The text of a property name that is an identifier, string or number literal; undefined when computed. */
export function propertyName(key: PropertyKey, computed: boolean): string | undefined {
  if (computed) return undefined;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

/**
 * A literal whose string form is known at compile time (`'desk'`, `10`, `true`), for URL parts
 * that can be encoded once by the compiler; undefined for anything computed.
 */
export function constantText(node: Expression): string | undefined {
  const text = stringValue(node);
  if (text !== undefined) return text;
  if (node.type !== 'Literal') return undefined;
  if (typeof node.value === 'number' && String(node.value) === node.raw) return node.raw;
  if (typeof node.value === 'boolean') return String(node.value);
  return undefined;
}
