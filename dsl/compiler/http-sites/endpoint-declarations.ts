import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BindingPattern, Expression, Node, Program } from 'oxc-parser';
import type { HttpMethod } from '../../http.js';
import { parseSource, propertyName, stringValue, walk, type ParsedSource } from './syntax.js';

/** What the compiler reads from `const x = service.endpoint('name', { method, path })`. */
export interface EndpointDeclaration {
  /** The endpoint's name (its `endpoint` tag). */
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
}

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** `x.endpoint('name', { method: 'GET', path: '/p', ... })` with literal name, method and path; undefined for anything else. */
export function endpointCall(initializer: Expression | null): EndpointDeclaration | undefined {
  if (initializer?.type !== 'CallExpression') return undefined;
  const callee = initializer.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'endpoint') return undefined;
  const [nameNode, spec, ...extra] = initializer.arguments;
  const name = stringValue(nameNode);
  if (extra.length > 0 || name === undefined || spec?.type !== 'ObjectExpression') return undefined;
  let method: string | undefined;
  let path: string | undefined;
  for (const property of spec.properties) {
    if (property.type !== 'Property' || property.kind !== 'init' || property.method || property.shorthand) return undefined;
    const key = propertyName(property.key, property.computed);
    if (key === 'method') method = stringValue(property.value);
    if (key === 'path') path = stringValue(property.value);
  }
  return method !== undefined && METHODS.has(method) && path !== undefined ? { name, method: method as HttpMethod, path } : undefined;
}

/** Top-level `const` endpoint declarations of a file, by name (`exportedOnly`: only `export const`). */
function declaredEndpoints(program: Program, exportedOnly: boolean): Map<string, EndpointDeclaration> {
  const found = new Map<string, EndpointDeclaration>();
  for (const statement of program.body) {
    const exported = statement.type === 'ExportNamedDeclaration';
    const declaration = exported ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || (exportedOnly && !exported)) continue;
    for (const declarator of declaration.declarations) {
      const endpoint = endpointCall(declarator.init);
      if (endpoint !== undefined && declarator.id.type === 'Identifier') found.set(declarator.id.name, endpoint);
    }
  }
  return found;
}

/** The TypeScript file a relative import names (`./services.js` → `services.ts`); undefined when there is none. */
function importedFile(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'), base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => /\.m?ts$/.test(candidate) && existsSync(candidate));
}

/**
 * Reads endpoint declarations across files. One instance per compile: files imported by many
 * scenarios are parsed once.
 */
export class EndpointDeclarations {
  private readonly exportedByFile = new Map<string, Map<string, EndpointDeclaration>>();

  private exportedFrom(file: string): Map<string, EndpointDeclaration> {
    let exported = this.exportedByFile.get(file);
    if (exported === undefined) {
      const source = parseSource(file, readFileSync(file, 'utf8'));
      exported = source === undefined ? new Map() : declaredEndpoints(source.program, true);
      this.exportedByFile.set(file, exported);
    }
    return exported;
  }

  /**
   * Endpoints a file can name: its own top-level `const` declarations and named imports of
   * `export const` declarations from relative TypeScript modules. Anything else (re-exports,
   * namespace imports, endpoints built in functions) is not read, and calls on it stay general.
   */
  visibleIn(source: ParsedSource): Map<string, EndpointDeclaration> {
    const visible = declaredEndpoints(source.program, false);
    for (const statement of source.program.body) {
      if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
      const target = importedFile(source.file, statement.source.value);
      if (target === undefined) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
        const declaration = this.exportedFrom(target).get(imported);
        if (declaration !== undefined) visible.set(specifier.local.name, declaration);
      }
    }
    return visible;
  }
}

/** The names a binding pattern introduces (`a`, `{ a, b: [c] }`, `...rest`, `x = 1`). */
function boundNames(pattern: BindingPattern | Node | null): string[] {
  switch (pattern?.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => boundNames(property.type === 'RestElement' ? property.argument : property.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => boundNames(element));
    case 'AssignmentPattern':
      return boundNames(pattern.left);
    case 'RestElement':
      return boundNames(pattern.argument);
    case 'TSParameterProperty':
      return boundNames(pattern.parameter);
    default:
      return [];
  }
}

/** The names a node declares in some scope (variables, parameters, functions, classes, imports, enums, namespaces, catch bindings). */
function declaredNames(node: Node): string[] {
  switch (node.type) {
    case 'VariableDeclarator':
      return boundNames(node.id);
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'TSDeclareFunction':
    case 'ArrowFunctionExpression':
      return [...(node.id === null ? [] : [node.id.name]), ...node.params.flatMap((parameter) => boundNames(parameter))];
    case 'ClassDeclaration':
    case 'ClassExpression':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'TSImportEqualsDeclaration':
    case 'TSEnumDeclaration':
      return boundNames('local' in node ? node.local : node.id);
    case 'TSModuleDeclaration':
      return node.id.type === 'Identifier' ? [node.id.name] : [];
    case 'CatchClause':
      return boundNames(node.param);
    default:
      return [];
  }
}

/** How many times each name is declared anywhere in a file (or under one node): a name declared twice may be shadowed at a call. */
export function declarationCounts(root: Node): Map<string, number> {
  const counts = new Map<string, number>();
  walk(root, (node) => {
    for (const name of declaredNames(node)) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return counts;
}
