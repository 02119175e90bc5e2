/**
 * Simulations (a) and (c) of stats-methods §3.12: A/A comparisons (baseline and candidate drawn
 * from the same model) with 5 runs per side, three endpoints with AR(1) dependence ρ = 0.5–0.9
 * and a 3% per-run environment effect, 1000 successful requests per endpoint and run.
 *
 * (a) The run-level Welch test with Holm across the gating rows must keep the family-wise
 *     false-positive rate ("significant after Holm", regardless of the budget) at or below α,
 *     and the false-FAIL rate (significant AND beyond the +5% p95 / +10% p99 budget) as well.
 * (c) On the very same simulated data, a Mann–Whitney U test on all pooled requests of one
 *     endpoint (5000 per side) declares a difference in most comparisons: it treats
 *     dependent requests of 5 runs as 5000 independent ones and has no between-run term.
 *     That is why the engine does not use it (§1, §3.3).
 *
 * Everything is seeded: the rates below are the same on every run of the suite.
 */
import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_COMPARE_OPTIONS, type ComparisonRow } from '../../../analysis/index.js';
import { mannWhitneyU, normalQuantile } from '../../../analysis/stats/index.js';
import { welchPower } from './power.js';
import { binomialSe, pooledLatencies, rate, simulatedSide, type SimEndpoint } from './simulate.js';

const ALPHA = DEFAULT_COMPARE_OPTIONS.alpha;
const COMPARISONS = 300;
const RUNS_PER_SIDE = 5;
const RUN_SD = 0.03;
const SEED = 20_260_301;

const ENDPOINTS: readonly SimEndpoint[] = [
  { service: 'catalog', endpoint: 'list-items', medianMs: 20, logSd: 0.25, rho: 0.5, count: 1000 },
  { service: 'catalog', endpoint: 'get-item', medianMs: 8, logSd: 0.25, rho: 0.7, count: 1000 },
  { service: 'orders', endpoint: 'create-order', medianMs: 35, logSd: 0.25, rho: 0.9, count: 1000 },
];
/** The endpoint of the naive pooled test (ρ = 0.7, the middle of the range). */
const NAIVE_ENDPOINT = 'get-item';

interface AaComparison {
  /** Gating rows with a p-value: the Holm family. */
  readonly family: number;
  readonly fail: boolean;
  readonly warn: boolean;
  /** Any gating row with Holm-adjusted p < α, whatever its size. */
  readonly significant: boolean;
  /** Raw Welch p of the p95 row of every endpoint. */
  readonly rawP95: readonly number[];
  /** Raw Welch p of the naive endpoint's p95 row. */
  readonly naiveEndpointRunLevelP: number;
  /** Mann–Whitney p on the pooled requests of the naive endpoint. */
  readonly pooledMwuP: number;
  /** Gating latency rows whose verdict disagrees with the §3.9 rule restated here. */
  readonly ruleViolations: readonly string[];
}

/** FAIL ⇔ Holm p < α and ratio ≥ 1 + budget (stats-methods §3.9, restated independently). */
function ruleViolation(row: ComparisonRow): string | null {
  if (!row.gating || row.unit !== 'ms' || row.pAdjusted === null || row.ratio === null) return null;
  const budget = DEFAULT_COMPARE_OPTIONS.budgets[row.metric === 'p99' ? 'p99' : 'p95'].fail ?? Number.POSITIVE_INFINITY;
  const shouldFail = row.pAdjusted < ALPHA && row.ratio >= 1 + budget;
  return shouldFail === (row.verdict === 'FAIL') ? null : `${row.endpoint} ${row.metric}: ${row.verdict} at ratio ${row.ratio}, Holm p ${row.pAdjusted}`;
}

function simulateAa(): AaComparison[] {
  const outcomes: AaComparison[] = [];
  for (let i = 0; i < COMPARISONS; i += 1) {
    // Seeds inside one comparison differ by < 110. mulberry32 streams of seeds s and s + Δ
    // overlap only for Δ ≥ 6017 within 300 000 draws, so the 10 runs are independent.
    const seed = SEED + 1000 * i;
    const baseline = simulatedSide('b', RUNS_PER_SIDE, seed, { endpoints: ENDPOINTS, runSd: RUN_SD });
    const candidate = simulatedSide('c', RUNS_PER_SIDE, seed + 100, { endpoints: ENDPOINTS, runSd: RUN_SD });
    const comparison = compareRuns(baseline, candidate);
    const gating = comparison.rows.filter((row) => row.gating && row.p !== null);
    const p95 = comparison.rows.filter((row) => row.metric === 'p95');
    outcomes.push({
      family: gating.length,
      fail: comparison.overall.verdict === 'FAIL',
      warn: comparison.overall.verdict === 'WARN',
      significant: gating.some((row) => (row.pAdjusted ?? 1) < ALPHA),
      rawP95: p95.map((row) => row.p ?? 1),
      naiveEndpointRunLevelP: p95.find((row) => row.endpoint === NAIVE_ENDPOINT)?.p ?? 1,
      pooledMwuP: mannWhitneyU(pooledLatencies(candidate, NAIVE_ENDPOINT), pooledLatencies(baseline, NAIVE_ENDPOINT)).p,
      ruleViolations: comparison.rows.map(ruleViolation).filter((v): v is string => v !== null),
    });
  }
  return outcomes;
}

const started = performance.now();
const outcomes = simulateAa();
const seconds = (performance.now() - started) / 1000;

const count = (predicate: (o: AaComparison) => boolean): number => outcomes.filter(predicate).length;
const failRate = rate(count((o) => o.fail), COMPARISONS);
const significantRate = rate(count((o) => o.significant), COMPARISONS);
const warnRate = rate(count((o) => o.warn), COMPARISONS);
const rawTests = outcomes.flatMap((o) => o.rawP95);
const rawRate = rate(rawTests.filter((p) => p < ALPHA).length, rawTests.length);
const naiveRunLevelRate = rate(count((o) => o.naiveEndpointRunLevelP < ALPHA), COMPARISONS);
const mwuRate = rate(count((o) => o.pooledMwuP < ALPHA), COMPARISONS);

/**
 * Upper acceptance bound for a false-positive rate whose true value should be ≤ α: if the true
 * rate were exactly α, the observed rate of N = 300 comparisons would exceed
 * α + z₀.₉₉·√(α(1−α)/N) = 0.05 + 2.326·0.0126 = 0.079 with probability ≈ 1% (normal approximation
 * to the binomial). A calibrated engine passes; one whose true rate is ~0.09 or more fails.
 */
const FALSE_POSITIVE_BOUND = ALPHA + normalQuantile(0.99) * binomialSe(ALPHA, COMPARISONS);

/**
 * Exact size of the two-sided Welch test with 5 + 5 normal values of equal variance: Welch's df
 * is at most 8 while the statistic is t with 8 df, so the size is a little below α (≈ 0.044).
 */
const WELCH_SIZE = welchPower({ n: RUNS_PER_SIDE, delta: 0, sigma: 1, level: ALPHA });

console.log(
  [
    `A/A simulation: ${COMPARISONS} comparisons, ${RUNS_PER_SIDE} runs per side, ${ENDPOINTS.length} endpoints, σ_run ${RUN_SD}, ${seconds.toFixed(1)} s`,
    `  overall FAIL ${failRate.text}; significant after Holm ${significantRate.text}; overall WARN ${warnRate.text} (bound ${(100 * FALSE_POSITIVE_BOUND).toFixed(1)}%)`,
    `  raw p95 Welch p < α ${rawRate.text} (exact Welch size ${(100 * WELCH_SIZE).toFixed(2)}%)`,
    `  ${NAIVE_ENDPOINT}: run-level Welch p95 ${naiveRunLevelRate.text}; pooled-request Mann–Whitney ${mwuRate.text}`,
  ].join('\n'),
);

describe(`(a) A/A: run-level Welch + Holm over ${COMPARISONS} seeded comparisons, ${RUNS_PER_SIDE} runs per side, σ_run 3%`, () => {
  it('every comparison has a Holm family of 6 gating rows (p95 and p99 of 3 endpoints)', () => {
    expect(new Set(outcomes.map((o) => o.family))).toEqual(new Set([2 * ENDPOINTS.length]));
  });

  it(`significant after Holm in ${significantRate.text} of comparisons: ≤ α + binomial margin (${(100 * FALSE_POSITIVE_BOUND).toFixed(1)}%)`, () => {
    expect(significantRate.value, `A/A significant rate ${significantRate.text}`).toBeLessThanOrEqual(FALSE_POSITIVE_BOUND);
  });

  it(`overall FAIL in ${failRate.text} of comparisons: ≤ α + margin, and every FAIL is significant after Holm`, () => {
    expect(failRate.value, `A/A FAIL rate ${failRate.text}`).toBeLessThanOrEqual(FALSE_POSITIVE_BOUND);
    // FAIL also needs the change beyond the budget, so it is a subset of the significant ones.
    expect(outcomes.filter((o) => o.fail && !o.significant)).toEqual([]);
  });

  it('every gating latency row follows the §3.9 rule: FAIL ⇔ Holm p < α and ratio ≥ 1 + budget', () => {
    expect(outcomes.flatMap((o) => o.ruleViolations)).toEqual([]);
  });

  it(`the raw per-row test is calibrated: p95 p < α in ${rawRate.text} of rows, within 3 SE of the exact Welch size ${(100 * WELCH_SIZE).toFixed(1)}%`, () => {
    // The 3 endpoints of a comparison share part of the run effect, so their tests are
    // positively correlated: the SE uses N = 300 comparisons, not 900 rows (a wider band).
    // Too high means the engine misses variance; too low means it wastes power.
    const tolerance = 3 * binomialSe(WELCH_SIZE, COMPARISONS);
    expect(rawRate.value, `raw rate ${rawRate.text}`).toBeGreaterThanOrEqual(WELCH_SIZE - tolerance);
    expect(rawRate.value, `raw rate ${rawRate.text}`).toBeLessThanOrEqual(WELCH_SIZE + tolerance);
  });
});

describe('(c) A/A: Mann–Whitney U on all pooled requests (5000 per side) is badly anti-conservative', () => {
  it(`declares a difference in ${mwuRate.text} of the same A/A comparisons (run-level Welch: ${naiveRunLevelRate.text})`, () => {
    expect(mwuRate.value, `pooled MWU false-positive rate ${mwuRate.text}`).toBeGreaterThan(0.3);
    expect(mwuRate.value).toBeGreaterThan(5 * ALPHA);
    expect(mwuRate.value).toBeGreaterThan(4 * naiveRunLevelRate.value);
    // The run-level test on the very same data stays near α.
    expect(naiveRunLevelRate.value).toBeLessThanOrEqual(FALSE_POSITIVE_BOUND);
  });
});
