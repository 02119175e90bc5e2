import { build, type BuildFailure, type Message, type Plugin } from 'esbuild';
import { StagecraftError, type Problem } from '../../core/errors.js';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../../core/project.js';
import type { K6Options } from './k6-options.js';
import type { RuntimePlan } from '../k6/runtime.js';
import type { HttpCallCompiler } from './http-sites/rewrite-source.js';
import { httpCallSitesPlugin, type FileHttpCalls } from './http-sites/plugin.js';
import type { DirectEntry } from './direct-entry/scenario-source.js';

/** The bundled script and its source map, before the header is added. */
export interface Bundle {
  readonly code: string;
  readonly map: string;
  /** Per project file with `.http(` calls: which were compiled into direct k6 requests and which stay general. */
  readonly httpCalls: readonly FileHttpCalls[];
}

/** What the entry module needs to know. */
export interface EntryInput {
  readonly root: string;
  readonly scenarioFile: string;
  /** `dsl/k6/runtime.ts` of the stagecraft package. */
  readonly runtimeFile: string;
  /** `dsl/k6/data-loader.ts`, imported only when the test reads data files. */
  readonly dataLoaderFile?: string;
  /** `dsl/k6/grpc-call.ts`, imported only when the test has gRPC services. */
  readonly grpcClientsFile?: string;
  readonly scenarioNames: readonly string[];
  readonly hasSetup: boolean;
  readonly hasTeardown: boolean;
  readonly options: K6Options;
  readonly plan: RuntimePlan;
  /**
   * Compiles `vu.http(...)` calls into direct k6 requests; shared by the bundles of one compile
   * (service modules are read once). Without it every call takes the runtime's general path:
   * same requests, tags and checks, more CPU per request.
   */
  readonly httpCallCompiler?: HttpCallCompiler;
  /** Set when the flows are called directly, without the runtime (needs `httpCallCompiler`). */
  readonly direct?: DirectEntry;
}

function importPath(root: string, file: string): string {
  const path = relative(root, file).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * A direct entry module: the flows the rewritten scenario file exports, k6 `options` as a
 * literal, and per scenario a function that calls its flow with the VU's `vu`.
 */
function directEntrySource(input: EntryInput, direct: DirectEntry): string {
  const lines = [
    `import { ${direct.exports.map((flow) => flow.name).join(', ')} } from ${JSON.stringify(importPath(input.root, input.scenarioFile))};`,
    '',
    `export const options = ${JSON.stringify(input.options, null, 2)};`,
    '',
    '// The `vu` of this VU\'s flows: its number and the iteration (a direct entry offers nothing else).',
    'const stagecraftVu = { id: __VU, iteration: 0 };',
    '',
    ...direct.exports.map((flow) => `export function ${flow.scenario}() {\n  stagecraftVu.iteration = __ITER;\n  return ${flow.name}(stagecraftVu);\n}\n`),
  ];
  return lines.join('\n');
}

/**
 * Generates the entry module: k6 `options` as a literal, one exported function per scenario
 * (k6 finds them by name through each scenario's `exec`), and setup/teardown when defined.
 * With a direct entry the functions call the flows themselves (see `direct-entry/`).
 */
export function entrySource(input: EntryInput): string {
  if (input.direct !== undefined) return directEntrySource(input, input.direct);
  const runtime = importPath(input.root, input.runtimeFile);
  const loader = input.dataLoaderFile === undefined ? undefined : importPath(input.root, input.dataLoaderFile);
  const grpc = input.grpcClientsFile === undefined ? undefined : importPath(input.root, input.grpcClientsFile);
  const lines = [
    `import test from ${JSON.stringify(importPath(input.root, input.scenarioFile))};`,
    `import { createRuntime } from ${JSON.stringify(runtime)};`,
    ...(grpc === undefined ? [] : [`import { GrpcClients } from ${JSON.stringify(grpc)};`]),
    ...(loader === undefined ? [] : [`import { loadDataSources } from ${JSON.stringify(loader)};`]),
    '',
    grpc === undefined ? 'const runtime = createRuntime(test);' : `const runtime = createRuntime(test, new GrpcClients(test.services, ${JSON.stringify(input.plan.grpc)}));`,
    ...(loader === undefined ? [] : [`loadDataSources(test.data ?? [], ${JSON.stringify(input.plan.data)});`]),
    '',
    `export const options = ${JSON.stringify(input.options, null, 2)};`,
    '',
    ...input.scenarioNames.map((name) => `export const ${name} = runtime.iteration(${JSON.stringify(name)});\n`),
  ];
  if (input.hasSetup) lines.push('export function setup() {\n  return runtime.setup();\n}\n');
  if (input.hasTeardown) lines.push('export function teardown(data) {\n  runtime.teardown(data);\n}\n');
  return lines.join('\n');
}

/**
 * Node built-ins that bundled npm packages require only on paths k6 never takes (papaparse
 * requires `stream` solely for Node stream input). They become a module that throws when used,
 * since k6 has no Node built-ins.
 */
const UNAVAILABLE_BUILTINS = ['stream'] as const;

const stubUnavailableBuiltins: Plugin = {
  name: 'stagecraft-unavailable-builtins',
  setup(plugin) {
    plugin.onResolve({ filter: new RegExp(`^(node:)?(${UNAVAILABLE_BUILTINS.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'stagecraft-unavailable' }));
    plugin.onLoad({ filter: /.*/, namespace: 'stagecraft-unavailable' }, (args) => ({
      contents: `module.exports = new Proxy({}, { get(_, key) { throw new Error(${JSON.stringify(`${args.path} is not available in k6 (`)} + String(key) + ')'); } });`,
      loader: 'js',
    }));
  },
};

/**
 * DSL modules only the compiler needs (threshold and SLO builders, load shapes, the duration
 * grammar), relative to the stagecraft package. In k6 scripts they are replaced by
 * `dsl/k6/compile-only.ts`, whose stand-ins return placeholders without parsing anything, so
 * that VU initialisation does only what the runtime needs (the compiler has already written
 * thresholds and executors into `options`).
 */
export const COMPILE_ONLY_MODULES = ['dsl/thresholds.ts', 'dsl/shapes/index.ts', 'dsl/duration.ts'] as const;

function compileOnlyStandIns(packageRoot: string): Plugin {
  const modules = new Set<string>(COMPILE_ONLY_MODULES.map((file) => join(packageRoot, file)));
  const standIn = join(packageRoot, 'dsl', 'k6', 'compile-only.ts');
  return {
    name: 'stagecraft-compile-only',
    setup(plugin) {
      // Only relative imports ending like a compile-only module reach the callback.
      plugin.onResolve({ filter: /^\.{1,2}\/(?:.*\/)?(?:thresholds|duration|index)\.[jt]s$/ }, (args) => {
        const file = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        return modules.has(file) ? { path: standIn } : undefined;
      });
    },
  };
}

/** esbuild's errors as problems pointing at the file, line and column. */
function bundleProblems(failure: BuildFailure): Problem[] {
  return failure.errors.map((message: Message) => ({
    code: 'compile-failed',
    rule: 'bundle-error',
    message: `esbuild: ${message.text}`,
    fix: message.notes[0]?.text ?? 'fix the import or syntax at this location',
    location: message.location === null ? undefined : { file: message.location.file, line: message.location.line, column: message.location.column + 1 },
  }));
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/**
 * Bundles a scenario for k6 with esbuild: ESM (k6 runs it natively), every `k6` / `k6/*`
 * module and remote `https://` import left external, syntax k6's Sobek engine lacks lowered,
 * not minified, with a source map. Paths in the output are relative to the project root, so
 * the result is byte-identical on every machine.
 */
export async function bundleScenario(input: EntryInput, outFile: string): Promise<Bundle> {
  let result;
  const httpCalls: FileHttpCalls[] = [];
  try {
    result = await runEsbuild(input, outFile, httpCalls);
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    const problems = bundleProblems(error);
    throw new StagecraftError({ code: 'compile-failed', message: `bundling ${input.scenarioFile} failed`, fix: 'fix the problems listed above' }, { problems });
  }
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (!code || !map) throw new Error('esbuild produced no output (please report this as a bug)');
  httpCalls.sort((a, b) => a.file.localeCompare(b.file));
  return { code: code.text, map: map.text, httpCalls };
}

function runEsbuild(input: EntryInput, outFile: string, httpCalls: FileHttpCalls[]): ReturnType<typeof build<{ write: false; outfile: string }>> {
  const packageRoot = projectRoot();
  const compiler = input.httpCallCompiler;
  const direct = input.direct === undefined ? {} : { direct: input.direct };
  const sites = compiler === undefined ? [] : [httpCallSitesPlugin({ root: input.root, packageRoot, compiler, onFile: (calls) => httpCalls.push(calls), ...direct })];
  return build({
    stdin: { contents: entrySource(input), resolveDir: input.root, sourcefile: 'stagecraft-entry.js', loader: 'js' },
    absWorkingDir: input.root,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    supported: { 'async-generator': false, 'for-await': false },
    external: ['k6', 'k6/*', 'https://*'],
    sourcemap: 'linked',
    sourcesContent: true,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    outfile: outFile,
    write: false,
    logLevel: 'silent',
    plugins: [stubUnavailableBuiltins, compileOnlyStandIns(packageRoot), ...sites],
  });
}
