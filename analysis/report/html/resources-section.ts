/**
 * The Resources section of the HTML report: CPU and memory of the services under test (server
 * side) per service, baseline and candidate, change with its CI, budget and verdict. The CPU
 * and RSS over time charts sit in each service's chart gallery beside its latency charts.
 */
import type { Comparison } from '../../compare/types.js';
import { RESOURCE_METRIC_LABEL, formatResourceBudget, formatResourceChange, formatResourceP, formatResourceSide, samplerOverhead } from '../resource-text.js';
import { html, type Html } from './html.js';
import { table } from './tables.js';
import { verdictBadge } from './verdict.js';

/** Id of the section (for links). */
export const RESOURCES_SECTION_ID = 'resources';

/** The section; null when the runs had no resource samples. */
export function resourcesSection(comparison: Comparison): Html | null {
  const resources = comparison.resources;
  if (resources === undefined) return null;
  const level = Math.round(comparison.options.confidence * 100);
  const rows = resources.rows.map(
    (row) =>
      html`<tr class="row-${row.verdict.toLowerCase()}"><td>${row.service}</td><td>${RESOURCE_METRIC_LABEL[row.metric]}</td><td class="num" title="per run: ${row.baseline.runs.map((v) => v.toPrecision(4)).join(', ')}">${formatResourceSide(row, row.baseline)}</td><td class="num" title="per run: ${row.candidate.runs.map((v) => v.toPrecision(4)).join(', ')}">${formatResourceSide(row, row.candidate)}</td><td class="num">${formatResourceChange(row)}</td><td class="num">${formatResourceP(row)}</td><td class="num">${formatResourceBudget(comparison, row)}</td><td title="${row.message}">${verdictBadge(row.verdict)} <code>${row.reason}</code></td></tr>`,
  );
  const overhead = samplerOverhead(comparison);
  return html`<section id="${RESOURCES_SECTION_ID}" class="resources">
<h2>Resources (server side)</h2>
<p class="hint">CPU and memory of the service under test, sampled once per second during each run; one value per run over the steady window, compared run by run (Welch on logs, ${level}% CI). Higher is worse. Hover a verdict for its explanation, a value for the per-run values.</p>
${table('metrics resources', [['Service', 'text'], ['Metric', 'text'], ['Baseline', 'num'], ['Candidate', 'num'], [`Change [${level}% CI]`, 'num'], ['p (adj.)', 'num'], ['Budget', 'num'], ['Verdict', 'text']], html`<tbody>${rows}</tbody>`)}
${overhead === null ? null : html`<p class="muted">Sampler overhead: at most ${overhead.toFixed(3)}% of one core per run.</p>`}
</section>`;
}
