import { adjustFamilies } from './adjust-families.js';
import { mergeBudget } from './budgets.js';
import { geometricMean, type Outcome } from './draft.js';
import { formatChange, formatChangeCi, formatP, formatPercent } from './format.js';
import { welchOnLogs, type LogTest } from './log-inference.js';
import { ratioVerdict } from './ratio-rows.js';
import type {
  Budget,
  CompareOptions,
  ResolvedCompareOptions,
  ResourceBudgets,
  ResourceMetric,
  ResourceRow,
  ResourceUnit,
  RunResourceSummary,
  SideValues,
} from './types.js';
import { RESOURCE_METRICS } from './types.js';

/** Default resource budgets: FAIL beyond +10% (CPU, memory), noise threshold 2%. */
export const DEFAULT_RESOURCE_BUDGETS: ResourceBudgets = {
  cpu: { fail: 0.1, warn: 0.02 },
  memory: { fail: 0.1, warn: 0.02 },
};

const LABELS: Readonly<Record<ResourceMetric, string>> = { cpu: 'mean CPU', 'rss-peak': 'peak RSS', 'rss-mean': 'mean RSS' };
const UNITS: Readonly<Record<ResourceMetric, ResourceUnit>> = { cpu: 'percent-core', 'rss-peak': 'bytes', 'rss-mean': 'bytes' };
/** `rss-mean` is informational: peak RSS is what a memory limit meets, and the two move together. */
const GATING: Readonly<Record<ResourceMetric, boolean>> = { cpu: true, 'rss-peak': true, 'rss-mean': false };

/** Global resource budgets: defaults, then the `resources` option. @throws never; ranges are checked by config validation */
export function resolveResourceBudgets(options: Pick<CompareOptions, 'resources'>): ResourceBudgets {
  return {
    cpu: mergeBudget(DEFAULT_RESOURCE_BUDGETS.cpu, [options.resources?.cpu]),
    memory: mergeBudget(DEFAULT_RESOURCE_BUDGETS.memory, [options.resources?.memory]),
  };
}

/** The budget of one service's resource metric: global → service override. */
export function resourceBudget(global: ResourceBudgets, services: ResolvedCompareOptions['services'], service: string, metric: ResourceMetric): Budget {
  const kind = metric === 'cpu' ? 'cpu' : 'memory';
  const own = Object.hasOwn(services, service) ? services[service]?.resources?.[kind] : undefined;
  return mergeBudget(global[kind], [own]);
}

function valueOf(run: RunResourceSummary, service: string, metric: ResourceMetric): number | null | undefined {
  const figures = run.services.find((entry) => entry.service === service);
  if (figures === undefined) return undefined;
  return metric === 'cpu' ? figures.cpuPercent : metric === 'rss-peak' ? figures.rssPeakBytes : figures.rssMeanBytes;
}

/** A resource row before the multiplicity adjustment. */
interface ResourceDraft extends Omit<ResourceRow, 'pAdjusted' | 'verdict' | 'reason' | 'message'> {
  readonly decided?: Outcome;
  readonly evaluate?: (pAdjusted: number) => Outcome;
}

function sideOf(runs: readonly RunResourceSummary[], service: string, metric: ResourceMetric): { side: SideValues; present: boolean; missing: number } {
  const values = runs.map((run) => valueOf(run, service, metric));
  const usable = values.filter((value): value is number => value !== null && value !== undefined);
  const samples = runs.reduce((total, run) => total + (run.services.find((entry) => entry.service === service)?.upSamples ?? 0), 0);
  return {
    side: { runs: usable, aggregate: usable.length === 0 ? null : geometricMean(usable), samples },
    present: values.some((value) => value !== undefined),
    missing: values.length - usable.length,
  };
}

function messageStats(test: LogTest, pAdjusted: number, gating: boolean, level: number): string {
  return `${formatChange(test.ratio)}, ${level}% CI ${formatChangeCi(test.ci)}, ${gating ? 'Holm' : 'BH'} p = ${formatP(pAdjusted)}`;
}

function evaluateOutcome(label: string, test: LogTest, budget: Budget, gating: boolean, options: ResolvedCompareOptions, note: string): (pAdjusted: number) => Outcome {
  return (pAdjusted) => {
    const { verdict, reason } = ratioVerdict({ badness: test.ratio, badnessHigh: test.ci[1], pAdjusted, budget, gating, alpha: options.alpha });
    const stats = messageStats(test, pAdjusted, gating, Math.round(options.confidence * 100));
    const budgetText = budget.fail === null ? '' : `the +${formatPercent(budget.fail)} budget`;
    const text = ((): string => {
      switch (reason) {
        case 'regressed':
          return `${capitalize(label)} rose significantly (${stats}), beyond ${budgetText}.`;
        case 'small-regression':
          return `${capitalize(label)} rose significantly (${stats}): beyond the ${formatPercent(budget.warn)} noise threshold but within ${budgetText}.`;
        case 'inconclusive-more-runs-needed':
          return `No significant change in ${label} (${stats}), but the CI does not exclude a rise beyond ${budgetText}; add runs (ideally 5 per side).`;
        case 'informational-regression':
          return `${capitalize(label)} rose significantly (${stats}); it is informational and does not FAIL.`;
        case 'improved':
          return `${capitalize(label)} fell significantly (${stats}).`;
        default:
          return `No significant change in ${label} (${stats}); changes above ${formatPercent(test.minDetectableChange)} would have been detected with ${Math.round(options.power * 100)}% power.`;
      }
    })();
    return { verdict, reason, message: `${text}${note}` };
  };
}

function draftRow(service: string, metric: ResourceMetric, baseline: readonly RunResourceSummary[], candidate: readonly RunResourceSummary[], options: ResolvedCompareOptions, budgets: ResourceBudgets): ResourceDraft | null {
  const base = sideOf(baseline, service, metric);
  const cand = sideOf(candidate, service, metric);
  if (!base.present && !cand.present) return null;
  const label = LABELS[metric];
  const budget = resourceBudget(budgets, options.services, service, metric);
  const gating = GATING[metric] && budget.fail !== null;
  const [b, c] = [base.side.aggregate, cand.side.aggregate];
  const ratio = b !== null && c !== null && b > 0 ? c / b : null;
  const common = { service, metric, unit: UNITS[metric], baseline: base.side, candidate: cand.side, gating, absoluteDifference: b !== null && c !== null ? c - b : null };
  const noTest = (outcome: Outcome, pointRatio: number | null = ratio): ResourceDraft => ({ ...common, ratio: pointRatio, ci: null, p: null, test: null, inference: null, minDetectableChange: null, decided: outcome });
  const point = ratio === null ? '' : ` Point estimate: ${formatChange(ratio)}.`;
  if (!base.present || !cand.present) {
    return noTest({ verdict: 'WARN', reason: 'missing-on-one-side', message: `${service} was sampled only in the ${base.present ? 'baseline' : 'candidate'} runs, so its ${label} cannot be compared.` }, null);
  }
  if (base.side.runs.length === 0 || cand.side.runs.length === 0) {
    const where = base.side.runs.length === 0 ? 'baseline' : 'candidate';
    return noTest({ verdict: 'WARN', reason: 'no-samples', message: `No ${label} figure in the steady window of the ${where} runs (process not found, exited, or endpoint down: see the run warnings).` });
  }
  if ([...base.side.runs, ...cand.side.runs].some((value) => value <= 0)) {
    return noTest({ verdict: 'WARN', reason: 'non-positive-values', message: `A run's ${label} is 0, so the log-scale test is undefined (an idle process?).${point}` });
  }
  const missing = base.missing + cand.missing;
  const note = missing === 0 ? '' : ` ${missing} run(s) had no usable sample and are left out.`;
  if (base.side.runs.length < 2 || cand.side.runs.length < 2) {
    return noTest({ verdict: 'WARN', reason: 'single-run', message: `Fewer than 2 runs with ${label} on a side, so no test; run at least 2 (ideally 5) runs per side.${point}${note}` });
  }
  const test = welchOnLogs(base.side.runs, cand.side.runs, options);
  if (test === null) {
    const all = [...base.side.runs, ...cand.side.runs];
    if (all.every((value) => value === all[0])) return noTest({ verdict: 'PASS', reason: 'unchanged', message: `Every run on both sides had the same ${label}.` }, 1);
    return noTest({ verdict: 'WARN', reason: 'degenerate-test', message: `The test gave no p-value (the values do not vary).${point}` });
  }
  return {
    ...common,
    ratio: test.ratio,
    ci: test.ci,
    p: test.p,
    test: test.method,
    inference: test.inference,
    minDetectableChange: test.minDetectableChange,
    evaluate: evaluateOutcome(label, test, budget, gating, options, note),
  };
}

/**
 * Resource rows (service × `cpu`, `rss-peak`, `rss-mean`) from per-run window figures: the
 * run-level Welch test on logs that latency rows use (≥ 2 runs per side, else WARN
 * `single-run`), Holm over the gating `cpu` and `rss-peak` rows (their own family: the
 * latency rows' adjustment is not changed by sampling), BH over `rss-mean`, and the verdict
 * rule of the latency rows with the resource budgets. Higher is worse for every metric.
 */
export function resourceRows(baseline: readonly RunResourceSummary[], candidate: readonly RunResourceSummary[], options: ResolvedCompareOptions, budgets: ResourceBudgets): ResourceRow[] {
  const services = [...new Set([...baseline, ...candidate].flatMap((run) => run.services.map((entry) => entry.service)))].sort();
  const drafts = services.flatMap((service) => RESOURCE_METRICS.map((metric) => draftRow(service, metric, baseline, candidate, options, budgets))).filter((draft): draft is ResourceDraft => draft !== null);
  const adjusted = adjustFamilies(drafts);
  return drafts.map((draft) => {
    const pAdjusted = draft.p === null ? null : (adjusted.get(draft) ?? null);
    const outcome = draft.decided ?? draft.evaluate?.(pAdjusted ?? 1);
    if (outcome === undefined) throw new Error(`resource row ${draft.service}/${draft.metric} has no outcome`);
    return {
      service: draft.service,
      metric: draft.metric,
      unit: draft.unit,
      baseline: draft.baseline,
      candidate: draft.candidate,
      ratio: draft.ratio,
      ci: draft.ci,
      absoluteDifference: draft.absoluteDifference,
      p: draft.p,
      pAdjusted,
      test: draft.test,
      inference: draft.inference,
      gating: draft.gating,
      verdict: outcome.verdict,
      reason: outcome.reason,
      message: outcome.message,
      minDetectableChange: draft.minDetectableChange,
    };
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
