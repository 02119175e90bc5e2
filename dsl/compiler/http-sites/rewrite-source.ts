import { dirname, relative, sep } from 'node:path';
import { EndpointDeclarations } from './endpoint-declarations.js';
import { callReplacement, canInline, siteFunction, siteImports, type DirectPreparation } from './emit-call-site.js';
import { findHttpCallSites, type GeneralHttpCall, type HttpCallSite } from './find-call-sites.js';
import { parseSource, type ParsedSource } from './syntax.js';

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
export function relativeSpecifier(file: string, module: string): string {
  const path = relative(dirname(file), module).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function uniqueName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let index = 2; taken(name); index += 1) name = `${base}_${index}`;
  return name;
}

/** A replacement of `text.slice(start, end)`; an insertion when `start === end`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `text` with non-overlapping edits applied (in any order; insertions at one offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let code = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position) throw new Error(`overlapping source edits at offset ${edit.start} (please report this as a bug)`);
    code += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return code + text.slice(position);
}

/** The edits compiling a file's call sites, and the declarations to append to it. */
export interface SiteEdits {
  readonly edits: readonly TextEdit[];
  /** Site caches and site functions, for the end of the module. */
  readonly appended: readonly string[];
}

/**
 * The edits that replace each call site with the code written for it: inline when the call is a
 * statement of its own (no function call per request), else a call of a function appended to
 * the module. Line numbers of the original code do not change. `direct` gives the preparation
 * of sites inside a direct entry's flows (undefined for every other site).
 */
export function siteEdits(sites: readonly HttpCallSite[], text: string, direct: (site: HttpCallSite) => DirectPreparation | undefined = () => undefined): SiteEdits {
  const names = new Set<string>();
  const taken = (name: string): boolean => names.has(name) || text.includes(name);
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const site of sites) {
    const name = uniqueName(`stagecraftHttp_${site.endpointName}_L${site.line}`, taken);
    names.add(name);
    const form = canInline(site, text) ? 'block' : 'function';
    const preparation = direct(site);
    // A block needs no `;` after it.
    const end = form === 'block' && text[site.end] === ';' ? site.end + 1 : site.end;
    edits.push({ start: site.start, end, text: callReplacement(site, name, text, form, preparation) });
    // An inlined call needs only its cache; others call their function.
    appended.push(form === 'block' ? `var ${name}Site;` : siteFunction(site, name, preparation));
  }
  return { edits, appended };
}

/** `code` followed by the appended declarations and the imports compiled sites need. */
export function withSiteDeclarations(code: string, appended: readonly string[], file: string, helperModule: string): string {
  return `${code}\n\n${appended.join('\n\n')}\n\n${siteImports(relativeSpecifier(file, helperModule))}\n`;
}

/**
 * Rewrites every `vu.http(...)` call the compiler can read into the code written for that call
 * site (see {@link siteEdits}), with the imports it needs. A file with syntax errors is returned
 * as written (esbuild reports them). `extraEdits` (computed from the same parse) are applied
 * with the sites' edits. Pure apart from reading the files that declare imported endpoints.
 */
export function compileHttpCalls(
  input: SourceToCompile,
  declarations: EndpointDeclarations,
  helperModule: string,
  extraEdits?: (source: ParsedSource) => readonly TextEdit[],
): CompiledHttpCalls {
  if (extraEdits === undefined && !input.text.includes('.http')) return { code: input.text, compiled: [], general: [] };
  const source = parseSource(input.file, input.text);
  if (source === undefined) return { code: input.text, compiled: [], general: [] };
  const { sites, general } = input.text.includes('.http') ? findHttpCallSites(source, declarations.visibleIn(source)) : { sites: [], general: [] };
  const extra = extraEdits?.(source) ?? [];
  if (sites.length === 0 && extra.length === 0) return { code: input.text, compiled: [], general };
  const { edits, appended } = siteEdits(sites, input.text);
  const code = applyEdits(input.text, [...edits, ...extra]);
  return { code: sites.length === 0 ? code : withSiteDeclarations(code, appended, input.file, helperModule), compiled: sites.map((site) => `${site.line}:${site.column}`), general };
}

/** Compiles the HTTP calls of the files of one compile; made by {@link httpCallCompiler}. */
export interface HttpCallCompiler {
  /** The module compiled sites import their helpers from (`dsl/k6/http-site.ts`). */
  readonly helperModule: string;
  /** Endpoint declarations read so far (shared by every bundle of the compile). */
  readonly declarations: EndpointDeclarations;
  /** {@link compileHttpCalls} for one file, with optional further edits from the same parse. */
  compile(source: SourceToCompile, extraEdits?: (source: ParsedSource) => readonly TextEdit[]): CompiledHttpCalls;
}

/**
 * A compiler for the files of one compile, writing calls to `helperModule`'s functions. Files
 * that declare imported endpoints are read once per compile (they may change between compiles).
 */
export function httpCallCompiler(helperModule: string): HttpCallCompiler {
  const declarations = new EndpointDeclarations();
  return { helperModule, declarations, compile: (source, extraEdits) => compileHttpCalls(source, declarations, helperModule, extraEdits) };
}
