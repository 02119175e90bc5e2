import { sloStatus, type SloJudgment, type SloStatus } from '../../compare/slo-judgments.js';
import type { EndpointDistribution, ReportChart } from '../chart-data-types.js';
import { CHART_WIDTH, chartId, seriesColor, sideTooltip, specBase, type ChartSeries, type VegaLiteSpec } from './common.js';

/**
 * Latency distribution of one endpoint, baseline vs candidate: the ECDF (quantile grid of the
 * steady window) on a log latency axis, with the endpoint's SLO tiers as colored bands and
 * labelled rules.
 */

/** Band fill by the tier a latency in the band falls in. */
const TIER_FILL: Readonly<Record<SloStatus, string>> = {
  'meets-target': '#e5f5e0',
  acceptable: '#fff7bc',
  breach: '#fee6ce',
  'critical-breach': '#fcbba1',
};

/** Rule color of each tier limit. */
const TIER_RULE = { target: '#2ca02c', acceptable: '#bc8f00', critical: '#d62728' } as const;

/** A statistic's probability (`p(95)` → 0.95, `med` → 0.5); null for `avg`, `min`, `max`. */
function statisticProbability(statistic: string): number | null {
  if (statistic === 'med') return 0.5;
  const match = /^p\((\d+(?:\.\d+)?)\)$/.exec(statistic);
  return match === null ? null : Number(match[1]) / 100;
}

/** The SLOs that apply to an endpoint: its own first, then the service-wide ones. */
export function endpointSlos(slos: readonly SloJudgment[], service: string, endpoint: string): SloJudgment[] {
  const own = slos.filter((slo) => slo.service === service && slo.endpoint === endpoint);
  const wide = slos.filter((slo) => slo.service === service && slo.endpoint === null);
  return [...own, ...wide];
}

/** Bands between the tier limits of `slo` inside `[lo, hi]`, each filled by its tier. */
function tierBands(slo: SloJudgment, lo: number, hi: number): { from: number; to: number; tier: SloStatus; fill: string }[] {
  const limits = [slo.tiers.target, slo.tiers.acceptable, slo.tiers.critical].filter((v): v is number => v !== null && v > lo && v < hi);
  const edges = [lo, ...[...new Set(limits)].sort((a, b) => a - b), hi];
  const bands: { from: number; to: number; tier: SloStatus; fill: string }[] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    const tier = sloStatus(Math.sqrt(from * to), slo.tiers);
    bands.push({ from, to, tier, fill: TIER_FILL[tier] });
  }
  return bands;
}

/** Rules at every tier limit of every SLO, labelled `p(95) target 300 ms`. */
export function tierRules(slos: readonly SloJudgment[]): { ms: number; label: string; color: string; p: number | null }[] {
  const rules: { ms: number; label: string; color: string; p: number | null }[] = [];
  for (const slo of slos) {
    for (const tier of ['target', 'acceptable', 'critical'] as const) {
      const ms = slo.tiers[tier];
      if (ms !== null && ms > 0) rules.push({ ms, label: `${slo.statistic} ${tier} ${ms} ms`, color: TIER_RULE[tier], p: statisticProbability(slo.statistic) });
    }
  }
  return rules;
}

/**
 * Labelled dashed rules at every SLO tier limit, across a chart whose latency axis is `channel`
 * (`x` for the ECDF, `y` for latency over time). Empty without SLOs.
 */
export function sloRuleLayers(slos: readonly SloJudgment[], channel: 'x' | 'y'): VegaLiteSpec[] {
  const rules = tierRules(slos);
  if (rules.length === 0) return [];
  const at = { field: 'ms', type: 'quantitative' };
  const color = { field: 'color', type: 'nominal', scale: null, legend: null };
  const label =
    channel === 'x'
      ? { mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -4, dy: -2, fontSize: 10 }, encoding: { x: at, y: { value: 0 }, text: { field: 'label' }, color } }
      : { mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 10 }, encoding: { y: at, x: { value: CHART_WIDTH }, text: { field: 'label' }, color } };
  return [
    { data: { values: rules }, mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.5 }, encoding: { [channel]: at, color, tooltip: [{ field: 'label', type: 'nominal', title: 'SLO' }] } },
    { data: { values: rules }, ...label },
  ];
}

/**
 * The ECDF chart of one endpoint: one line per side (`distributions` holds this endpoint's
 * baseline and/or candidate), x = latency on a log axis, y = cumulative probability. With
 * SLOs (`slos`: this endpoint's, from {@link endpointSlos}), the first one's tiers shade the
 * background (green: meets target, yellow: acceptable, orange: breach, red: critical breach)
 * and every tier limit is a labelled rule; percentile SLOs add a dotted rule at their level.
 * Null when neither side has a distribution. With `series: 'run'`, each distribution is one
 * run's, colored by its `name`.
 */
export function latencyEcdfChart(
  service: string,
  endpoint: string,
  distributions: readonly (EndpointDistribution & { readonly name?: string })[],
  probabilities: readonly number[],
  slos: readonly SloJudgment[],
  series: ChartSeries = 'side',
): ReportChart | null {
  const sides = distributions.filter((d) => d.latenciesMs.length > 0);
  if (sides.length === 0) return null;
  const values = sides.map((d) => ({ side: d.side, ...(series === 'run' ? { name: d.name ?? d.side } : {}), n: d.samples, p: probabilities, ms: d.latenciesMs }));
  const rules = tierRules(slos);
  const positive = [...sides.flatMap((d) => d.latenciesMs), ...rules.map((r) => r.ms)].filter((v) => v > 0);
  const lo = positive.length === 0 ? 0.1 : Math.min(...positive) / 1.25;
  const hi = positive.length === 0 ? 1 : Math.max(...positive) * 1.25;
  const x = { field: 'ms', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log', domain: [lo, hi], nice: false } };
  const first = slos[0];
  const layers: VegaLiteSpec[] = [];
  if (first !== undefined) {
    layers.push({
      data: { values: tierBands(first, lo, hi) },
      mark: { type: 'rect', opacity: 0.7, clip: true },
      encoding: {
        x: { field: 'from', type: 'quantitative', scale: x.scale },
        x2: { field: 'to' },
        color: { field: 'fill', type: 'nominal', scale: null, legend: null },
        tooltip: [{ field: 'tier', type: 'nominal', title: `${first.statistic} tier` }],
      },
    });
  }
  layers.push({
    transform: [{ flatten: ['p', 'ms'] }],
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, clip: true },
    encoding: { x, y: { field: 'p', type: 'quantitative', title: 'cumulative probability', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, color: seriesColor(series) },
  });
  // Invisible points carry the tooltips: every 0.02 and the whole tail from 0.95 (fewer SVG nodes).
  layers.push({
    transform: [{ flatten: ['p', 'ms'] }, { filter: 'datum.p >= 0.95 || round(datum.p * 1000) % 20 == 0' }],
    mark: { type: 'point', opacity: 0, size: 30, clip: true, aria: false },
    encoding: {
      x,
      y: { field: 'p', type: 'quantitative' },
      tooltip: [
        ...(series === 'run' ? [{ field: 'name', type: 'nominal', title: 'run' }] : sideTooltip(series)),
        { field: 'p', type: 'quantitative', title: 'quantile', format: '.2%' },
        { field: 'ms', type: 'quantitative', title: 'latency (ms)', format: '.4~r' },
        { field: 'n', type: 'quantitative', title: 'successful requests' },
      ],
    },
  });
  if (rules.length > 0) {
    layers.push(...sloRuleLayers(slos, 'x'));
    const levels = [...new Set(rules.map((r) => r.p).filter((p): p is number => p !== null))].map((p) => ({ p }));
    if (levels.length > 0) {
      layers.push({
        data: { values: levels },
        mark: { type: 'rule', strokeDash: [2, 2], color: '#666666' },
        encoding: { y: { field: 'p', type: 'quantitative' } },
      });
    }
  }
  const title = `${service} · ${endpoint}: latency distribution`;
  const subtitle = `ECDF of successful requests in the steady window, ${series === 'run' ? 'per run' : 'runs pooled per side'}${first === undefined ? '' : `; SLO ${first.statistic} tiers shaded`}`;
  return {
    id: chartId('latency-ecdf', service, endpoint),
    title,
    service,
    endpoint,
    spec: {
      ...specBase(title, subtitle),
      width: CHART_WIDTH,
      height: 280,
      data: { values },
      layer: layers,
      resolve: { scale: { color: 'independent' } },
    },
  };
}
