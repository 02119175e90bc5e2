import { rowBudget, rowErrorRateBudget } from '../../compare/budgets.js';
import type { ComparisonRow, ResolvedCompareOptions } from '../../compare/types.js';
import type { ReportChart } from '../chart-data-types.js';
import { CHART_WIDTH, VERDICT_SCALE, chartId, specBase } from './common.js';

/**
 * Forest plot of one service: every endpoint × metric row with a ratio and a CI, as a point
 * and a CI bar on a log "badness ratio" axis where right is always worse, with a rule at 1 and
 * each row's FAIL budget as a red tick across the row.
 *
 * Throughput is the one metric where lower is worse; it is drawn inverted (baseline ÷
 * candidate, CI bounds inverted) so that all rows read the same way and its budget
 * (`FAIL` when badness ≥ 1 + fail) is a tick at 1 + fail like the latency rows. Error-rate rows
 * show the rate ratio with its CI and the ratio budget (`minRatio`; a FAIL also needs the
 * absolute increase, given in the tooltip).
 */

/** One plotted row. */
interface ForestRow {
  readonly row: string;
  readonly endpoint: string;
  readonly metric: string;
  readonly ratio: number;
  readonly lo: number;
  readonly hi: number;
  readonly budget: number | null;
  readonly budgetText: string;
  readonly verdict: string;
  readonly reason: string;
  readonly message: string;
}

const valid = (value: number): boolean => Number.isFinite(value) && value > 0;

/** The plotted form of a comparison row (inverted for throughput); null without a usable ratio and CI. */
export function forestRow(row: ComparisonRow, options: ResolvedCompareOptions): ForestRow | null {
  if (row.ratio === null || row.ci === null) return null;
  const invert = row.metric === 'throughput';
  const ratio = invert ? 1 / row.ratio : row.ratio;
  const [lo, hi] = invert ? [1 / row.ci[1], 1 / row.ci[0]] : row.ci;
  if (!valid(ratio) || !valid(lo) || !valid(hi)) return null;
  const id = { service: row.service, endpoint: row.endpoint };
  let budget: number | null;
  let budgetText: string;
  if (row.metric === 'error-rate') {
    const { minIncrease, minRatio } = rowErrorRateBudget(options, id);
    budget = minRatio;
    budgetText = `×${minRatio} and +${(minIncrease * 100).toPrecision(2)} pp`;
  } else {
    const { fail } = rowBudget(options, undefined, id, row.metric);
    budget = fail === null ? null : 1 + fail;
    budgetText = fail === null ? 'informational (no FAIL budget)' : `badness ≥ ${(1 + fail).toPrecision(3)}`;
  }
  return {
    row: `${row.endpoint} · ${invert ? 'throughput (inv.)' : row.metric}`,
    endpoint: row.endpoint,
    metric: row.metric,
    ratio,
    lo,
    hi,
    budget,
    budgetText,
    verdict: row.verdict,
    reason: row.reason,
    message: row.message,
  };
}

/** The forest plot of `service` from its comparison rows; null when no row has a ratio with a CI. */
export function forestPlotChart(service: string, rows: readonly ComparisonRow[], options: ResolvedCompareOptions): ReportChart | null {
  const values = rows.filter((row) => row.service === service).flatMap((row) => forestRow(row, options) ?? []);
  if (values.length === 0) return null;
  const extent = [1, ...values.flatMap((v) => [v.lo, v.hi, v.ratio, ...(v.budget === null ? [] : [v.budget])])];
  const domain = [Math.min(...extent) / 1.05, Math.max(...extent) * 1.05];
  const x = { type: 'quantitative', scale: { type: 'log', domain, nice: false } } as const;
  const y = { field: 'row', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280 } } as const;
  const title = `${service}: candidate vs baseline`;
  const subtitle = `ratio with ${Math.round(options.confidence * 100)}% CI, log axis, right = worse (throughput inverted); red tick = FAIL budget`;
  return {
    id: chartId('forest', service),
    title,
    service,
    endpoint: null,
    spec: {
      ...specBase(title, subtitle),
      width: CHART_WIDTH - 160,
      height: { step: 22 },
      data: { values },
      layer: [
        { data: { values: [{ one: 1 }] }, mark: { type: 'rule', color: '#333333' }, encoding: { x: { ...x, field: 'one' } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x: { ...x, field: 'lo', title: 'badness ratio (candidate ÷ baseline; throughput: baseline ÷ candidate)' }, x2: { field: 'hi' }, y, color: { field: 'verdict', type: 'nominal', title: 'verdict', scale: { domain: [...VERDICT_SCALE.domain], range: [...VERDICT_SCALE.range] } } },
        },
        {
          transform: [{ filter: 'isValid(datum.budget)' }],
          mark: { type: 'tick', color: '#d62728', thickness: 2, size: 20 },
          encoding: { x: { ...x, field: 'budget' }, y, tooltip: [{ field: 'budgetText', type: 'nominal', title: 'FAIL budget' }] },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x: { ...x, field: 'ratio' },
            y,
            color: { field: 'verdict', type: 'nominal' },
            shape: { value: 'diamond' },
            tooltip: [
              { field: 'row', type: 'nominal', title: 'row' },
              { field: 'ratio', type: 'quantitative', title: 'ratio', format: '.3f' },
              { field: 'lo', type: 'quantitative', title: 'CI low', format: '.3f' },
              { field: 'hi', type: 'quantitative', title: 'CI high', format: '.3f' },
              { field: 'verdict', type: 'nominal', title: 'verdict' },
              { field: 'reason', type: 'nominal', title: 'reason' },
              { field: 'budgetText', type: 'nominal', title: 'FAIL budget' },
              { field: 'message', type: 'nominal', title: 'message' },
            ],
          },
        },
      ],
    },
  };
}
