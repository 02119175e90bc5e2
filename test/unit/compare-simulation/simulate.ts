/**
 * Synthetic k6 runs for the simulation tests of the comparison engine (stats-methods §3.12).
 *
 * Model of one run, per endpoint, on the log scale:
 *
 *   ln latency_t = ln median + u_run,endpoint + s · z_t + injected effect
 *   z_t = ρ·z_{t−1} + √(1−ρ²)·ε_t, z_0 ~ N(0, 1)        (stationary AR(1), unit variance)
 *   u_run,endpoint = σ_run · (√c·g_run + √(1−c)·g_run,endpoint)
 *
 * so latencies are log-normal inside a run, serially dependent (ρ = 0.5–0.9), and every run
 * carries a random multiplicative environment effect with marginal SD σ_run (3% by default),
 * shared between the endpoints of one run with correlation c. Only the steady window is
 * materialised: the run is `durationMs` long, the first `warmupMs` and the last `rampDownMs` are
 * trimmed (as `loadRuns` trims them), and the AR(1) chain starts in its stationary state.
 *
 * An injected effect multiplies the candidate's latencies of one endpoint: either the whole
 * distribution (every quantile × factor) or only the tail above the population p90 of the
 * endpoint's within-run distribution (p95 and p99 × factor, p50 unchanged). Both are monotone
 * maps of z, so the population quantiles move by exactly the factor.
 *
 * The `LoadedRun` shell (manifest, sample metadata) comes from `syntheticRun` in
 * test/unit/analysis/helpers.ts with no endpoints; only the endpoints and the window are
 * replaced.
 */
import { emptySeries, type EndpointSamples, type LoadedRun } from '../../../analysis/index.js';
import { normalQuantile } from '../../../analysis/stats/index.js';
import { gaussian, mulberry32, syntheticRun } from '../analysis/helpers.js';

export interface SimEndpoint {
  readonly service: string;
  readonly endpoint: string;
  /** Population median latency, ms. */
  readonly medianMs: number;
  /** SD of ln latency inside a run (the log-normal shape). */
  readonly logSd: number;
  /** Lag-1 autocorrelation of ln latency inside a run (AR(1)). */
  readonly rho: number;
  /** Successful requests per run in the steady window. */
  readonly count: number;
}

export interface InjectedEffect {
  readonly endpoint: string;
  /** Multiplicative factor, e.g. 1.10 for +10%. */
  readonly factor: number;
  /** `whole`: every latency × factor; `tail`: only latencies above the population p90. */
  readonly region: 'whole' | 'tail';
}

export interface SimRunOptions {
  readonly id: string;
  readonly seed: number;
  readonly endpoints: readonly SimEndpoint[];
  /** Marginal SD of the per-run log effect of each endpoint. Default 0.03. */
  readonly runSd?: number;
  /** Correlation of the per-run effect between the endpoints of a run. Default 0.5. */
  readonly runCorrelation?: number;
  readonly effect?: InjectedEffect;
  /** Relative change of the request count of every endpoint (throughput). Default 0. */
  readonly countChange?: number;
  /** SD of a per-run relative change of the request counts (throughput noise). Default 0. */
  readonly countJitter?: number;
  /** Gives the run a manifest (same scenario hash on every run) with this load model. */
  readonly model?: 'open' | 'closed';
  /** Whole run length, ms. Default 120 000. */
  readonly durationMs?: number;
  /** Warm-up trimmed from the start, ms. Default 12 000 (10%). */
  readonly warmupMs?: number;
  /** Ramp-down trimmed from the end, ms. Default 3 000. */
  readonly rampDownMs?: number;
}

/** z above which the `tail` effect applies: the standard normal p90. */
const TAIL_START = normalQuantile(0.9);

const timesCache = new Map<string, Float64Array>();

/** Request times spread evenly over the window; shared between runs with the same layout. */
function requestTimes(start: number, length: number, count: number): Float64Array {
  const key = `${start}/${length}/${count}`;
  let times = timesCache.get(key);
  if (times === undefined) {
    times = Float64Array.from({ length: count }, (_, i) => start + (length * (i + 0.5)) / count);
    timesCache.set(key, times);
  }
  return times;
}

/** Log latencies of one endpoint in one run (AR(1) with unit stationary variance, times s). */
export function ar1LogLatencies(random: () => number, count: number, rho: number, logSd: number): Float64Array {
  const out = new Float64Array(count);
  const innovation = Math.sqrt(1 - rho * rho);
  let z = gaussian(random);
  for (let i = 0; i < count; i += 1) {
    if (i > 0) z = rho * z + innovation * gaussian(random);
    out[i] = logSd * z;
  }
  return out;
}

/** One synthetic run as a `LoadedRun`, ready for `compareRuns`. */
export function simulatedRun(options: SimRunOptions): LoadedRun {
  const random = mulberry32(options.seed);
  const runSd = options.runSd ?? 0.03;
  const c = options.runCorrelation ?? 0.5;
  const duration = options.durationMs ?? 120_000;
  const warmup = options.warmupMs ?? 12_000;
  const rampDown = options.rampDownMs ?? 3_000;
  const shell = syntheticRun({
    id: options.id,
    seed: options.seed,
    endpoints: [],
    durationMs: duration,
    ...(options.model === undefined ? {} : { model: options.model, contentHash: 'sha256:simulated' }),
  });
  const start = shell.samples.span?.firstMs ?? 0;
  const windowStart = start + warmup;
  const windowLength = duration - warmup - rampDown;
  const shared = gaussian(random);
  const countFactor = (1 + (options.countChange ?? 0)) * Math.exp((options.countJitter ?? 0) * gaussian(random));
  const endpoints: EndpointSamples[] = options.endpoints.map((spec) => {
    const runEffect = runSd * (Math.sqrt(c) * shared + Math.sqrt(1 - c) * gaussian(random));
    const count = Math.max(1, Math.round(spec.count * countFactor));
    const logs = ar1LogLatencies(random, count, spec.rho, spec.logSd);
    const effect = options.effect?.endpoint === spec.endpoint ? options.effect : undefined;
    const base = spec.medianMs * Math.exp(runEffect);
    const tailCut = TAIL_START * spec.logSd;
    const values = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      const log = logs[i] ?? 0;
      const factor = effect === undefined || (effect.region === 'tail' && log <= tailCut) ? 1 : effect.factor;
      values[i] = base * Math.exp(log) * factor;
    }
    return {
      service: spec.service,
      endpoint: spec.endpoint,
      protocol: 'http',
      // Built directly (no copy); the analyser never mutates sample arrays.
      ok: { time: requestTimes(windowStart, windowLength, count), value: values },
      failed: emptySeries(),
      requests: emptySeries(),
      failureFlags: emptySeries(),
    };
  });
  return {
    ...shell,
    samples: {
      ...shell.samples,
      window: { startMs: windowStart, endMs: windowStart + windowLength, trimStartMs: warmup, trimEndMs: rampDown },
      endpoints,
    },
  };
}

/** Options shared by the runs of one side; each run gets seed `seed + i`. */
export type SideOptions = Omit<SimRunOptions, 'id' | 'seed'>;

/** `count` runs of one side, ids `prefix-1` … and seeds `seed`, `seed + 1`, … */
export function simulatedSide(prefix: string, count: number, seed: number, options: SideOptions): LoadedRun[] {
  return Array.from({ length: count }, (_, i) => simulatedRun({ ...options, id: `${prefix}-${i + 1}`, seed: seed + i }));
}

/** Successful latencies of one endpoint over all runs of a side, pooled (the naive test's input). */
export function pooledLatencies(runs: readonly LoadedRun[], endpoint: string): Float64Array {
  const parts = runs.map((run) => run.samples.endpoints.find((e) => e.endpoint === endpoint)?.ok.value ?? new Float64Array(0));
  const out = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A rate `hits / n` and its text, e.g. `12/400 = 3.0%`. */
export function rate(hits: number, n: number): { readonly value: number; readonly text: string } {
  const value = hits / n;
  return { value, text: `${hits}/${n} = ${(100 * value).toFixed(1)}%` };
}

/** Binomial standard error of a rate p estimated from n independent trials. */
export function binomialSe(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}
