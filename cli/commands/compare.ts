import { Option, type Command } from '@commander-js/extra-typings';
import { compareScenarioRuns, type ScenarioComparison } from '../../analysis/compare/compare-folders.js';
import { renderMarkdown } from '../../analysis/report/markdown.js';
import { appendStepSummary, STEP_SUMMARY_VARIABLE } from '../../analysis/report/step-summary.js';
import { compareSettings, withCompareFlags } from '../compare-flags.js';
import type { CliContext } from '../context.js';
import { dirname, relative } from 'node:path';

/** `stagecraft compare --baseline <runs...> --candidate <runs...>`: significance-tested comparison. */
export function registerCompareCommand(program: Command, context: CliContext): void {
  withCompareFlags(
    program
      .command('compare')
      .description('compare baseline and candidate runs (run folders, folders of runs, k6 --out json/csv files, plain or gzip) and write a report')
      .requiredOption('-b, --baseline <paths...>', 'baseline runs')
      .requiredOption('-c, --candidate <paths...>', 'candidate (refactor) runs')
      .option('-o, --out <dir>', 'write report.md and report.json into this folder')
      .addOption(new Option('--format <format>', 'what to print').choices(['markdown', 'json'] as const).default('markdown' as const)),
  ).action(async (options) => {
    const result = await compareScenarioRuns({
      baseline: options.baseline,
      candidate: options.candidate,
      ...(options.out === undefined ? {} : { outDir: options.out }),
      ...(await compareSettings(options)),
    });
    context.out(options.format === 'json' ? JSON.stringify(result.comparison, null, 2) : renderMarkdown(result.comparison));
    reportComparison(result, context);
  });
}

/**
 * Prints where the report went, the calibration, the seed and the verdict; appends report.md to
 * the GitHub Actions job summary when `GITHUB_STEP_SUMMARY` is set; sets the exit code.
 */
export function reportComparison(result: ScenarioComparison, context: CliContext, env: NodeJS.ProcessEnv = process.env): void {
  try {
    appendStepSummary(renderMarkdown(result.comparison), env);
  } catch (error) {
    context.err(`warning: could not append the report to ${STEP_SUMMARY_VARIABLE} (${env[STEP_SUMMARY_VARIABLE] ?? ''}): ${error instanceof Error ? error.message : String(error)}`);
  }
  const files = result.files;
  if (files !== null) {
    const shown = (path: string): string => relative(process.cwd(), path) || path;
    const images = files.images.length === 0 ? '' : `, ${files.images.length / 2} chart image(s) in ${shown(dirname(files.images[0] ?? files.html))}`;
    context.err(`report written to ${shown(files.html)}, ${shown(files.markdown)}, ${shown(files.json)} and ${shown(files.junit)}${images}`);
  }
  if (result.calibrationFile !== null) context.err(`A/A calibration: ${relative(process.cwd(), result.calibrationFile)}`);
  const inconclusive = result.comparison.overall.inconclusive ? ', some rows inconclusive' : '';
  context.err(`verdict: ${result.verdict}${inconclusive} (seed ${result.comparison.seed}; trimmed ${result.trim.startMs / 1000}s warm-up, ${result.trim.endMs / 1000}s ramp-down)`);
  context.exitCode = result.exitCode;
}
