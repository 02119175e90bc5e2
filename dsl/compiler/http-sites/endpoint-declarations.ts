import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type TypeScript from 'typescript';
import type { HttpMethod } from '../../http.js';
import { parseSource, propertyName, stringValue, ts } from './syntax.js';

/** What the compiler reads from `const x = service.endpoint('name', { method, path })`. */
export interface EndpointDeclaration {
  readonly method: HttpMethod;
  readonly path: string;
}

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** `x.endpoint('name', { method: 'GET', path: '/p', ... })` with literal method and path; undefined for anything else. */
function endpointCall(initializer: TypeScript.Expression | undefined): EndpointDeclaration | undefined {
  const api = ts();
  if (initializer === undefined || !api.isCallExpression(initializer)) return undefined;
  const callee = initializer.expression;
  if (!api.isPropertyAccessExpression(callee) || callee.name.text !== 'endpoint') return undefined;
  const spec = initializer.arguments[1];
  if (initializer.arguments.length !== 2 || stringValue(initializer.arguments[0]) === undefined || spec === undefined || !api.isObjectLiteralExpression(spec)) return undefined;
  let method: string | undefined;
  let path: string | undefined;
  for (const property of spec.properties) {
    if (!api.isPropertyAssignment(property)) return undefined;
    const name = propertyName(property.name);
    if (name === 'method') method = stringValue(property.initializer);
    if (name === 'path') path = stringValue(property.initializer);
  }
  return method !== undefined && METHODS.has(method) && path !== undefined ? { method: method as HttpMethod, path } : undefined;
}

/** Top-level `const` endpoint declarations of a file, by name (`exportedOnly`: only `export const`). */
function declaredEndpoints(source: TypeScript.SourceFile, exportedOnly: boolean): Map<string, EndpointDeclaration> {
  const api = ts();
  const found = new Map<string, EndpointDeclaration>();
  for (const statement of source.statements) {
    if (!api.isVariableStatement(statement) || (statement.declarationList.flags & api.NodeFlags.Const) === 0) continue;
    const exported = statement.modifiers?.some((modifier) => modifier.kind === api.SyntaxKind.ExportKeyword) ?? false;
    if (exportedOnly && !exported) continue;
    for (const declaration of statement.declarationList.declarations) {
      const endpoint = endpointCall(declaration.initializer);
      if (endpoint !== undefined && api.isIdentifier(declaration.name)) found.set(declaration.name.text, endpoint);
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
      exported = declaredEndpoints(parseSource(file, readFileSync(file, 'utf8')), true);
      this.exportedByFile.set(file, exported);
    }
    return exported;
  }

  /**
   * Endpoints a file can name: its own top-level `const` declarations and named imports of
   * `export const` declarations from relative TypeScript modules. Anything else (re-exports,
   * namespace imports, endpoints built in functions) is not read, and calls on it stay general.
   */
  visibleIn(source: TypeScript.SourceFile, file: string): Map<string, EndpointDeclaration> {
    const api = ts();
    const visible = declaredEndpoints(source, false);
    for (const statement of source.statements) {
      if (!api.isImportDeclaration(statement) || statement.importClause?.isTypeOnly === true) continue;
      const bindings = statement.importClause?.namedBindings;
      const target = importedFile(file, stringValue(statement.moduleSpecifier) ?? '');
      if (target === undefined || bindings === undefined || !api.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        const declaration = this.exportedFrom(target).get((element.propertyName ?? element.name).text);
        if (declaration !== undefined && !element.isTypeOnly) visible.set(element.name.text, declaration);
      }
    }
    return visible;
  }
}

/** True when `node` is the name a declaration introduces (a variable, parameter, function, class, import...). */
function isDeclarationName(node: TypeScript.Identifier): boolean {
  const api = ts();
  const parent = node.parent as TypeScript.Node & { readonly name?: TypeScript.Node };
  const declares =
    api.isVariableDeclaration(parent) ||
    api.isParameter(parent) ||
    api.isBindingElement(parent) ||
    api.isFunctionDeclaration(parent) ||
    api.isFunctionExpression(parent) ||
    api.isClassDeclaration(parent) ||
    api.isClassExpression(parent) ||
    api.isImportSpecifier(parent) ||
    api.isImportClause(parent) ||
    api.isNamespaceImport(parent) ||
    api.isImportEqualsDeclaration(parent) ||
    api.isEnumDeclaration(parent) ||
    api.isModuleDeclaration(parent);
  return declares && parent.name === node;
}

/** How many times each name is declared anywhere in a file: a name declared twice may be shadowed at a call. */
export function declarationCounts(source: TypeScript.SourceFile): Map<string, number> {
  const api = ts();
  const counts = new Map<string, number>();
  const visit = (node: TypeScript.Node): void => {
    if (api.isIdentifier(node) && isDeclarationName(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    node.forEachChild(visit);
  };
  visit(source);
  return counts;
}
