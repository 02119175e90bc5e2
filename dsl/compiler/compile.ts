import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { StagecraftError, type Problem } from '../../core/errors.js';
import { projectRoot } from '../../core/project.js';
import type { ScenarioMetadata, SloMetadata } from '../../core/scenario-metadata.js';
import { durationToMs } from '../../core/duration.js';
import { isEnvValue, type Configurable } from '../env.js';
import type { TestDefinition } from '../test.js';
import { scopeNames, serviceTagValue } from '../thresholds.js';
import { planAssets } from './assets.js';
import { fitTimeline } from './fit-timeline.js';
import { bundleScenario } from './bundle.js';
import { planDirectEntry, type DirectEntryPlan } from './direct-entry/scenario-source.js';
import { httpSiteModule, type FileHttpCalls } from './http-sites/plugin.js';
import { httpCallCompiler, type HttpCallCompiler } from './http-sites/rewrite-source.js';
import { discoverScenarios, selectScenarios, type ScenarioSource } from './discover.js';
import { buildK6Options, scenarioMetadata, type K6Options } from './k6-options.js';
import { loadDefinition } from './load-definition.js';
import { tsLocator } from './ts-locator.js';
import { typeCheckInBackground } from './typecheck-background.js';
import { validateDefinition } from './validate.js';

/** Options of {@link compileScenarios}. */
export interface CompileOptions {
  /** Project folder holding `scenarios/` and `generated/` (default: current directory). */
  readonly root?: string;
  readonly scenariosDir?: string;
  readonly outDir?: string;
  /** Scenario names to compile (default: all). */
  readonly names?: readonly string[];
  /** Compare with the files on disk instead of writing; stale files are reported. */
  readonly check?: boolean;
  /**
   * Squeeze each test's timeline to end within this many ms (shape kept, rates unchanged), for
   * short end-to-end runs of long scenarios. Changes the output; never used for `generated/`.
   */
  readonly fitWithinMs?: number;
  /** Type-check the scenario files with the project's tsconfig first (default true); skip it when the caller already ran tsc. */
  readonly typeCheck?: boolean;
  /**
   * Compile `vu.http(...)` calls into direct k6 requests (default true). Off, every call takes
   * the runtime's general path; the benchmark and the equivalence test use it to compare both.
   */
  readonly compileHttpCalls?: boolean;
  /**
   * Call flows directly, without the stagecraft runtime, when a test allows it (default true;
   * needs `compileHttpCalls`). See `direct-entry/scenario-source.ts`; the benchmark and the
   * equivalence test turn it off to compare.
   */
  readonly directEntry?: boolean;
}

/** How a script's exported functions run the flows: directly, or through the runtime (and why). */
export type EntryKind = { readonly direct: true } | { readonly direct: false; readonly reason: string };

/** One file the compiler produces. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** A compiled scenario. */
export interface CompiledScenario {
  readonly name: string;
  readonly script: string;
  readonly contentHash: string;
  readonly files: readonly OutputFile[];
  readonly metadata: ScenarioMetadata;
  /** Per project file with `.http(` calls: which were compiled into direct k6 requests and which stay general, and why. */
  readonly httpCalls: readonly FileHttpCalls[];
  readonly entry: EntryKind;
}

/** Result of a compile: what was compiled and, in check mode, which files are stale. */
export interface CompileResult {
  readonly compiled: readonly CompiledScenario[];
  readonly stale: readonly string[];
}

function posix(path: string): string {
  return path.split('\\').join('/');
}

/** Environment variables a test reads, sorted by name (names only; values never enter the script). */
export function environmentVariables(definition: TestDefinition): { name: string; secret: boolean }[] {
  const names = new Map<string, boolean>();
  const visit = (value: Configurable | undefined): void => {
    if (value !== undefined && isEnvValue(value)) names.set(value.name, (names.get(value.name) ?? false) || value.secret);
  };
  (definition.environment ?? []).forEach(visit);
  for (const service of definition.services) {
    if (service.protocol === 'http') {
      visit(service.options.baseUrl);
      Object.values(service.options.headers ?? {}).forEach(visit);
      const auth = service.options.auth;
      if (auth !== undefined) ('bearer' in auth ? [auth.bearer] : [auth.basic.username, auth.basic.password]).forEach(visit);
    } else {
      visit(service.options.target);
      Object.values(service.options.metadata ?? {}).forEach(visit);
    }
  }
  return [...names].sort(([a], [b]) => a.localeCompare(b)).map(([name, secret]) => ({ name, secret }));
}

function sloMetadata(definition: TestDefinition): SloMetadata[] {
  return (definition.slos ?? []).map((slo) => {
    const names = scopeNames(slo.scope);
    const tierMs = (value: string | undefined): number | undefined => (value === undefined ? undefined : durationToMs(value));
    const entry: Record<string, unknown> = { service: names.service, statistic: slo.statistic, enforced: slo.enforce };
    if (names.endpoint !== undefined) entry['endpoint'] = names.endpoint;
    for (const tier of ['target', 'acceptable', 'critical'] as const) {
      const value = tierMs(slo.tiers[tier]);
      if (value !== undefined) entry[tier] = value;
    }
    return entry as unknown as SloMetadata;
  });
}


function header(source: string, name: string, hash: string, envNames: readonly string[]): string {
  const settings = envNames.length === 0 ? '' : ` (settings from the environment: ${envNames.join(', ')})`;
  return [
    `// Generated by stagecraft from ${source}. Do not edit: change the scenario and run "npx stagecraft compile".`,
    `// content-hash: ${hash}`,
    `// Run: k6 run generated/${name}.js${settings}`,
    '',
  ].join('\n');
}

/** How every scenario of one compile is bundled. */
interface BundleSettings {
  readonly root: string;
  readonly outDir: string;
  /** Undefined when `vu.http` calls are not compiled (`CompileOptions.compileHttpCalls: false`). */
  readonly httpCallCompiler: HttpCallCompiler | undefined;
  readonly directEntry: boolean;
}

/** A direct entry for the scenario (`text`: its file as read for validation) when the settings and the test allow one, else why not. */
function planEntry(source: ScenarioSource, text: string, definition: TestDefinition, settings: BundleSettings): DirectEntryPlan {
  if (!settings.directEntry) return { ok: false, reason: 'direct entries are turned off' };
  if (settings.httpCallCompiler === undefined) return { ok: false, reason: 'HTTP calls are not compiled' };
  return planDirectEntry({ file: source.file, text }, definition, settings.httpCallCompiler, projectRoot());
}

async function compileOne(source: ScenarioSource, text: string, definition: TestDefinition, settings: BundleSettings): Promise<CompiledScenario> {
  const { root, outDir } = settings;
  const options: K6Options = buildK6Options(definition);
  const { plan, copies } = planAssets(definition, source.file, source.name);
  const scriptPath = join(outDir, `${source.name}.js`);
  const direct = planEntry(source, text, definition, settings);
  const bundle = await bundleScenario(
    {
      root,
      runtimeFile: join(projectRoot(), 'dsl', 'k6', 'runtime.ts'),
      ...((definition.data ?? []).length > 0 ? { dataLoaderFile: join(projectRoot(), 'dsl', 'k6', 'data-loader.ts') } : {}),
      ...(definition.services.some((service) => service.protocol === 'grpc') ? { grpcClientsFile: join(projectRoot(), 'dsl', 'k6', 'grpc-call.ts') } : {}),
      scenarioFile: source.file,
      scenarioNames: Object.keys(definition.scenarios),
      hasSetup: definition.setup !== undefined,
      hasTeardown: definition.teardown !== undefined,
      options,
      plan,
      ...(settings.httpCallCompiler === undefined ? {} : { httpCallCompiler: settings.httpCallCompiler }),
      ...(direct.ok ? { direct: direct.entry } : {}),
    },
    scriptPath,
  );
  const contentHash = `sha256:${createHash('sha256').update(bundle.code).digest('hex')}`;
  const sourceRelative = posix(relative(root, source.file));
  const metadata: ScenarioMetadata = {
    schemaVersion: 1,
    name: source.name,
    source: sourceRelative,
    contentHash,
    services: definition.services.map((service) =>
      service.protocol === 'http'
        ? { name: service.name, protocol: 'http', serviceTag: serviceTagValue(service), endpoints: service.endpoints.map((endpoint) => ({ name: endpoint.name, method: endpoint.method, target: endpoint.path })) }
        : { name: service.name, protocol: 'grpc', serviceTag: serviceTagValue(service), endpoints: service.methods.map((method) => ({ name: method.name, method: method.call, target: `${service.options.service}/${method.method}` })) },
    ),
    scenarios: scenarioMetadata(definition, options),
    slos: sloMetadata(definition),
    environment: environmentVariables(definition),
  };
  const files: OutputFile[] = [
    { path: scriptPath, content: header(sourceRelative, source.name, contentHash, metadata.environment.map((variable) => variable.name)) + bundle.code },
    { path: `${scriptPath}.map`, content: bundle.map },
    { path: join(outDir, `${source.name}.stagecraft.json`), content: `${JSON.stringify(metadata, null, 2)}\n` },
  ];
  for (const copy of copies) files.push({ path: join(outDir, copy.to), content: await readFile(copy.from, 'utf8') });
  const entry: EntryKind = direct.ok ? { direct: true } : { direct: false, reason: direct.reason };
  return { name: source.name, script: scriptPath, contentHash, files, metadata, httpCalls: bundle.httpCalls, entry };
}

async function isStale(file: OutputFile): Promise<boolean> {
  try {
    return (await readFile(file.path, 'utf8')) !== file.content;
  } catch {
    return true;
  }
}

/**
 * Compiles scenarios into k6 scripts. Every scenario is type-checked (one TypeScript program for
 * all, in a worker thread), loaded, validated and bundled; if any has problems, all of them are
 * reported in one `invalid-scenario` error and nothing is written. Otherwise each output file is
 * written atomically (or, with `check`, compared).
 */
export async function compileScenarios(options: CompileOptions = {}): Promise<CompileResult> {
  const root = resolve(options.root ?? process.cwd());
  const scenariosDir = resolve(root, options.scenariosDir ?? 'scenarios');
  const outDir = resolve(root, options.outDir ?? 'generated');
  const sources = selectScenarios(await discoverScenarios(scenariosDir), options.names ?? []);

  // esbuild does not type-check, so the scenarios are type-checked, in a worker thread while
  // this thread loads, validates and bundles them (esbuild bundles in its own process). A
  // scenario the check blocks (type errors in it or in a project file it imports) reports only
  // its type errors: whatever loading, validating or bundling it produced is discarded.
  const typeCheck = options.typeCheck === false ? undefined : typeCheckInBackground(sources.map((source) => source.file), { root });
  const checked: { source: ScenarioSource; problems: Problem[]; compiled?: Promise<CompiledScenario> }[] = [];
  const compileHttpCalls = options.compileHttpCalls ?? true;
  const settings: BundleSettings = {
    root,
    outDir,
    httpCallCompiler: compileHttpCalls ? httpCallCompiler(httpSiteModule(projectRoot())) : undefined,
    directEntry: options.directEntry ?? true,
  };
  for (const source of sources) {
    const loaded = await loadDefinition(source);
    if (!loaded.ok) {
      checked.push({ source, problems: [loaded.problem] });
      continue;
    }
    const text = await readFile(source.file, 'utf8');
    const found = validateDefinition(loaded.definition, source.file, tsLocator(source.file, text));
    const problems = found.map((problem) => ({ ...problem, message: `${source.name}: ${problem.message}` }));
    if (problems.length > 0) {
      checked.push({ source, problems });
      continue;
    }
    const definition = options.fitWithinMs === undefined ? loaded.definition : fitTimeline(loaded.definition, options.fitWithinMs);
    // esbuild runs concurrent builds in parallel; results keep the scenario order.
    const compiled = compileOne(source, text, definition, settings);
    compiled.catch(() => undefined); // awaited below unless the type check blocks the scenario
    checked.push({ source, problems, compiled });
  }
  const typed = await typeCheck;
  const unblocked = checked.filter(({ source }) => typed?.blocked.has(source.file) !== true);
  const problems: Problem[] = [...(typed?.problems ?? []), ...unblocked.flatMap((entry) => entry.problems)];
  if (problems.length > 0) {
    throw new StagecraftError(
      { code: 'invalid-scenario', message: `${problems.length} problem(s) in ${sources.length} scenario(s); nothing was written`, fix: 'fix the problems listed above and compile again' },
      { problems },
    );
  }
  const compiled: CompiledScenario[] = await Promise.all(unblocked.flatMap((entry) => (entry.compiled === undefined ? [] : [entry.compiled])));

  const files = compiled.flatMap((scenario) => scenario.files);
  if (!options.check) {
    await Promise.all(files.map((file) => writeFileAtomic(file.path, file.content)));
    return { compiled, stale: [] };
  }
  const staleFlags = await Promise.all(files.map((file) => isStale(file)));
  const stale = files.filter((_, index) => staleFlags[index]).map((file) => posix(relative(root, file.path)));
  return { compiled, stale };
}
