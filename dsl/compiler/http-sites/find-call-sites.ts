import type { CallExpression, Expression, Node, StaticMemberExpression } from 'oxc-parser';
import { pathPlaceholders } from '../../path-template.js';
import { checksAcceptResponse } from './checks-target.js';
import { declarationCounts, type EndpointDeclaration } from './endpoint-declarations.js';
import { constantText, propertyName, walk, type Ancestors, type ParsedSource } from './syntax.js';

/** A piece of the call's source that the compiled site receives as an argument. */
export interface SiteArgument {
  readonly start: number;
  readonly end: number;
  /** The site function's parameter name. */
  readonly parameter: string;
}

/** A path parameter or query value: a literal the compiler encodes, or an argument. */
export interface UrlValue {
  readonly name: string;
  /** The value's source text (for the general call a site falls back to). */
  readonly text: string;
  /** The literal's string form, when known at compile time. */
  readonly constant?: string;
  /** The argument carrying the value, when it is computed. */
  readonly parameter?: string;
}

/** How the body is sent: JSON for object and array literals, as is for strings, decided at run time otherwise. */
export type BodyKind = 'json' | 'text' | 'unknown';

/** A `vu.http(endpoint, { ... })` call the compiler turns into straight-line code. */
export interface HttpCallSite {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** Source name of the endpoint (for the site function's name). */
  readonly endpointName: string;
  readonly declaration: EndpointDeclaration;
  readonly pathValues: readonly UrlValue[];
  readonly queryValues: readonly UrlValue[];
  readonly body: { readonly parameter: string; readonly kind: BodyKind } | undefined;
  readonly headers: string | undefined;
  readonly tags: string | undefined;
  /** `literal`: an object literal, so never `undefined` at run time. */
  readonly checks: { readonly parameter: string; readonly acceptsResponse: boolean; readonly literal: boolean } | undefined;
  /** Receiver (`vu`), endpoint and computed option values, in source order. */
  readonly arguments: readonly SiteArgument[];
  /** False when the call is a statement of its own (or `void`ed), so no result object is needed. */
  readonly resultUsed: boolean;
  /** True when the call is the whole expression of a statement (no parentheses), so a block can replace it. */
  readonly statement: boolean;
}

/** A `.http(...)` call left to the general runtime path, and why. */
export interface GeneralHttpCall {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** What {@link findHttpCallSites} found in one file. */
export interface HttpCallSites {
  readonly sites: readonly HttpCallSite[];
  readonly general: readonly GeneralHttpCall[];
}

const OPTION_NAMES: ReadonlySet<string> = new Set(['params', 'query', 'body', 'headers', 'tags', 'checks']);

class NotCompiled extends Error {}

/** The property assignments of an object literal by name, in source order; throws `NotCompiled` for spreads, methods and computed or repeated names. */
function literalProperties(node: Expression, what: string): [string, Expression][] {
  if (node.type !== 'ObjectExpression') throw new NotCompiled(`${what} is not an object literal`);
  const seen = new Set<string>();
  return node.properties.map((property): [string, Expression] => {
    const name = property.type === 'Property' && property.kind === 'init' && !property.method ? propertyName(property.key, property.computed) : undefined;
    if (property.type !== 'Property' || name === undefined || seen.has(name)) throw new NotCompiled(`${what} has a spread, method, computed or repeated property`);
    seen.add(name);
    return [name, property.value];
  });
}

/** False when the call is an expression statement (or `void`ed), so its value is never read. */
function isResultUsed(ancestors: Ancestors): boolean {
  let index = ancestors.length - 1;
  while (ancestors[index]?.type === 'ParenthesizedExpression') index -= 1;
  const holder = ancestors[index];
  return holder?.type !== 'ExpressionStatement' && !(holder?.type === 'UnaryExpression' && holder.operator === 'void');
}

function bodyKind(node: Expression): BodyKind {
  if (node.type === 'ObjectExpression' || node.type === 'ArrayExpression') return 'json';
  if ((node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral') return 'text';
  return 'unknown';
}

/** Collects a call's arguments with unique, readable parameter names. */
class ArgumentList {
  readonly list: SiteArgument[] = [];
  private readonly used = new Set<string>();

  add(node: Node, preferred: string): string {
    const base = preferred.replace(/[^A-Za-z0-9_$]/g, '_');
    let parameter = base;
    for (let index = 2; this.used.has(parameter); index += 1) parameter = `${base}${index}`;
    this.used.add(parameter);
    this.list.push({ start: node.start, end: node.end, parameter });
    return parameter;
  }
}

function urlValues(entries: readonly [string, Expression][], prefix: string, text: string, args: ArgumentList): UrlValue[] {
  return entries.map(([name, node]) => {
    const constant = constantText(node);
    const written = text.slice(node.start, node.end);
    return constant === undefined ? { name, text: written, parameter: args.add(node, `${prefix}_${name}`) } : { name, text: written, constant };
  });
}

/** A `x.http(...)` call: a call of a non-optional, non-computed member named `http`. */
type HttpCall = CallExpression & { readonly callee: StaticMemberExpression };

function readSite(call: HttpCall, ancestors: Ancestors, source: ParsedSource, endpoints: ReadonlyMap<string, EndpointDeclaration>, declared: ReadonlyMap<string, number>): HttpCallSite {
  const receiver = call.callee.object;
  const [endpointNode, optionsNode, ...extra] = call.arguments;
  if (receiver.type !== 'Identifier') throw new NotCompiled('the receiver is not a plain name');
  if (endpointNode === undefined || extra.length > 0 || call.arguments.some((argument) => argument.type === 'SpreadElement')) throw new NotCompiled('the arguments are not (endpoint, options)');
  if (endpointNode.type !== 'Identifier') throw new NotCompiled('the endpoint is not a plain name');
  const declaration = endpoints.get(endpointNode.name);
  if (declaration === undefined) throw new NotCompiled(`"${endpointNode.name}" is not a top-level endpoint declaration of this file or a relative import`);
  if ((declared.get(endpointNode.name) ?? 0) > 1) throw new NotCompiled(`"${endpointNode.name}" is declared more than once in the file`);
  const args = new ArgumentList();
  args.add(receiver, 'vu');
  args.add(endpointNode, 'endpoint');
  // A spread was ruled out above, so the options (when given) are an expression.
  const options = optionsNode === undefined ? [] : literalProperties(optionsNode as Expression, 'the call options');
  const unknown = options.find(([name]) => !OPTION_NAMES.has(name));
  if (unknown) throw new NotCompiled(`unknown option "${unknown[0]}"`);
  let pathValues: UrlValue[] = [];
  let queryValues: UrlValue[] = [];
  let body: HttpCallSite['body'];
  let headers: string | undefined;
  let tags: string | undefined;
  let checks: HttpCallSite['checks'];
  for (const [name, node] of options) {
    if (name === 'params') pathValues = urlValues(literalProperties(node, 'params'), 'path', source.text, args);
    else if (name === 'query') queryValues = urlValues(literalProperties(node, 'query'), 'query', source.text, args);
    else if (name === 'body') body = { parameter: args.add(node, 'body'), kind: bodyKind(node) };
    else if (name === 'headers') headers = args.add(node, 'headers');
    else if (name === 'tags') tags = args.add(node, 'tags');
    else checks = { parameter: args.add(node, 'checks'), acceptsResponse: checksAcceptResponse(node), literal: node.type === 'ObjectExpression' };
  }
  const expected = pathPlaceholders(declaration.path);
  if (expected.length !== pathValues.length || !pathValues.every((value) => expected.includes(value.name))) {
    throw new NotCompiled(`params do not name exactly the placeholders of ${declaration.path}`);
  }
  return {
    start: call.start,
    end: call.end,
    ...source.positionOf(call.start),
    endpointName: endpointNode.name,
    declaration,
    pathValues,
    queryValues,
    body,
    headers,
    tags,
    checks,
    arguments: args.list,
    resultUsed: isResultUsed(ancestors),
    statement: ancestors.at(-1)?.type === 'ExpressionStatement',
  };
}

/** True for `x.http(...)` calls (not `x?.http`, not `x['http']`). */
function isHttpCall(node: Node): node is HttpCall {
  if (node.type !== 'CallExpression' || node.optional) return false;
  const callee = node.callee;
  return callee.type === 'MemberExpression' && !callee.computed && !callee.optional && callee.property.type === 'Identifier' && callee.property.name === 'http';
}

/**
 * Finds the `vu.http(endpoint, { ... })` calls of a file that can be compiled into direct k6
 * requests: the endpoint is a name bound to a declaration the compiler can read (method and
 * path template as literals), the options are an object literal with only the documented keys,
 * and `params` and `query` are object literals. Every other `.http(...)` call is listed with
 * the reason it stays on the general path (which behaves the same, at a higher CPU cost).
 */
export function findHttpCallSites(source: ParsedSource, endpoints: ReadonlyMap<string, EndpointDeclaration>): HttpCallSites {
  const sites: HttpCallSite[] = [];
  const general: GeneralHttpCall[] = [];
  const declared = declarationCounts(source.program);
  // Calls inside a compiled call's arguments stay general: the arguments are copied as written.
  const compiled = new Set<Node>();
  walk(source.program, (node, ancestors) => {
    if (!isHttpCall(node)) return;
    const leaveGeneral = (reason: string): void => void general.push({ ...source.positionOf(node.start), reason });
    if (ancestors.some((ancestor) => compiled.has(ancestor))) return leaveGeneral('it is inside the arguments of another compiled call');
    try {
      sites.push(readSite(node, ancestors, source, endpoints, declared));
      compiled.add(node);
    } catch (error) {
      if (!(error instanceof NotCompiled)) throw error;
      leaveGeneral(error.message);
    }
  });
  const bySource = (a: { line: number; column: number }, b: { line: number; column: number }): number => a.line - b.line || a.column - b.column;
  return { sites: sites.sort((a, b) => a.start - b.start), general: general.sort(bySource) };
}
