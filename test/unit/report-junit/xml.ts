/**
 * A tiny, strict XML reader for the JUnit tests (no XML parser is installed): elements with
 * double-quoted attributes, text, and the XML declaration. It throws on anything malformed:
 * unbalanced tags, a raw `<` or `&` in text or attributes, characters XML 1.0 forbids.
 */

/** One element. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(text: string, where: string): string {
  if (/[<]/.test(text) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`raw < or & in ${where}: ${JSON.stringify(text)}`);
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(ENTITY, (_, body: string) => named[body] ?? String.fromCodePoint(body.startsWith('#x') ? parseInt(body.slice(2), 16) : Number(body.slice(1))));
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('character not allowed in XML 1.0');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  if (body === xml) throw new Error('missing XML declaration');
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let position = 0;
  for (let match = tag.exec(body); match !== null; match = tag.exec(body)) {
    const between = body.slice(position, match.index);
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (between.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(between)}`);
    } else parent.text += decode(between, `<${parent.name}>`);
    position = tag.lastIndex;
    const [, closing, name = '', rawAttributes = '', selfClosing] = match;
    if (closing === '/') {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', value = ''] of rawAttributes.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`attribute ${key} twice on <${name}>`);
      attributes[key] = decode(value, `${name}@${key}`);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (parent !== undefined) parent.children.push(element);
    else if (root === undefined && stack.length === 0) root = element;
    else throw new Error('a second root element');
    if (selfClosing !== '/') stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (body.slice(position).trim() !== '') throw new Error('text after the root element');
  if (root === undefined) throw new Error('no root element');
  return root;
}
