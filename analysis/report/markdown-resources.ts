import type { Comparison } from '../compare/types.js';
import { cells, md, tableHead, verdictCell } from './markdown-blocks.js';
import { RESOURCE_METRIC_LABEL, formatResourceBudget, formatResourceChange, formatResourceP, formatResourceSide, samplerOverhead } from './resource-text.js';

/**
 * The Resources table of `report.md`: per service, mean CPU and peak/mean RSS of the service
 * under test (server side), baseline, candidate, change with its CI, budget and verdict.
 * Nothing when the runs had no resource samples.
 */
export function resourcesSection(comparison: Comparison): string[] {
  const resources = comparison.resources;
  if (resources === undefined) return [];
  const level = Math.round(comparison.options.confidence * 100);
  const overhead = samplerOverhead(comparison);
  return [
    '## Resources (server side)',
    '',
    `CPU and memory of the service under test, sampled once per second during each run; one value per run over the steady window, compared run by run (Welch on logs, ${level}% CI). Higher is worse.`,
    '',
    ...tableHead([['Service', 'left'], ['Metric', 'left'], ['Baseline', 'right'], ['Candidate', 'right'], [`Change [${level}% CI]`, 'right'], ['p (adj.)', 'right'], ['Budget', 'right'], ['Verdict', 'left']]),
    ...resources.rows.map((row) =>
      cells([
        md(row.service),
        RESOURCE_METRIC_LABEL[row.metric],
        formatResourceSide(row, row.baseline),
        formatResourceSide(row, row.candidate),
        formatResourceChange(row),
        formatResourceP(row),
        formatResourceBudget(comparison, row),
        verdictCell(row.verdict, row.reason),
      ]),
    ),
    ...(resources.rows.length === 0 ? ['', 'No service had resource samples on both sides.'] : []),
    '',
    ...(overhead === null ? [] : [`Sampler overhead: at most ${overhead.toFixed(3)}% of one core per run.`, '']),
  ];
}
