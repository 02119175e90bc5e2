import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { compileScenarios } from '../dsl/compiler/compile.js';
import { runAb } from '../runner/ab.js';
import { ensureK6 } from '../runner/k6-install.js';
import type { ScenarioComparison } from '../analysis/compare/compare-folders.js';
import { parseResourceTarget, type ResourceTarget } from '../runner/resources/targets.js';
import { startChildDemo, type ChildDemo, type ChildService } from './child-service.js';
import { REFACTOR_CACHE_MIB } from './response-cache.js';

/**
 * The demo's scenarios, the environment variable that points each at its service, and the
 * service (its `service` tag and its process) whose CPU and memory are sampled by pid.
 */
export const DEMO_SCENARIOS = [
  { name: 'demo-http', targetVariable: 'CATALOG_URL', service: 'catalog', process: (demo: ChildDemo): ChildService => demo.http },
  { name: 'demo-grpc', targetVariable: 'INVENTORY_ADDR', service: 'inventory', process: (demo: ChildDemo): ChildService => demo.grpc },
] as const;

/** `--resource SERVICE=pid:PID` of a scenario's service process. */
function resourcesOf(scenario: (typeof DEMO_SCENARIOS)[number], demo: ChildDemo): ResourceTarget[] {
  return [parseResourceTarget(`${scenario.service}=pid:${scenario.process(demo).pid}`)];
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Project folder (default: current directory). */
  readonly root?: string;
  /** Runs per side (default 3). */
  readonly runsPerSide?: number;
  /** Where reports go (default `reports/demo`). */
  readonly outDir?: string;
  /** Where run folders go (default `results/demo`). */
  readonly resultsDir?: string;
  readonly log?: (line: string) => void;
}

/** What the demo produced. */
export interface DemoResult {
  readonly comparisons: readonly ScenarioComparison[];
  readonly summaryFile: string;
  readonly seconds: number;
}

/**
 * The whole stagecraft pipeline on the bundled demo system: make sure k6 exists, compile the
 * demo scenarios, start the baseline and refactor variants of the demo services on free
 * loopback ports, each service in its own process (so its CPU and memory are sampled by pid
 * beside the latencies), run each scenario for both sides interleaved (ABBA), compare, and
 * write the reports. The services are stopped whatever happens (each child also exits when
 * this process goes away, since it watches its stdin; k6 children get Ctrl-C forwarded).
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const root = resolve(options.root ?? process.cwd());
  const log = options.log ?? (() => undefined);
  const runsPerSide = options.runsPerSide ?? 3;
  const outDir = resolve(root, options.outDir ?? join('reports', 'demo'));
  const resultsDir = resolve(root, options.resultsDir ?? join('results', 'demo'));

  const k6 = (await ensureK6({ log })).binary;
  log(`k6 v${k6.version} at ${k6.path}`);
  await compileScenarios({ root, names: DEMO_SCENARIOS.map((scenario) => scenario.name) });

  const baseline = await startChildDemo('baseline', 1);
  let refactor: ChildDemo | undefined;
  try {
    refactor = await startChildDemo('refactor', 2);
    log(`baseline services: ${baseline.http.url} ${baseline.grpc.url}; refactor services: ${refactor.http.url} ${refactor.grpc.url}`);
    const comparisons: ScenarioComparison[] = [];
    for (const scenario of DEMO_SCENARIOS) {
      log(`${scenario.name}: ${runsPerSide} runs per side, interleaved`);
      const result = await runAb({
        scenario: scenario.name,
        root,
        resultsDir,
        outDir: join(outDir, scenario.name),
        k6,
        log,
        repeat: runsPerSide,
        labels: { baseline: 'baseline', candidate: 'refactor' },
        baselineEnv: { [scenario.targetVariable]: scenario.process(baseline).url },
        candidateEnv: { [scenario.targetVariable]: scenario.process(refactor).url },
        baselineResources: resourcesOf(scenario, baseline),
        candidateResources: resourcesOf(scenario, refactor),
      });
      comparisons.push(result.comparison);
    }
    const summaryFile = join(outDir, 'README.md');
    await writeFileAtomic(summaryFile, demoSummary(comparisons, outDir, runsPerSide));
    return { comparisons, summaryFile, seconds: (Date.now() - started) / 1000 };
  } finally {
    await Promise.all([baseline.stop(), refactor?.stop()]);
  }
}

function demoSummary(comparisons: readonly ScenarioComparison[], outDir: string, runsPerSide: number): string {
  const lines = [
    '# stagecraft demo: baseline vs refactor',
    '',
    `Each scenario ran ${runsPerSide} times per side against the demo services, interleaved (ABBA).`,
    'The refactor makes the catalog `search` endpoint faster and `get-item` slower, and the refactored catalog',
    `keeps a ${REFACTOR_CACHE_MIB} MiB response cache (its resident memory rises by about that much: see the Resources table);`,
    'everything else is unchanged. Each service runs in its own process, sampled once per second for CPU and memory.',
    '',
    '| scenario | verdict | report |',
    '| --- | --- | --- |',
    ...comparisons.map((comparison) => `| ${comparison.scenario} | ${comparison.verdict} | [report](${relative(outDir, comparison.markdownFile)}) |`),
    '',
  ];
  return lines.join('\n');
}
