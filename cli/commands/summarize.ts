import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { writeSummaryReport } from '../../analysis/report/summary-report/write-summary-report.js';
import { formatCsv } from '../../analysis/summarize/format-csv.js';
import { formatTable } from '../../analysis/summarize/format-table.js';
import { loadSummarizeInputs } from '../../analysis/summarize/load.js';
import { summarizeInputs } from '../../analysis/summarize/summarize-runs.js';
import type { Summary } from '../../analysis/summarize/types.js';
import { requireK6 } from '../../runner/k6-binary.js';
import { scriptThresholds } from '../../runner/distributed/inspect-thresholds.js';
import type { CliContext } from '../context.js';
import { durationMs } from '../options.js';

/** Output formats of `stagecraft summarize`. */
export const SUMMARIZE_FORMATS = ['table', 'json', 'csv'] as const;

/** Parses `--group-by tag,tag...`; `none` (or an empty value) groups by metric only. */
export function groupByList(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'none') return [];
  const keys = trimmed.split(',').map((key) => key.trim());
  if (keys.some((key) => key === '')) throw new InvalidArgumentError(`"${value}" has an empty tag name: use tag names separated by commas, e.g. service,endpoint`);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate !== undefined) throw new InvalidArgumentError(`"${value}" names the tag "${duplicate}" twice`);
  return keys;
}

/** Splits `--metric` values given as repeated words or comma-separated lists. */
export function metricList(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((value) => value.split(',')).map((name) => name.trim()).filter((name) => name !== ''))];
}

/**
 * The report folder of `--report DIR`, or of `--out DIR` when DIR is an existing folder or
 * ends with `/`; null when the output is a file (or stdout).
 */
export async function reportFolder(options: { readonly report?: string | undefined; readonly out?: string | undefined }): Promise<string | null> {
  if (options.report !== undefined) return options.report;
  const { out } = options;
  if (out === undefined) return null;
  if (out.endsWith('/') || out.endsWith(sep)) return out;
  return (await stat(out).catch(() => null))?.isDirectory() === true ? out : null;
}

function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

function render(summary: Summary, format: (typeof SUMMARIZE_FORMATS)[number]): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(summary, null, 2)}\n`;
    case 'csv':
      return formatCsv(summary);
    case 'table':
      return `${formatTable(summary)}\n`;
    default:
      return format satisfies never;
  }
}

/**
 * `stagecraft summarize <paths...>`: per-run, per-series statistics of k6 output (trends:
 * count, min, max, mean, stddev, p50…p99.9; rates; counter totals and rates; gauges).
 */
export function registerSummarizeCommand(program: Command, context: CliContext): void {
  program
    .command('summarize')
    .description('statistics per series (metric × grouping tags) of k6 runs: run folders, folders of runs, or k6 --out json files')
    .argument('<paths...>', 'run folders, folders of run folders, or k6 output files')
    .option('--group-by <tags>', 'grouping tags, comma-separated, or "none" (default: service,endpoint,method,status_class)', groupByList)
    .addOption(new Option('--format <format>', 'output format').choices(SUMMARIZE_FORMATS).default('table' as const))
    .option('--trim-start <duration>', 'warm-up to cut from every run (default: from the manifest\'s scenarios, else 0)', durationMs)
    .option('--trim-end <duration>', 'ramp-down to cut from every run (default: from the manifest\'s scenarios, else 0)', durationMs)
    .option('--metric <names...>', 'only these metrics (space- or comma-separated; put after the paths)')
    .option('-o, --out <path>', 'write the output to this file (atomically) instead of stdout; an existing folder or a path ending in "/" writes the report folder (as --report)')
    .option('--report <dir>', 'write a report folder: index.html (tables and charts per service), summary.md, summary.json, charts/*.svg|png')
    .option('--strict', 'stop at the first malformed line of k6 output (default: report it with its line and go on)', false)
    .option('--thresholds-from <script>', "judge this k6 script's thresholds (read with k6 inspect) over all instances of a distributed run: for k6-operator or hand-split output files, which do not carry them")
    .action(async (paths, options) => {
      const metrics = options.metric === undefined ? undefined : metricList(options.metric);
      const summarizeOptions = {
        ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
        ...(metrics === undefined ? {} : { metrics }),
        ...(options.trimStart === undefined ? {} : { trimStartMs: options.trimStart }),
        ...(options.trimEnd === undefined ? {} : { trimEndMs: options.trimEnd }),
      };
      const thresholds = options.thresholdsFrom === undefined ? undefined : await scriptThresholds(await requireK6(), options.thresholdsFrom);
      const inputs = await loadSummarizeInputs(paths, { strict: options.strict, ...(thresholds === undefined ? {} : { thresholds }) });
      if (thresholds !== undefined) {
        for (const input of inputs.filter((entry) => entry.distributed === undefined)) {
          context.err(`warning[not-distributed] ${input.id}: --thresholds-from judges the thresholds of runs split across k6 instances; this run is one k6 process, whose own summary holds k6's verdicts`);
        }
      }
      const summary = summarizeInputs(inputs, summarizeOptions);
      const folder = await reportFolder(options);
      if (folder !== null) {
        const written = await writeSummaryReport(inputs, summary, folder, { summarize: summarizeOptions });
        context.err(`report written to ${shown(folder)}: ${shown(written.html)}, summary.md, summary.json, ${written.images.length / 2} chart image(s)`);
      } else if (options.out === undefined) context.out(render(summary, options.format).trimEnd());
      else {
        await writeFileAtomic(options.out, render(summary, options.format));
        context.err(`summary written to ${shown(options.out)}`);
      }
      if (options.format !== 'table' || options.out !== undefined || folder !== null) {
        for (const run of summary.runs) for (const flag of run.quality.flags) context.err(`warning[${flag.code}] ${run.id}: ${flag.message}`);
      }
      for (const key of summary.groupBy) {
        if (summary.series.length > 0 && summary.series.every((series) => series.tags[key] === null)) {
          context.err(`warning[unknown-tag] no sample has the tag "${key}": every series shows it as null (check the spelling)`);
        }
      }
      const seen = new Set(summary.series.map((series) => series.metric));
      for (const metric of metrics ?? []) {
        if (!seen.has(metric)) context.err(`warning[unknown-metric] no run has samples of metric "${metric}" in its analysed window`);
      }
    });
}
