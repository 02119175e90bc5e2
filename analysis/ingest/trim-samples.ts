import { checkTrim } from './load-common.js';
import { sampleQuality } from './load-quality.js';
import { seriesInWindow, type Series } from './series.js';
import type { EndpointSamples, K6Samples, LoadedRun, SteadyWindow } from './types.js';

/**
 * Trimming after loading: runs are loaded once untrimmed (for the report's charts, which show
 * the warm-up and ramp-down) and trimmed here for the statistics, with the same result as
 * loading them with the trims.
 */


/**
 * The steady window loading with these trims gives a run whose kept points span `span`: the
 * span minus `trimStartMs` at the start and `trimEndMs` at the end (empty, `endMs < startMs`,
 * when the trims cover it). Null without points.
 */
export function steadyWindowOf(span: K6Samples['span'], trimStartMs: number, trimEndMs: number): SteadyWindow | null {
  if (span === null) return null;
  return { startMs: span.firstMs + trimStartMs, endMs: span.lastMs - trimEndMs, trimStartMs, trimEndMs };
}

/**
 * Trims a run that was loaded UNTRIMMED (trims 0) to what loading it with `trimStartMs` /
 * `trimEndMs` gives: the window is the span of the kept metrics' points (`samples.span`, which
 * trimming never changes) minus the trims, and every series keeps its samples with
 * `window.startMs <= time <= window.endMs`, in order. Endpoints are kept even when the window
 * leaves them no sample, as the ingest does; file facts and point counts (taken before
 * trimming) are unchanged. The input is not modified; series are copied.
 *
 * Trimming an already trimmed run cuts from its original span again, so pass untrimmed runs.
 *
 * @param samples - a run loaded with trims 0
 * @param trimStartMs - warm-up to cut, ms (≥ 0)
 * @param trimEndMs - ramp-down to cut, ms (≥ 0)
 * @throws StagecraftError `invalid-input` for a negative or non-finite trim
 * @example
 * const [run] = await loadRuns([folder]);
 * const steady = trimSamples(run.samples, 30_000, 10_000); // same as loadRuns([folder], { trimStartMs: 30_000, trimEndMs: 10_000 })
 */
export function trimSamples(samples: K6Samples, trimStartMs: number, trimEndMs: number): K6Samples {
  const window = steadyWindowOf(samples.span, checkTrim('trimStartMs', trimStartMs), checkTrim('trimEndMs', trimEndMs));
  const start = window?.startMs ?? Number.NEGATIVE_INFINITY;
  const end = window?.endMs ?? Number.POSITIVE_INFINITY;
  const cut = (series: Series): Series => seriesInWindow([series], start, end);
  const endpoints: EndpointSamples[] = samples.endpoints.map((endpoint) => ({
    service: endpoint.service,
    endpoint: endpoint.endpoint,
    protocol: endpoint.protocol,
    ok: cut(endpoint.ok),
    failed: cut(endpoint.failed),
    requests: cut(endpoint.requests),
    failureFlags: cut(endpoint.failureFlags),
  }));
  return {
    ...samples,
    window,
    endpoints,
    iterations: cut(samples.iterations),
    droppedIterations: cut(samples.droppedIterations),
    checks: cut(samples.checks),
    ...(samples.vus === undefined ? {} : { vus: cut(samples.vus) }),
  };
}

/**
 * {@link trimSamples} for a whole loaded run: the samples trimmed, and the `empty-window`
 * data-quality flag recomputed for the new window (in the place the loader puts it), so the
 * result equals the run loaded with the trims. Other fields are kept.
 *
 * @param run - a run loaded with trims 0 (a `LoadedRun` or a `LoadedSampleRun`)
 * @throws StagecraftError `invalid-input` for a negative or non-finite trim
 */
export function trimRun<R extends LoadedRun>(run: R, trimStartMs: number, trimEndMs: number): R {
  const samples = trimSamples(run.samples, trimStartMs, trimEndMs);
  const others = run.quality.filter((flag) => flag.code !== 'empty-window');
  // The loader lists the sample flags (truncated, malformed-lines, empty-window) first.
  let at = 0;
  while (at < others.length && (others[at]?.code === 'truncated' || others[at]?.code === 'malformed-lines')) at += 1;
  const empty = sampleQuality(samples).filter((flag) => flag.code === 'empty-window');
  return { ...run, samples, quality: [...others.slice(0, at), ...empty, ...others.slice(at)] };
}
