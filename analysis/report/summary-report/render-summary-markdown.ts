/** `summary.md`: compact Markdown tables of the summary report: thresholds, then one table per service. */
import { formatDuration } from '../../../core/duration.js';
import type { Summary } from '../../summarize/types.js';
import { cells, md, tableHead } from '../markdown-blocks.js';
import { ROW_COLUMNS, rowCells, type ServiceRows } from './endpoint-rows.js';
import { INCOMPLETE_WARNING, INSTANCE_COLUMNS, SINGLE_COLUMNS, SPLIT_COLUMNS, incompleteRuns, thresholdRuns, type RunThresholds } from './threshold-rows.js';

const HEAD = tableHead([['Endpoint', 'left'], ...ROW_COLUMNS.map(([label, numeric]) => [label, numeric ? 'right' : 'left'] as const)]);

/** Longest note or flag message shown in full. */
const MAX_NOTE = 2000;

function head(columns: readonly (readonly [string, boolean])[]): string[] {
  return tableHead(columns.map(([label, numeric]) => [label, numeric ? 'right' : 'left'] as const));
}

function serviceTable(rows: ServiceRows): string[] {
  const body = rows.endpoints.flatMap(({ endpoint, runs }) => runs.map((run) => cells([md(endpoint), ...rowCells(run).map((cell) => md(cell))])));
  return [`## ${md(rows.service)}`, '', ...HEAD, ...body, ''];
}

/** A verdict word in a cell: FAIL bold, as the comparison's tables do. */
function verdictText(verdict: string): string {
  return verdict === 'FAIL' ? '**FAIL**' : verdict;
}

function runThresholds(run: RunThresholds): string[] {
  const lines = [`### ${md(run.run)}${run.headline === null ? '' : `: ${md(run.headline)}`}`, ''];
  for (const note of run.notes) lines.push(md(note, MAX_NOTE), '');
  if (run.rows.length > 0 && run.headline !== null) {
    lines.push(...head(SPLIT_COLUMNS));
    for (const row of run.rows) {
      const note = row.note === null ? '' : row.differs ? `⚠️ ${md(row.note, MAX_NOTE)}` : md(row.note, MAX_NOTE);
      lines.push(cells([md(row.threshold), verdictText(row.verdict), row.value, md(row.instances ?? '—'), note]));
    }
    lines.push('');
  } else if (run.rows.length > 0) {
    lines.push(...head(SINGLE_COLUMNS), ...run.rows.map((row) => cells([md(row.threshold), verdictText(row.verdict)])), '');
  }
  if (run.instances.length > 0) {
    lines.push(...head(INSTANCE_COLUMNS));
    for (const instance of run.instances) {
      const status = instance.ok ? md(instance.status) : `**${md(instance.status)}**`;
      lines.push(cells([md(instance.instanceId), md(instance.segment), md(instance.exit), instance.samples, instance.summary, status]));
    }
    lines.push('');
  }
  return lines;
}

/** The thresholds of every run that has some (split runs always); nothing when none has. */
function thresholdsSection(summary: Summary): string[] {
  const runs = thresholdRuns(summary);
  return runs.length === 0 ? [] : ['## Thresholds', '', ...runs.flatMap(runThresholds)];
}

/** A quoted warning per split run that is not the whole test, naming the instances and the reasons. */
function incompleteBanners(summary: Summary): string[] {
  return incompleteRuns(summary).flatMap((run) => [
    `> **⚠️ Incomplete distributed run ${md(run.run)}**${run.instances.length === 0 ? '' : `: ${run.instances.map((text) => md(text)).join('; ')}`}. ${INCOMPLETE_WARNING}`,
    ...run.reasons.map((flag) => `> - \`${flag.code}\` ${md(flag.message, MAX_NOTE)}`),
    '',
  ]);
}

/** The Markdown summary: runs and trims, incomplete split runs, thresholds, then a table per service (every k6 name escaped). */
export function renderSummaryMarkdown(summary: Summary, services: readonly ServiceRows[]): string {
  const { trim } = summary;
  const runs = summary.runs.map((run) => `- ${md(run.id)}: ${run.window === null ? 'no samples' : `${formatDuration(run.window.durationMs)} analysed`}${run.quality.flags.length === 0 ? '' : `, ${run.quality.flags.length} data-quality flag(s)`}`);
  const lines = [
    '# Run summary',
    '',
    `${summary.runs.length} run(s); warm-up ${formatDuration(trim.startMs)} and ramp-down ${formatDuration(trim.endMs)} trimmed from each. Latency of every request (successful and failed); charts and details in index.html, every series in summary.json.`,
    '',
    ...incompleteBanners(summary),
    ...runs,
    '',
    ...thresholdsSection(summary),
    ...(services.length === 0 ? ['No request samples in the analysed windows.', ''] : services.flatMap(serviceTable)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
