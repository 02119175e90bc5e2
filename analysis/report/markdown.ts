import { formatChange, formatChangeCi, formatMs, formatP, formatPercent, formatPp, formatRate, formatRps } from '../compare/format.js';
import type { SloJudgment } from '../compare/slo-judgments.js';
import type { Comparison, ComparisonRow, RowUnit, SideValues, Verdict } from '../compare/types.js';
import { escapeMarkdown } from './escape.js';

const SEVERITY: Readonly<Record<Verdict, number>> = { FAIL: 0, WARN: 1, PASS: 2 };

function formatValue(value: number | null, unit: RowUnit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'fraction':
      return formatRate(value);
    case 'req/s':
      return formatRps(value);
    default:
      return unit satisfies never;
  }
}

function formatSide(side: SideValues, unit: RowUnit): string {
  const value = formatValue(side.aggregate, unit);
  return side.runs.length > 1 && unit !== 'fraction' ? `${value} (gm of ${side.runs.length})` : value;
}

function formatRowChange(row: ComparisonRow): string {
  if (row.metric === 'error-rate') {
    if (row.absoluteDifference === null) return '—';
    const ratio = row.ratio === null ? '' : ` ×${row.ratio.toFixed(2)}`;
    const ci = row.ci === null ? '' : ` [×${row.ci[0].toFixed(2)}, ×${row.ci[1].toFixed(2)}]`;
    return `${formatPp(row.absoluteDifference)}${ratio}${ci}`;
  }
  if (row.ratio === null) return '—';
  return row.ci === null ? `${formatChange(row.ratio)} (no CI)` : `${formatChange(row.ratio)} [${formatChangeCi(row.ci)}]`;
}

function formatRowP(row: ComparisonRow): string {
  if (row.pAdjusted === null) return '—';
  return row.gating ? formatP(row.pAdjusted) : `${formatP(row.pAdjusted)} (BH)`;
}

function cells(values: readonly string[]): string {
  return `| ${values.join(' | ')} |`;
}

function sortRows(rows: readonly ComparisonRow[]): ComparisonRow[] {
  // Array.prototype.sort is stable: within a verdict, the comparison's own order is kept.
  return [...rows].sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);
}

function methodLine(comparison: Comparison): string {
  const { options, runs } = comparison;
  const b = options.budgets;
  const level = Math.round(options.confidence * 100);
  const failBudgets = [
    b.p95.fail === null ? null : `p95 +${formatPercent(b.p95.fail)}`,
    b.p99.fail === null ? null : `p99 +${formatPercent(b.p99.fail)}`,
    b.throughput.fail === null ? null : `throughput ${formatPercent(b.throughput.fail)} lower (closed model only)`,
    `error rate ${formatPp(options.errorRate.minIncrease)} and ×${options.errorRate.minRatio}`,
  ].filter((text): text is string => text !== null);
  return [
    `**How to read this.** ${runs.baseline.length} baseline and ${runs.candidate.length} candidate run(s); each run is one observation.`,
    `Latency (successful requests only) and throughput compare per-run values with a Welch t-test on their logarithms; the change is the ratio of geometric means ("gm of N": the geometric mean of N per-run values) with its ${level}% CI.`,
    'Error rates compare pooled counts (two-proportion z test, or Fisher exact for small counts), allowing for between-run overdispersion.',
    `p is Holm-adjusted across all gating rows (p95, p99, error rate, closed-model throughput); p50, mean and open-model throughput are informational (Benjamini–Hochberg, "BH"), never FAIL.`,
    `FAIL = significant (adjusted p < ${options.alpha}) and beyond the budget (${failBudgets.join('; ')}); WARN = significant but within budget, or a budget-sized regression not excluded by the CI, or a data problem; PASS otherwise.`,
    '`single-run`: with one run per side the CI comes from 20 time batches within each run, which cannot see run-to-run variance, so such rows WARN unless an A/A calibration (`stagecraft ab --aa`) supplies it, and FAIL only when the whole CI is beyond the budget; with one run on one side only, the other side\'s between-run spread stands in for both. Run at least 2, ideally 5, runs per side.',
    `\`too-few-samples\`: a run has fewer successful requests than the statistic needs (p50 ${options.minSamples.p50.floor}, p95 ${options.minSamples.p95.floor}, p99 ${options.minSamples.p99.floor}), so nothing is tested.`,
  ].join(' ');
}

function serviceSection(comparison: Comparison, service: string): string[] {
  const summary = comparison.services.find((s) => s.service === service);
  const rows = sortRows(comparison.rows.filter((row) => row.service === service));
  const lines: string[] = [];
  const counts = summary === undefined ? '' : ` (${summary.counts.FAIL} FAIL, ${summary.counts.WARN} WARN, ${summary.counts.PASS} PASS)`;
  lines.push(`## ${escapeMarkdown(service)}: ${summary?.verdict ?? 'PASS'}${counts}`, '');
  lines.push(cells(['Endpoint', 'Metric', 'Baseline', 'Candidate', 'Change [95% CI]', 'p (adj.)', 'Verdict']));
  lines.push(cells(['---', '---', '---:', '---:', '---:', '---:', '---']));
  for (const row of rows) {
    lines.push(
      cells([
        escapeMarkdown(row.endpoint),
        row.metric,
        formatSide(row.baseline, row.unit),
        formatSide(row.candidate, row.unit),
        formatRowChange(row),
        formatRowP(row),
        `${row.verdict === 'PASS' ? row.verdict : `**${row.verdict}**`} ${row.reason}`,
      ]),
    );
  }
  const flagged = rows.filter((row) => row.verdict !== 'PASS');
  if (flagged.length > 0) {
    lines.push('');
    for (const row of flagged) {
      lines.push(`- **${row.verdict}** ${escapeMarkdown(row.endpoint)} ${row.metric}: ${escapeMarkdown(row.message)}`);
    }
  }
  lines.push('');
  return lines;
}

function formatTier(value: number | null): string {
  return value === null ? '—' : formatMs(value);
}

function sloSection(comparison: Comparison): string[] {
  if (comparison.slos.length === 0) return [];
  const lines = [
    '## SLOs',
    '',
    'The scenario\'s SLO tiers, judged on the geometric mean of per-run values: a candidate in critical breach FAILs, one worse than acceptable WARNs.',
    '',
    cells(['Service', 'Endpoint', 'Statistic', 'Target', 'Acceptable', 'Critical', 'Baseline', 'Candidate', 'Verdict']),
    cells(['---', '---', '---', '---:', '---:', '---:', '---', '---', '---']),
  ];
  for (const slo of comparison.slos) {
    const side = (value: SloJudgment['baseline']): string => (value === null ? '—' : `${formatMs(value.value)} ${value.status}`);
    lines.push(
      cells([
        escapeMarkdown(slo.service),
        slo.endpoint === null ? '(all)' : escapeMarkdown(slo.endpoint),
        escapeMarkdown(slo.statistic),
        formatTier(slo.tiers.target),
        formatTier(slo.tiers.acceptable),
        formatTier(slo.tiers.critical),
        side(slo.baseline),
        side(slo.candidate),
        `${slo.verdict === 'PASS' ? slo.verdict : `**${slo.verdict}**`} ${slo.reason}`,
      ]),
    );
  }
  lines.push('');
  return lines;
}

function effectSizeSection(comparison: Comparison): string[] {
  if (comparison.effectSizes.length === 0) return [];
  const lines = [
    '<details><summary>Effect sizes (descriptive, request level; never used for verdicts)</summary>',
    '',
    cells(['Service', 'Endpoint', "Cliff's delta", 'Hodges–Lehmann ratio', 'Requests sampled (baseline / candidate)']),
    cells(['---', '---', '---:', '---:', '---:']),
  ];
  for (const size of comparison.effectSizes) {
    lines.push(
      cells([
        escapeMarkdown(size.service),
        escapeMarkdown(size.endpoint),
        `${size.cliffsDelta.toFixed(3)} (${size.magnitude})`,
        formatChange(size.hodgesLehmannRatio),
        `${size.sampled.baseline} / ${size.sampled.candidate}`,
      ]),
    );
  }
  lines.push('', '</details>', '');
  return lines;
}

function runsSection(comparison: Comparison): string[] {
  const lines = ['## Runs', '', cells(['Side', 'Run', 'Outcome', 'Window', 'Requests', 'Dropped iterations', 'Skipped lines']),
    cells(['---', '---', '---', '---:', '---:', '---:', '---:'])];
  for (const [sideName, runs] of [['baseline', comparison.runs.baseline], ['candidate', comparison.runs.candidate]] as const) {
    for (const run of runs) {
      lines.push(
        cells([
          sideName,
          escapeMarkdown(run.id),
          `${run.outcome ?? 'unknown'}${run.truncated ? ' (truncated)' : ''}`,
          run.windowSeconds === null ? '—' : `${run.windowSeconds.toFixed(1)} s`,
          String(run.requests),
          String(run.droppedIterations),
          String(run.issueCount),
        ]),
      );
    }
  }
  lines.push('');
  return lines;
}

/**
 * Renders a comparison as Markdown: the overall verdict first, then one table per service
 * (FAIL and WARN rows first) with the messages of flagged rows, a "How to read this" paragraph,
 * the runs and the notes. Every value that comes from k6 data is escaped.
 */
export function renderMarkdown(comparison: Comparison): string {
  const { overall } = comparison;
  const lines: string[] = [
    `# Performance comparison: ${overall.verdict}`,
    '',
    `**${overall.verdict}** (${overall.reason}): ${overall.counts.FAIL} FAIL, ${overall.counts.WARN} WARN, ${overall.counts.PASS} PASS${overall.inconclusive ? '; some rows are inconclusive (more runs needed)' : ''}.`,
    '',
    escapeMarkdown(overall.message),
    '',
    methodLine(comparison),
    '',
  ];
  if (comparison.generatedAt !== undefined) lines.push(`Generated ${escapeMarkdown(comparison.generatedAt)}.`, '');
  const services = comparison.services
    .map((summary) => summary.service)
    .sort((a, b) => {
      const sa = comparison.services.find((s) => s.service === a);
      const sb = comparison.services.find((s) => s.service === b);
      return SEVERITY[sa?.verdict ?? 'PASS'] - SEVERITY[sb?.verdict ?? 'PASS'];
    });
  for (const service of services) lines.push(...serviceSection(comparison, service));
  lines.push(...sloSection(comparison));
  lines.push(...effectSizeSection(comparison));
  lines.push(...runsSection(comparison));
  if (comparison.notes.length > 0) {
    lines.push('## Notes', '');
    for (const note of comparison.notes) lines.push(`- ${escapeMarkdown(note)}`);
    lines.push('');
  }
  lines.push(`Seed ${comparison.seed} (derived from the inputs; the same runs and options give the same report).`, '');
  return lines.join('\n');
}
