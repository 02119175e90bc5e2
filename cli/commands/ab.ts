import { Option, type Command } from '@commander-js/extra-typings';
import { relative } from 'node:path';
import { renderMarkdown } from '../../analysis/report/markdown.js';
import { runAb } from '../../runner/ab.js';
import { compareSettings, withCompareFlags } from '../compare-flags.js';
import type { CliContext } from '../context.js';
import { collectKeyValue, positiveInteger } from '../options.js';
import { collectResource, resourceHelp } from '../resource-flags.js';
import type { ResourceTarget } from '../../runner/resources/targets.js';
import { reportComparison } from './compare.js';

/** `stagecraft ab <scenario>`: interleaved baseline/candidate runs with real k6, then the comparison. */
export function registerAbCommand(program: Command, context: CliContext): void {
  withCompareFlags(
    program
      .command('ab')
      .description('run a scenario for baseline and candidate interleaved (ABBA) with k6, then compare; --aa calibrates the noise')
      .argument('<scenario>', 'scenario name (generated/<name>.js) or path to a k6 script')
      .addOption(new Option('--baseline-env <KEY=VALUE>', 'environment of the baseline runs; repeatable').argParser(collectKeyValue).default({}))
      .addOption(new Option('--candidate-env <KEY=VALUE>', 'environment of the candidate runs; repeatable').argParser(collectKeyValue).default({}))
      .addOption(new Option('-e, --env <KEY=VALUE>', 'environment of both sides; repeatable').argParser(collectKeyValue).default({}))
      .addOption(new Option('--baseline-resource <SERVICE=TARGET>', resourceHelp('server-side CPU and memory of the baseline service')).argParser(collectResource).default([] as ResourceTarget[]))
      .addOption(new Option('--candidate-resource <SERVICE=TARGET>', resourceHelp('server-side CPU and memory of the candidate service')).argParser(collectResource).default([] as ResourceTarget[]))
      .addOption(new Option('--resource <SERVICE=TARGET>', resourceHelp('sampled on both sides (e.g. a shared database)')).argParser(collectResource).default([] as ResourceTarget[]))
      .option('-n, --repeat <count>', 'runs per side (5 recommended)', positiveInteger, 5)
      .option('--aa', 'A/A calibration: run the baseline environment on both sides and store the measured noise for later comparisons', false)
      .option('--results <dir>', 'results folder', 'results')
      .option('-o, --out <dir>', 'report folder (default: reports/<scenario>/ab, or .../aa)'),
  ).action(async (scenario, options) => {
    if (!options.aa && Object.keys(options.candidateEnv).length === 0 && Object.keys(options.baselineEnv).length === 0) {
      context.err('note: baseline and candidate get the same environment; pass --baseline-env/--candidate-env, or use --aa for a deliberate A/A run');
    }
    const result = await runAb({
      scenario,
      baselineEnv: { ...options.env, ...options.baselineEnv },
      candidateEnv: { ...options.env, ...options.candidateEnv },
      baselineResources: [...options.resource, ...options.baselineResource],
      candidateResources: [...options.resource, ...options.candidateResource],
      repeat: options.repeat,
      aa: options.aa,
      resultsDir: options.results,
      ...(options.out === undefined ? {} : { outDir: options.out }),
      compare: await compareSettings(options),
      log: (line) => context.err(line),
    });
    context.out(renderMarkdown(result.comparison.comparison));
    reportComparison(result.comparison, context);
    if (result.calibration !== null) {
      const { file, value } = result.calibration;
      const noise = Object.entries(value.noise).map(([metric, v]) => `${metric} ${(v * 100).toFixed(1)}%`).join(', ');
      context.err(`A/A calibration stored in ${relative(process.cwd(), file)}: noise ${noise}; false-alarm rate ${(value.falseAlarmRate * 100).toFixed(0)}% of gating rows`);
      if (result.comparison.verdict === 'FAIL') context.err('warning: the A/A comparison FAILed: this environment is too noisy for the budgets (or the service is not deterministic enough); see the report');
      // An A/A run is a measurement of noise, not a gate.
      context.exitCode = 0;
    }
  });
}
