/**
 * A small YAML writer for Kubernetes manifests: block maps and lists, every string
 * double-quoted in JSON syntax (valid YAML), multi-line strings as `|` literal blocks.
 * Enough for the plain JSON-like objects stagecraft emits; not a general serializer.
 */

/** A JSON-like value. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`cannot write ${value} as YAML`);
  return String(value);
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * A multi-line string written as a `|` block. YAML takes a block's indentation from its first
 * non-empty line, so a string whose first non-empty line starts with a space or tab (or that
 * holds a CR, which a block cannot keep) is written double-quoted instead.
 */
function isBlockString(value: YamlValue): value is string {
  return typeof value === 'string' && value.includes('\n') && !value.includes('\r') && !/^\n*[ \t]/.test(value);
}

function literal(value: string, indent: string): string[] {
  const chomp = value.endsWith('\n') ? (value.endsWith('\n\n') ? '+' : '') : '-';
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  return [`|${chomp}`, ...body.split('\n').map((line) => (line === '' ? '' : `${indent}${line}`))];
}

function lines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return ['[]'];
    return value.flatMap((item: YamlValue) => {
      const inner = lines(item, `${indent}  `);
      const [first = '', ...rest] = isInline(item) ? [scalarLine(item, `${indent}  `)] : inner;
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter((entry): entry is [string, YamlValue] => entry[1] !== undefined);
    if (entries.length === 0) return ['{}'];
    return entries.flatMap(([name, item]) => {
      if (isInline(item)) return [`${indent}${key(name)}: ${scalarLine(item, `${indent}  `)}`];
      if (isBlockString(item)) {
        const [head = '', ...body] = literal(item, `${indent}  `);
        return [`${indent}${key(name)}: ${head}`, ...body];
      }
      return [`${indent}${key(name)}:`, ...lines(item, `${indent}  `)];
    });
  }
  return [scalar(value)];
}

function isInline(value: YamlValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) return Object.values(value).every((item) => item === undefined);
  return !isBlockString(value);
}

function scalarLine(value: YamlValue, indent: string): string {
  return (lines(value, indent)[0] ?? '').trimStart();
}

/** Writes documents as one YAML stream (`---` between them), ending in a newline. */
export function toYaml(documents: readonly YamlValue[]): string {
  return `${documents.map((document) => lines(document, '').join('\n')).join('\n---\n')}\n`;
}
