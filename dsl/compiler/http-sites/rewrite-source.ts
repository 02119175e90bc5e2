import { dirname, relative, sep } from 'node:path';
import { EndpointDeclarations } from './endpoint-declarations.js';
import { callReplacement, canInline, siteFunction, siteImports } from './emit-call-site.js';
import { findHttpCallSites, type GeneralHttpCall } from './find-call-sites.js';
import { parseSource } from './syntax.js';

/** A scenario source with its HTTP calls compiled, and what was and was not compiled. */
export interface CompiledHttpCalls {
  /** The rewritten TypeScript (the input itself when nothing was compiled). */
  readonly code: string;
  /** Compiled calls, as `line:column`. */
  readonly compiled: readonly string[];
  /** Calls left to the general runtime path, with the reason. */
  readonly general: readonly GeneralHttpCall[];
}

/** A file to compile: where it is (imports resolve from there) and its text. */
export interface SourceToCompile {
  readonly file: string;
  readonly text: string;
}

/**
 * How `file` imports `module`: a relative specifier, so that the rewritten source (embedded in
 * the source map) is the same wherever the project is checked out.
 */
function relativeSpecifier(file: string, module: string): string {
  const path = relative(dirname(file), module).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function uniqueName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let index = 2; taken(name); index += 1) name = `${base}_${index}`;
  return name;
}

/**
 * Rewrites every `vu.http(...)` call the compiler can read into the code written for that call
 * site: inline when the call is a statement of its own (no function call per request), else a
 * call of a function appended to the module, with the imports it needs. Line numbers of the
 * original code do not change. A file with syntax errors is returned as written (esbuild
 * reports them). Pure apart from reading the files that declare imported endpoints.
 */
export function compileHttpCalls(input: SourceToCompile, declarations: EndpointDeclarations, helperModule: string): CompiledHttpCalls {
  if (!input.text.includes('.http')) return { code: input.text, compiled: [], general: [] };
  const source = parseSource(input.file, input.text);
  if (source === undefined) return { code: input.text, compiled: [], general: [] };
  const { sites, general } = findHttpCallSites(source, declarations.visibleIn(source));
  if (sites.length === 0) return { code: input.text, compiled: [], general };
  const names = new Set<string>();
  const taken = (name: string): boolean => names.has(name) || input.text.includes(name);
  const functions: string[] = [];
  let code = '';
  let position = 0;
  for (const site of sites) {
    const name = uniqueName(`stagecraftHttp_${site.endpointName}_L${site.line}`, taken);
    names.add(name);
    const form = canInline(site, input.text) ? 'block' : 'function';
    code += input.text.slice(position, site.start) + callReplacement(site, name, input.text, form);
    // A block needs no `;` after it.
    position = form === 'block' && input.text[site.end] === ';' ? site.end + 1 : site.end;
    // An inlined call needs only its cache; others call their function.
    functions.push(form === 'block' ? `var ${name}Site;` : siteFunction(site, name));
  }
  code += input.text.slice(position);
  code += `\n\n${functions.join('\n\n')}\n\n${siteImports(relativeSpecifier(input.file, helperModule))}\n`;
  return { code, compiled: sites.map((site) => `${site.line}:${site.column}`), general };
}

/** Compiles the HTTP calls of one file; see {@link httpCallCompiler}. */
export type HttpCallCompiler = (source: SourceToCompile) => CompiledHttpCalls;

/**
 * A compiler for the files of one compile, writing calls to `helperModule`'s functions. Files
 * that declare imported endpoints are read once per compile (they may change between compiles).
 */
export function httpCallCompiler(helperModule: string): HttpCallCompiler {
  const declarations = new EndpointDeclarations();
  return (source) => compileHttpCalls(source, declarations, helperModule);
}
