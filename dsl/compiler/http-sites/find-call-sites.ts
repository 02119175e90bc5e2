import type TypeScript from 'typescript';
import { checksAcceptResponse } from './checks-target.js';
import { declarationCounts, type EndpointDeclaration } from './endpoint-declarations.js';
import { constantText, positionOf, propertyName, ts } from './syntax.js';

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

function placeholders(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
}

/** The property assignments of an object literal by name, in source order; throws `NotCompiled` for spreads, methods and computed or repeated names. */
function literalProperties(node: TypeScript.Expression, what: string): [string, TypeScript.Expression][] {
  const api = ts();
  if (!api.isObjectLiteralExpression(node)) throw new NotCompiled(`${what} is not an object literal`);
  const seen = new Set<string>();
  return node.properties.map((property): [string, TypeScript.Expression] => {
    const name = api.isPropertyAssignment(property) || api.isShorthandPropertyAssignment(property) ? propertyName(property.name) : undefined;
    if (name === undefined || seen.has(name)) throw new NotCompiled(`${what} has a spread, method, computed or repeated property`);
    seen.add(name);
    return [name, api.isPropertyAssignment(property) ? property.initializer : (property as TypeScript.ShorthandPropertyAssignment).name];
  });
}

/** False when the call is an expression statement (or `void`ed), so its value is never read. */
function isResultUsed(call: TypeScript.CallExpression): boolean {
  const api = ts();
  let node: TypeScript.Node = call.parent;
  while (api.isParenthesizedExpression(node)) node = node.parent;
  return !api.isExpressionStatement(node) && !api.isVoidExpression(node);
}

function bodyKind(node: TypeScript.Expression): BodyKind {
  const api = ts();
  if (api.isObjectLiteralExpression(node) || api.isArrayLiteralExpression(node)) return 'json';
  if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node) || api.isTemplateExpression(node)) return 'text';
  return 'unknown';
}

/** Collects a call's arguments with unique, readable parameter names. */
class ArgumentList {
  readonly list: SiteArgument[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly source: TypeScript.SourceFile) {}

  add(node: TypeScript.Node, preferred: string): string {
    const base = preferred.replace(/[^A-Za-z0-9_$]/g, '_');
    let parameter = base;
    for (let index = 2; this.used.has(parameter); index += 1) parameter = `${base}${index}`;
    this.used.add(parameter);
    this.list.push({ start: node.getStart(this.source), end: node.getEnd(), parameter });
    return parameter;
  }
}

function urlValues(entries: readonly [string, TypeScript.Expression][], prefix: string, source: TypeScript.SourceFile, args: ArgumentList): UrlValue[] {
  return entries.map(([name, node]) => {
    const constant = constantText(node);
    const text = node.getText(source);
    return constant === undefined ? { name, text, parameter: args.add(node, `${prefix}_${name}`) } : { name, text, constant };
  });
}

function readSite(call: TypeScript.CallExpression, source: TypeScript.SourceFile, endpoints: ReadonlyMap<string, EndpointDeclaration>, declared: ReadonlyMap<string, number>): HttpCallSite {
  const api = ts();
  const callee = call.expression as TypeScript.PropertyAccessExpression;
  const [endpointNode, optionsNode, ...extra] = call.arguments;
  if (!api.isIdentifier(callee.expression)) throw new NotCompiled('the receiver is not a plain name');
  if (endpointNode === undefined || extra.length > 0 || call.arguments.some((argument) => api.isSpreadElement(argument))) throw new NotCompiled('the arguments are not (endpoint, options)');
  if (!api.isIdentifier(endpointNode)) throw new NotCompiled('the endpoint is not a plain name');
  const declaration = endpoints.get(endpointNode.text);
  if (declaration === undefined) throw new NotCompiled(`"${endpointNode.text}" is not a top-level endpoint declaration of this file or a relative import`);
  if ((declared.get(endpointNode.text) ?? 0) > 1) throw new NotCompiled(`"${endpointNode.text}" is declared more than once in the file`);
  const args = new ArgumentList(source);
  args.add(callee.expression, 'vu');
  args.add(endpointNode, 'endpoint');
  const options = optionsNode === undefined ? [] : literalProperties(optionsNode, 'the call options');
  const unknown = options.find(([name]) => !OPTION_NAMES.has(name));
  if (unknown) throw new NotCompiled(`unknown option "${unknown[0]}"`);
  let pathValues: UrlValue[] = [];
  let queryValues: UrlValue[] = [];
  let body: HttpCallSite['body'];
  let headers: string | undefined;
  let tags: string | undefined;
  let checks: HttpCallSite['checks'];
  for (const [name, node] of options) {
    if (name === 'params') pathValues = urlValues(literalProperties(node, 'params'), 'path', source, args);
    else if (name === 'query') queryValues = urlValues(literalProperties(node, 'query'), 'query', source, args);
    else if (name === 'body') body = { parameter: args.add(node, 'body'), kind: bodyKind(node) };
    else if (name === 'headers') headers = args.add(node, 'headers');
    else if (name === 'tags') tags = args.add(node, 'tags');
    else checks = { parameter: args.add(node, 'checks'), acceptsResponse: checksAcceptResponse(node), literal: api.isObjectLiteralExpression(node) };
  }
  const expected = placeholders(declaration.path);
  if (expected.length !== pathValues.length || !pathValues.every((value) => expected.includes(value.name))) {
    throw new NotCompiled(`params do not name exactly the placeholders of ${declaration.path}`);
  }
  const start = call.getStart(source);
  return {
    start,
    end: call.getEnd(),
    ...positionOf(source, start),
    endpointName: endpointNode.text,
    declaration,
    pathValues,
    queryValues,
    body,
    headers,
    tags,
    checks,
    arguments: args.list,
    resultUsed: isResultUsed(call),
    statement: api.isExpressionStatement(call.parent),
  };
}

/** True for `x.http(...)` calls (not `x?.http`, not `x['http']`). */
function isHttpCall(node: TypeScript.Node): node is TypeScript.CallExpression {
  const api = ts();
  return api.isCallExpression(node) && api.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'http' && node.expression.questionDotToken === undefined && node.questionDotToken === undefined;
}

/**
 * Finds the `vu.http(endpoint, { ... })` calls of a file that can be compiled into direct k6
 * requests: the endpoint is a name bound to a declaration the compiler can read (method and
 * path template as literals), the options are an object literal with only the documented keys,
 * and `params` and `query` are object literals. Every other `.http(...)` call is listed with
 * the reason it stays on the general path (which behaves the same, at a higher CPU cost).
 */
export function findHttpCallSites(source: TypeScript.SourceFile, endpoints: ReadonlyMap<string, EndpointDeclaration>): HttpCallSites {
  const sites: HttpCallSite[] = [];
  const general: GeneralHttpCall[] = [];
  const declared = declarationCounts(source);
  const leaveGeneral = (node: TypeScript.Node, reason: string): void => {
    general.push({ ...positionOf(source, node.getStart(source)), reason });
  };
  // Calls inside a compiled call's arguments stay general: the arguments are copied as written.
  const visit = (node: TypeScript.Node, insideSite: boolean): void => {
    let compiled = false;
    if (isHttpCall(node)) {
      if (insideSite) {
        leaveGeneral(node, 'it is inside the arguments of another compiled call');
      } else {
        try {
          sites.push(readSite(node, source, endpoints, declared));
          compiled = true;
        } catch (error) {
          if (!(error instanceof NotCompiled)) throw error;
          leaveGeneral(node, error.message);
        }
      }
    }
    node.forEachChild((child) => visit(child, insideSite || compiled));
  };
  visit(source, false);
  return { sites, general };
}
