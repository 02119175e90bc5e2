import { dirname, resolve, sep } from 'node:path';
import type { CallExpression, Node } from 'oxc-parser';
import { endpointCall } from '../http-sites/endpoint-declarations.js';
import type { TextEdit } from '../http-sites/rewrite-source.js';
import { walk, type ParsedSource } from '../http-sites/syntax.js';

/**
 * In a bundle with a direct entry nothing at run time reads the services and endpoints a file
 * declares (the compiler wrote what the call sites need), so their declarations are marked
 * side-effect free: esbuild then leaves out every declaration the flows do not use, and VUs
 * neither evaluate nor keep them.
 */

const PURE = '/* @__PURE__ */ ';

/** Names a file imports (values, not types) from the stagecraft DSL, whose folder is `dslFolder`. */
function dslImports(source: ParsedSource, dslFolder: string): Set<string> {
  const names = new Set<string>();
  for (const statement of source.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type' || !statement.source.value.startsWith('.')) continue;
    if (!resolve(dirname(source.file), statement.source.value).startsWith(dslFolder)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') names.add(specifier.local.name);
    }
  }
  return names;
}

function isDslCall(node: Node, dsl: ReadonlySet<string>): node is CallExpression {
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && dsl.has(node.callee.name);
}

/**
 * Insertions of `/* @__PURE__ *\/` before the DSL calls of a file's top-level `const`
 * declarations whose value is a DSL call (`httpService(...)`, with the `env(...)` calls in its
 * options) or an endpoint declaration (`service.endpoint('name', { ... })`). `dslFolder` is the
 * stagecraft `dsl/` folder.
 */
export function pureDslDeclarations(source: ParsedSource, dslFolder: string): TextEdit[] {
  const dsl = dslImports(source, dslFolder.endsWith(sep) ? dslFolder : dslFolder + sep);
  const edits: TextEdit[] = [];
  for (const statement of source.program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const { init } of declaration.declarations) {
      if (init === null || !(isDslCall(init, dsl) || endpointCall(init) !== undefined)) continue;
      if (!isDslCall(init, dsl)) edits.push({ start: init.start, end: init.start, text: PURE });
      walk(init, (node) => {
        if (isDslCall(node, dsl)) edits.push({ start: node.start, end: node.start, text: PURE });
      });
    }
  }
  return edits;
}
