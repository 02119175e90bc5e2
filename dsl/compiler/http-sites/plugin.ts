import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import type { CompiledHttpCalls, HttpCallCompiler, TextEdit } from './rewrite-source.js';
import type { ParsedSource } from './syntax.js';

/** What the plugin did to one file of the bundle. */
export interface FileHttpCalls extends Pick<CompiledHttpCalls, 'compiled' | 'general'> {
  /** The file, relative to the project root, with `/` separators. */
  readonly file: string;
}

/** Options of {@link httpCallSitesPlugin}. */
export interface HttpCallSitesOptions {
  /** The project root (file names in reports and comments are relative to it). */
  readonly root: string;
  /** The stagecraft package root: its own `dsl/` and `core/` modules are never rewritten. */
  readonly packageRoot: string;
  /** Compiles one file's calls; shared across the bundles of one compile, so imported service modules are read once. */
  readonly compiler: HttpCallCompiler;
  /** Receives what was done to each file that has `.http(` calls. */
  readonly onFile?: (calls: FileHttpCalls) => void;
  /** Set when the bundle has a direct entry (see `dsl/compiler/direct-entry/`). */
  readonly direct?: DirectBundle;
}

/** What the plugin does differently in a bundle with a direct entry. */
export interface DirectBundle {
  /** The scenario file and its code as the direct entry needs it (flows exported, its call sites compiled). */
  readonly scenario: { readonly file: string } & CompiledHttpCalls;
  /** Further edits for every other project file (marking DSL declarations side-effect free). */
  readonly otherFiles: (source: ParsedSource) => readonly TextEdit[];
}

/** `text` with the characters that are special in a regular expression escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** A pattern matching text that starts with none of `prefixes` (one character class per branch point). */
function notStartingWithAny(prefixes: readonly string[]): string {
  const firsts = [...new Set(prefixes.map((prefix) => prefix[0] as string))];
  const branches = [`[^${firsts.map(escapeRegExp).join('')}]`];
  for (const first of firsts) {
    const tails = prefixes.filter((prefix) => prefix.startsWith(first)).map((prefix) => prefix.slice(1));
    if (!tails.includes('')) branches.push(`${escapeRegExp(first)}(?:${notStartingWithAny(tails)})`);
  }
  return branches.join('|');
}

/**
 * esbuild's filter for files ending like `suffix` outside the given folders. esbuild calls a
 * plugin's onLoad for every file its filter matches (a round trip to this process each), and
 * its regular expressions (Go's) have no negative look-ahead, so "not under these folders" is
 * spelled out character by character: the stagecraft runtime's own modules, in every bundle,
 * are then loaded by esbuild alone.
 */
export function notUnder(folders: readonly string[], suffix: RegExp): RegExp {
  const key = `${folders.join('\0')}\0${suffix.source}`;
  let filter = filters.get(key);
  if (filter === undefined) {
    filter = new RegExp(`^(?:${notStartingWithAny(folders)}).*${suffix.source}`);
    filters.set(key, filter);
  }
  return filter;
}

/** {@link notUnder}'s filters, built once per process (every bundle of a compile asks again). */
const filters = new Map<string, RegExp>();

/** The runtime module compiled sites import (`dsl/k6/http-site.ts`). */
export function httpSiteModule(packageRoot: string): string {
  return join(packageRoot, 'dsl', 'k6', 'http-site.ts');
}

/**
 * An esbuild plugin that compiles `vu.http(...)` calls in the project's TypeScript files into
 * direct k6 requests (see `find-call-sites.ts` for which calls qualify).
 */
export function httpCallSitesPlugin(options: HttpCallSitesOptions): Plugin {
  const own = [join(options.packageRoot, 'dsl') + sep, join(options.packageRoot, 'core') + sep];
  return {
    name: 'stagecraft-http-call-sites',
    setup(plugin) {
      plugin.onLoad({ filter: notUnder(own, /\.m?ts$/), namespace: 'file' }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        const displayPath = relative(options.root, args.path).split(sep).join('/');
        const direct = options.direct;
        const result = direct?.scenario.file === args.path ? direct.scenario : options.compiler.compile({ file: args.path, text }, direct?.otherFiles);
        if (result.compiled.length > 0 || result.general.length > 0) options.onFile?.({ file: displayPath, compiled: result.compiled, general: result.general });
        return result.code === text ? undefined : { contents: result.code, loader: 'ts' };
      });
    },
  };
}
