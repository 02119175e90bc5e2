import { Option, type Command } from '@commander-js/extra-typings';
import { relative } from 'node:path';
import { ExitCode } from '../../core/exit-codes.js';
import { runScenario } from '../../runner/run-scenario.js';
import type { CliContext } from '../context.js';
import { collectKeyValue, positiveInteger } from '../options.js';
import { collectResource, resourceHelp } from '../resource-flags.js';
import type { ResourceTarget } from '../../runner/resources/targets.js';

/** `stagecraft run <scenario>`: run a compiled scenario with real k6, N times, into run folders. */
export function registerRunCommand(program: Command, context: CliContext): void {
  program
    .command('run')
    .description('run a compiled scenario with k6, writing one results folder per run (k6 JSON output, summary, manifest)')
    .argument('<scenario>', 'scenario name (generated/<name>.js) or path to a k6 script')
    .option('-n, --repeat <count>', 'number of runs', positiveInteger, 1)
    .option('-l, --label <label>', 'side of the experiment, e.g. baseline or refactor', 'run')
    .option('--results <dir>', 'results folder', 'results')
    .addOption(new Option('-e, --env <KEY=VALUE>', 'environment for the script (__ENV); repeatable').argParser(collectKeyValue).default({}))
    .addOption(new Option('--tag <KEY=VALUE>', 'tag added to every sample; repeatable').argParser(collectKeyValue).default({}))
    .addOption(new Option('--resource <SERVICE=TARGET>', resourceHelp('server-side CPU and memory of the service under test')).argParser(collectResource).default([] as ResourceTarget[]))
    .option('--instances <count>', 'split each run across this many concurrent k6 processes (execution segments); thresholds are judged over all of them', positiveInteger, 1)
    .action(async (scenario, options) => {
      const records = await runScenario({
        scenario,
        label: options.label,
        repeat: options.repeat,
        resultsDir: options.results,
        env: options.env,
        tags: options.tag,
        resources: options.resource,
        instances: options.instances,
        log: (line) => context.err(line),
      });
      for (const record of records) context.out(`${relative(process.cwd(), record.folder)}  ${record.manifest.k6.outcome}`);
      if (records.some((record) => record.manifest.k6.outcome === 'thresholds-failed')) {
        context.err('k6 thresholds failed in at least one run (recorded in its manifest); exit code 99 as k6 does');
        context.exitCode = ExitCode.thresholdsFailed;
      }
    });
}
