/** `summary.md`: compact Markdown tables of the summary report, one per service. */
import { formatDuration } from '../../../core/duration.js';
import type { Summary } from '../../summarize/types.js';
import { cells, md, tableHead } from '../markdown-blocks.js';
import { ROW_COLUMNS, rowCells, type ServiceRows } from './endpoint-rows.js';

const HEAD = tableHead([['Endpoint', 'left'], ...ROW_COLUMNS.map(([label, numeric]) => [label, numeric ? 'right' : 'left'] as const)]);

function serviceTable(rows: ServiceRows): string[] {
  const body = rows.endpoints.flatMap(({ endpoint, runs }) => runs.map((run) => cells([md(endpoint), ...rowCells(run).map((cell) => md(cell))])));
  return [`## ${md(rows.service)}`, '', ...HEAD, ...body, ''];
}

/** The Markdown summary: runs and trims, then a table per service (every k6 name escaped). */
export function renderSummaryMarkdown(summary: Summary, services: readonly ServiceRows[]): string {
  const { trim } = summary;
  const runs = summary.runs.map((run) => `- ${md(run.id)}: ${run.window === null ? 'no samples' : `${formatDuration(run.window.durationMs)} analysed`}${run.quality.flags.length === 0 ? '' : `, ${run.quality.flags.length} data-quality flag(s)`}`);
  const lines = [
    '# Run summary',
    '',
    `${summary.runs.length} run(s); warm-up ${formatDuration(trim.startMs)} and ramp-down ${formatDuration(trim.endMs)} trimmed from each. Latency of every request (successful and failed); charts and details in index.html, every series in summary.json.`,
    '',
    ...runs,
    '',
    ...(services.length === 0 ? ['No request samples in the analysed windows.', ''] : services.flatMap(serviceTable)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
