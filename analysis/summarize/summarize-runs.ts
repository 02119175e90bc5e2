import type { ScenarioMetadata } from '../../core/scenario-metadata.js';
import type { RawRun } from '../model/raw-run.js';
import { groupSeries } from '../model/series-group.js';
import { seriesStats } from '../model/series-stats.js';
import { DEFAULT_GROUP_BY } from '../model/series-tags.js';
import type { SummarizeInput } from './load.js';
import { resolveTrim, trimWindow } from './trim.js';
import { SUMMARY_SCHEMA_VERSION, type QualityFlag, type Summary, type SummaryRun, type SummarySeries, type TrimRule } from './types.js';

/** Options of {@link summarizeInputs}. */
export interface SummarizeOptions {
  /** Grouping keys; default service, endpoint, method, status_class. `[]` = one series per metric. */
  readonly groupBy?: readonly string[];
  /** Only these metrics; default all. */
  readonly metrics?: readonly string[];
  /** Warm-up to cut from every run (ms); default from the manifests' scenario metadata, else 0. */
  readonly trimStartMs?: number;
  /** Ramp-down to cut from every run (ms); default from the manifests' scenario metadata, else 0. */
  readonly trimEndMs?: number;
}

function serviceNames(input: SummarizeInput): Record<string, string> {
  const services = input.manifest?.scenario.metadata?.services ?? [];
  return Object.fromEntries(services.filter((service) => typeof service.serviceTag === 'string').map((service) => [service.serviceTag, service.name]));
}

function droppedIterations(raw: RawRun): number {
  let total = 0;
  for (const series of raw.series) if (series.metric === 'dropped_iterations') for (const v of series.value) total += v;
  return total;
}

function qualityFlags(input: SummarizeInput, window: SummaryRun['window'], dropped: number): QualityFlag[] {
  const { facts } = input.raw;
  const file = facts.files.join(', ');
  const flags: QualityFlag[] = [...input.flags];
  if (facts.truncated) flags.push({ code: 'truncated', message: `${file} ends mid-line or mid-stream: the run's last samples are missing` });
  const skipped = facts.issueCount - (facts.truncated ? 1 : 0);
  if (skipped > 0) {
    const first = facts.issues[0];
    const where = first === undefined ? '' : ` (first at line ${first.line}: ${first.reason})`;
    flags.push({ code: 'malformed-lines', message: `${file}: ${skipped} line(s) skipped${where}` });
  }
  if (window !== null && window.endMs < window.startMs) {
    flags.push({ code: 'empty-window', message: `trimming leaves no samples of run ${input.id}: its span is shorter than warm-up plus ramp-down` });
  }
  if (dropped > 0) flags.push({ code: 'dropped-iterations', message: `k6 dropped ${dropped} iteration(s) in run ${input.id}: the planned load was not reached` });
  const failed = input.thresholds?.filter((threshold) => !threshold.ok) ?? [];
  if (failed.length > 0) {
    const list = failed.map((threshold) => `${threshold.metric}: ${threshold.expression}`).join('; ');
    flags.push({ code: 'thresholds-failed', message: `run ${input.id} failed ${failed.length} k6 threshold(s): ${list}` });
  }
  return flags;
}

function summarizeRun(input: SummarizeInput, trim: TrimRule, options: SummarizeOptions, groupBy: readonly string[]): { run: SummaryRun; series: SummarySeries[] } {
  const { raw } = input;
  const window = raw.span === null ? null : trimWindow(raw.span, trim);
  const durationMs = window === null ? 0 : Math.max(0, window.endMs - window.startMs);
  const runWindow = window === null ? null : { startMs: window.startMs, endMs: window.endMs, durationMs };
  const dropped = droppedIterations(raw);
  const groups =
    window === null
      ? []
      : groupSeries(raw, { groupBy, serviceNames: serviceNames(input), window, ...(options.metrics === undefined ? {} : { metrics: options.metrics }) });
  const series = groups.map((group): SummarySeries => {
    const { kind, stats } = seriesStats(group, durationMs);
    // `kind` and `stats` come from one member of the KindStats union, so they match.
    return { run: input.id, metric: group.metric, kind, contains: group.contains ?? null, tags: group.tags, stats } as SummarySeries;
  });
  const undeclared = [...new Set(groups.filter((group) => group.kind === undefined).map((group) => group.metric))];
  const flags = qualityFlags(input, runWindow, dropped);
  if (undeclared.length > 0) {
    flags.push({ code: 'undeclared-metrics', message: `the output never declares the type of ${undeclared.join(', ')}: summarized as trends` });
  }
  const { facts } = raw;
  const run: SummaryRun = {
    id: input.id,
    label: input.label,
    source: input.source,
    files: facts.files,
    format: facts.format,
    window: runWindow,
    quality: {
      lines: facts.lines,
      points: facts.points,
      truncated: facts.truncated,
      issueCount: facts.issueCount,
      issues: facts.issues.map(({ line, reason }) => ({ line, reason })),
      flags,
    },
    droppedIterations: dropped,
    k6: { exitCode: input.manifest?.k6.exitCode ?? null, outcome: input.manifest?.k6.outcome ?? null, thresholds: input.thresholds },
    ...(input.distributed === undefined ? {} : { distributed: input.distributed }),
  };
  return { run, series };
}

/**
 * Series refer to runs by id, so ids must be unique: a repeated id (the same file name in two
 * folders, or `x.json` next to `x.csv`) gets `#2`, `#3`, ... in argument order.
 */
function uniqueIds(inputs: readonly SummarizeInput[]): SummarizeInput[] {
  const taken = new Set<string>();
  return inputs.map((input) => {
    let id = input.id;
    for (let n = 2; taken.has(id); n += 1) id = `${input.id}#${n}`;
    taken.add(id);
    return id === input.id ? input : { ...input, id };
  });
}

/**
 * Summarizes loaded runs: per run, samples are trimmed by one rule (see `trim.ts`), grouped
 * (see `series-tags.ts`) and described by kind (see `series-stats.ts`).
 */
export function summarizeInputs(inputs: readonly SummarizeInput[], options: SummarizeOptions = {}): Summary {
  const groupBy = [...(options.groupBy ?? DEFAULT_GROUP_BY)];
  const metadata = inputs.map((input) => input.manifest?.scenario.metadata ?? null).filter((value): value is ScenarioMetadata => value !== null);
  const trim = resolveTrim(options, metadata);
  const parts = uniqueIds(inputs).map((input) => summarizeRun(input, trim, options, groupBy));
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    groupBy,
    trim,
    runs: parts.map((part) => part.run),
    series: parts.flatMap((part) => part.series),
  };
}
