/**
 * Vega-Lite specs that only the notebooks draw (the report's charts come from
 * `analysis/report/charts`): a log-binned latency histogram, the shift function and a power
 * curve. Data is pre-aggregated here (bins, deciles, grid points), never raw samples.
 */
import { VEGA_LITE_SCHEMA, type PowerPoint, type ShiftFunction } from '../../analysis/index.js';

type Spec = Record<string, unknown>;

/** Bins per factor of 10 of the histogram's log axis. */
const BINS_PER_DECADE = 20;

/**
 * Histogram of latencies on a log axis, one color per group (e.g. per endpoint): bimodality
 * shows as two humps. Bins are `BINS_PER_DECADE` per decade; counts are shares of each group.
 */
export function logHistogramChart(title: string, groups: readonly { readonly name: string; readonly values: ArrayLike<number> }[]): Spec {
  const values: { name: string; from: number; to: number; share: number }[] = [];
  for (const { name, values: data } of groups) {
    const counts = new Map<number, number>();
    let n = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!(v > 0)) continue;
      const bin = Math.floor(Math.log10(v) * BINS_PER_DECADE);
      counts.set(bin, (counts.get(bin) ?? 0) + 1);
      n += 1;
    }
    for (const [bin, count] of [...counts].sort((a, b) => a[0] - b[0])) {
      values.push({ name, from: 10 ** (bin / BINS_PER_DECADE), to: 10 ** ((bin + 1) / BINS_PER_DECADE), share: count / n });
    }
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 560,
    height: 90,
    data: { values },
    mark: { type: 'rect', opacity: 0.85 },
    encoding: {
      row: { field: 'name', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left' } },
      x: { field: 'from', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms, log scale)' },
      x2: { field: 'to' },
      y: { field: 'share', type: 'quantitative', title: 'share' },
      color: { field: 'name', type: 'nominal', legend: null },
      tooltip: [{ field: 'name' }, { field: 'from', format: '.3~f' }, { field: 'share', format: '.1%' }],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The shift function of one endpoint: decile difference (candidate − baseline, ms) with its CI, against the baseline decile. */
export function shiftFunctionChart(title: string, shift: ShiftFunction): Spec {
  const values = shift.points.map((point) => ({ p: `p${Math.round(point.p * 100)}`, baseline: point.baseline, difference: point.difference, lo: point.ci[0], hi: point.ci[1] }));
  const x = { field: 'baseline', type: 'quantitative', title: 'baseline decile (ms)', scale: { zero: false } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: `deciles, ${Math.round(shift.confidence * 100)}% bootstrap CIs (${shift.resampling === 'runs' ? 'runs resampled' : 'values resampled: run-to-run noise not included'})` },
    width: 480,
    height: 200,
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#888', strokeDash: [4, 4] }, encoding: { y: { datum: 0 } } },
      { mark: { type: 'rule' }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'candidate − baseline (ms)' }, y2: { field: 'hi' } } },
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'difference', type: 'quantitative' }, tooltip: [{ field: 'p' }, { field: 'difference', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }] } },
    ],
  };
}

/** Power against runs per side, one line per change, with the 80% line. */
export function powerCurveChart(title: string, points: readonly PowerPoint[]): Spec {
  const values = points.map((point) => ({ runs: point.runsPerSide, change: `${(point.change * 100).toFixed(0)}%`, power: point.power }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: 480,
    height: 240,
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#888', strokeDash: [4, 4] }, encoding: { y: { datum: 0.8 } } },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'runs', type: 'quantitative', title: 'runs per side' },
          y: { field: 'power', type: 'quantitative', title: 'power (α = 0.05)', scale: { domain: [0, 1] }, axis: { format: '%' } },
          color: { field: 'change', type: 'nominal', title: 'true change', sort: null },
          tooltip: [{ field: 'runs' }, { field: 'change' }, { field: 'power', format: '.0%' }],
        },
      },
    ],
  };
}
