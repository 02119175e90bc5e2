import { Option, type Command } from '@commander-js/extra-typings';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { StagecraftError } from '../../core/errors.js';
import { compileScenarios, type CompiledScenario } from '../../dsl/compiler/compile.js';
import { EMIT_FORMATS, emitDistributed } from '../../runner/distributed/emit.js';
import type { CliContext } from '../context.js';
import { positiveInteger } from '../options.js';

/**
 * `; HTTP calls: 3 compiled to direct k6 requests, 1 general; flows called directly` and a line
 * per general call with its reason, and why the flows run through the runtime when they do.
 */
function httpCallLines(scenario: CompiledScenario): { summary: string; general: string[] } {
  const compiled = scenario.httpCalls.reduce((total, file) => total + file.compiled.length, 0);
  const general = scenario.httpCalls.flatMap((file) => file.general.map((call) => `  ${file.file}:${call.line}:${call.column} general vu.http call: ${call.reason}`));
  if (compiled + general.length === 0) return { summary: '', general };
  const summary = `; HTTP calls: ${compiled} compiled to direct k6 requests${general.length === 0 ? '' : `, ${general.length} general`}`;
  if (scenario.entry.direct) return { summary: `${summary}; flows called directly`, general };
  return { summary: `${summary}; flows run by the stagecraft runtime`, general: [...general, `  runtime entry: ${scenario.entry.reason}`] };
}

/** `stagecraft compile [names...] [--check]`: scenarios/*.ts → generated/*.js. */
export function registerCompileCommand(program: Command, context: CliContext): void {
  program
    .command('compile')
    .description('validate scenarios/*.ts and bundle each into a plain k6 script in generated/')
    .argument('[names...]', 'scenario names (file names without .ts); default: all')
    .option('--check', 'do not write; fail if generated/ is out of date (for CI)', false)
    .option('--scenarios <dir>', 'folder of scenario files', 'scenarios')
    .option('--out <dir>', 'folder for generated scripts', 'generated')
    .option('--instances <count>', 'also print how to split each scenario across this many k6 instances (execution segments)', positiveInteger)
    .addOption(new Option('--emit <form>', 'with --instances: k6 command lines, or k6-operator manifests (ConfigMap, PVC, TestRun)').choices(EMIT_FORMATS).default('commands' as const))
    .option('--emit-out <file>', 'write the --instances output to this file (atomically) instead of stdout')
    .option('--runner-image <image>', 'k8s: runner image (default grafana/k6:<pinned k6 version>)')
    .option('--runner-cpu <quantity>', 'k8s: CPU request and limit of each runner', '1')
    .option('--runner-memory <quantity>', 'k8s: memory request and limit of each runner', '1Gi')
    .option('--separate', 'k8s: one runner per node (spec.separate)', false)
    .option('--namespace <name>', 'k8s: namespace of the resources')
    .action(async (names, options) => {
      const started = performance.now();
      const result = await compileScenarios({ names, check: options.check, scenariosDir: options.scenarios, outDir: options.out });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (options.check) {
        if (result.stale.length > 0) {
          throw new StagecraftError({
            code: 'stale-generated',
            message: `generated/ is out of date: ${result.stale.join(', ')}`,
            fix: 'run "npx stagecraft compile" and commit the result',
          });
        }
        context.out(`generated/ is up to date (${result.compiled.length} scenario(s) checked in ${seconds}s)`);
        return;
      }
      const log = (line: string): void => (options.instances === undefined ? context.out(line) : context.err(line));
      for (const scenario of result.compiled) {
        const calls = httpCallLines(scenario);
        log(`compiled ${scenario.name} → ${relative(process.cwd(), scenario.script)} (${scenario.contentHash.slice(0, 19)})${calls.summary}`);
        calls.general.forEach(log);
      }
      log(`${result.compiled.length} scenario(s) compiled in ${seconds}s`);
      if (options.instances === undefined) return;
      const runner = { cpu: options.runnerCpu, memory: options.runnerMemory, separate: options.separate, ...(options.runnerImage === undefined ? {} : { image: options.runnerImage }), ...(options.namespace === undefined ? {} : { namespace: options.namespace }) };
      const parts: string[] = [];
      for (const scenario of result.compiled) {
        const scriptText = await readFile(scenario.script, 'utf8');
        parts.push(emitDistributed({ script: scenario.script, scriptText, metadata: scenario.metadata }, { format: options.emit, instances: options.instances, runner }).trimEnd());
      }
      const text = `${parts.join(options.emit === 'k8s' ? '\n---\n' : '\n\n')}\n`;
      if (options.emitOut === undefined) context.out(text.trimEnd());
      else {
        await writeFileAtomic(options.emitOut, text);
        context.err(`${options.emit === 'k8s' ? 'k6-operator manifests' : 'command lines'} written to ${options.emitOut}`);
      }
    });
}
