import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

/**
 * TypeScript's parser, loaded on first use (about 0.2 s): only files that call `.http(` need it.
 * Parsing only; no program, no type checker.
 */
let typescript: typeof TypeScript | undefined;

/** The `typescript` module. */
export function ts(): typeof TypeScript {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return typescript;
}

/** Parses a TypeScript file (with parent pointers). */
export function parseSource(file: string, text: string): TypeScript.SourceFile {
  const api = ts();
  return api.createSourceFile(file, text, api.ScriptTarget.Latest, true, api.ScriptKind.TS);
}

/** The value of a string literal or a template without substitutions; undefined for anything else. */
export function stringValue(node: TypeScript.Node | undefined): string | undefined {
  const api = ts();
  if (node === undefined) return undefined;
  return api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/** The text of a property name that is an identifier, string or number literal; undefined when computed. */
export function propertyName(name: TypeScript.PropertyName): string | undefined {
  const api = ts();
  if (api.isIdentifier(name) || api.isStringLiteral(name) || api.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (api.isNumericLiteral(name)) return String(Number(name.text));
  return undefined;
}

/**
 * A literal whose string form is known at compile time (`'desk'`, `10`, `true`), for URL parts
 * that can be encoded once by the compiler; undefined for anything computed.
 */
export function constantText(node: TypeScript.Expression): string | undefined {
  const api = ts();
  const text = stringValue(node);
  if (text !== undefined) return text;
  if (api.isNumericLiteral(node) && String(Number(node.text)) === node.text) return node.text;
  if (node.kind === api.SyntaxKind.TrueKeyword) return 'true';
  if (node.kind === api.SyntaxKind.FalseKeyword) return 'false';
  return undefined;
}

/** 1-based line and column of a position. */
export function positionOf(source: TypeScript.SourceFile, position: number): { readonly line: number; readonly column: number } {
  const { line, character } = source.getLineAndCharacterOfPosition(position);
  return { line: line + 1, column: character + 1 };
}
