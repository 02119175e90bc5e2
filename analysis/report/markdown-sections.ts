/** Sections of `report.md` other than the per-service tables. */
import { formatChange, formatMs } from '../compare/format.js';
import type { SloJudgment } from '../compare/slo-judgments.js';
import { INCONCLUSIVE_REASONS, type Comparison, type ComparisonRow } from '../compare/types.js';
import { MAX_MESSAGE_LENGTH, VERDICT_ICON, cells, details, md, moreLine, tableHead, verdictCell } from './markdown-blocks.js';
import { SEVERITY, byImportance, formatBudget, formatDetectable, formatRowChange, formatRowP, formatSide, isChange } from './row-text.js';
import { RUN_COLUMNS, methodSentences, runCells, runsWithSide } from './report-text.js';
import { formatSettle, settle } from './runs-needed.js';

/** Rows in the "Top changes" table. */
export const TOP_CHANGES = 10;
/** Rows in the "Inconclusive" table. */
export const INCONCLUSIVE_ROWS = 20;
/** Rows in the SLO table. */
export const SLO_ROWS = 50;
/** Rows in the runs table, and notes listed. */
export const LIST_ROWS = 50;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Marker, verdict heading, counts and the overall message; a notice when the report was shortened. */
export function headSection(comparison: Comparison, marker: string, shortenedTo: number | null): string[] {
  const { overall } = comparison;
  const slos = overall.slos.FAIL + overall.slos.WARN + overall.slos.PASS === 0 ? '' : ` SLOs: ${overall.slos.FAIL} FAIL, ${overall.slos.WARN} WARN, ${overall.slos.PASS} PASS.`;
  const undecided = comparison.rows.filter((row) => INCONCLUSIVE_REASONS.includes(row.reason)).length;
  const inconclusive = undecided > 0 ? ` ${plural(undecided, 'row')} inconclusive (more data needed, see below).` : '';
  const lines = [
    marker,
    `# Performance comparison: ${overall.verdict} ${VERDICT_ICON[overall.verdict]}`,
    '',
    `**${overall.verdict}** (${overall.reason}): ${overall.counts.FAIL} FAIL, ${overall.counts.WARN} WARN, ${overall.counts.PASS} PASS rows.${slos}${inconclusive}`,
    '',
    md(overall.message, MAX_MESSAGE_LENGTH),
    '',
  ];
  if (shortenedTo !== null) {
    lines.push(`> This report was shortened to fit ${shortenedTo.toLocaleString('en-US')} characters (a PR comment): the most important rows come first, and every row is in report.json (and index.html).`, '');
  }
  if (comparison.services.length === 0) {
    lines.push('No service was compared: no run has requests tagged with a service and endpoint.', '');
  }
  return lines;
}

/** The biggest changes across services: FAIL rows first, then other significant changes by size. */
export function topChangesSection(comparison: Comparison): string[] {
  if (comparison.rows.length === 0) return [];
  const changes = comparison.rows.filter(isChange).sort(byImportance);
  if (changes.length === 0) return ['## Top changes', '', 'No significant change beyond the noise thresholds.', ''];
  const shown = changes.slice(0, TOP_CHANGES);
  const lines = [
    '## Top changes',
    '',
    ...tableHead([['Service', 'left'], ['Endpoint', 'left'], ['Metric', 'left'], ['Baseline → candidate', 'right'], ['Change [95% CI]', 'right'], ['p (adj.)', 'right'], ['Verdict', 'left']]),
    ...shown.map((row) => cells([md(row.service), md(row.endpoint), row.metric, `${formatSide(row.baseline, row.unit)} → ${formatSide(row.candidate, row.unit)}`, formatRowChange(row), formatRowP(row), verdictCell(row.verdict, row.reason)])),
  ];
  if (changes.length > shown.length) lines.push('', `… ${changes.length - shown.length} more changes in the service sections below.`);
  lines.push('');
  return lines;
}

/** Undecided rows with how many runs per side would settle them. */
export function inconclusiveSection(comparison: Comparison): string[] {
  const rows = comparison.rows.filter((row) => INCONCLUSIVE_REASONS.includes(row.reason)).sort(byImportance);
  if (rows.length === 0) return [];
  const shown = rows.slice(0, INCONCLUSIVE_ROWS);
  const { baseline, candidate } = comparison.runs;
  const power = `${Math.round(comparison.options.power * 100)}%`;
  const lines = [
    `## Inconclusive: ${plural(rows.length, 'row')} need more data`,
    '',
    `With ${baseline.length} baseline and ${candidate.length} candidate run(s) these rows could not be decided. "Detectable now" is the smallest change the runs could detect (${power} power); "Runs per side" estimates the runs on each side that would bring it within the budget, assuming the run-to-run spread stays as observed (it shrinks like 1/√runs). A rough guide, not a promise.`,
    '',
    ...tableHead([['Service', 'left'], ['Endpoint', 'left'], ['Metric', 'left'], ['Change [95% CI]', 'right'], ['Detectable now', 'right'], ['Budget', 'right'], ['Runs per side', 'left']]),
    ...shown.map((row: ComparisonRow) => cells([md(row.service), md(row.endpoint), row.metric, formatRowChange(row), formatDetectable(row), formatBudget(comparison, row), `${formatSettle(settle(comparison, row))} (${row.reason})`])),
  ];
  if (rows.length > shown.length) lines.push('', moreLine(rows.length - shown.length, 'inconclusive rows'));
  lines.push('');
  return lines;
}

function formatTier(value: number | null): string {
  return value === null ? '—' : formatMs(value);
}

function sloSide(value: SloJudgment['baseline']): string {
  return value === null ? '—' : `${formatMs(value.value)} ${value.status}`;
}

/** The scenario's SLO tiers judged on both sides, FAIL first. */
export function sloSection(comparison: Comparison): string[] {
  if (comparison.slos.length === 0) return [];
  const slos = [...comparison.slos].sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);
  const shown = slos.slice(0, SLO_ROWS);
  const lines = [
    '## SLOs',
    '',
    'The scenario\'s SLO tiers, judged on the geometric mean of per-run values: a candidate in critical breach FAILs, one worse than acceptable WARNs.',
    '',
    ...tableHead([['Service', 'left'], ['Endpoint', 'left'], ['Statistic', 'left'], ['Target', 'right'], ['Acceptable', 'right'], ['Critical', 'right'], ['Baseline', 'left'], ['Candidate', 'left'], ['Verdict', 'left']]),
    ...shown.map((slo) => cells([
      md(slo.service), slo.endpoint === null ? '(all)' : md(slo.endpoint), md(slo.statistic),
      formatTier(slo.tiers.target), formatTier(slo.tiers.acceptable), formatTier(slo.tiers.critical),
      sloSide(slo.baseline), sloSide(slo.candidate), verdictCell(slo.verdict, slo.reason),
    ])),
  ];
  if (slos.length > shown.length) lines.push('', moreLine(slos.length - shown.length, 'SLOs'));
  lines.push('');
  return lines;
}

/** Descriptive request-level effect sizes, collapsed; at most `limit` rows. */
export function effectSizeSection(comparison: Comparison, limit: number): string[] {
  const sizes = comparison.effectSizes;
  if (sizes.length === 0) return [];
  const shown = sizes.slice(0, limit);
  const body = shown.length === 0 ? [] : [
    ...tableHead([['Service', 'left'], ['Endpoint', 'left'], ["Cliff's delta", 'right'], ['Hodges–Lehmann ratio', 'right'], ['Requests sampled (baseline / candidate)', 'right']]),
    ...shown.map((size) => cells([md(size.service), md(size.endpoint), `${size.cliffsDelta.toFixed(3)} (${size.magnitude})`, formatChange(size.hodgesLehmannRatio), `${size.sampled.baseline} / ${size.sampled.candidate}`])),
  ];
  if (shown.length < sizes.length) body.push(...(body.length > 0 ? [''] : []), moreLine(sizes.length - shown.length, 'endpoints'));
  return details('Effect sizes (descriptive, request level; never used for verdicts)', body);
}

/** The runs of both sides, collapsed. */
export function runsSection(comparison: Comparison): string[] {
  const all = runsWithSide(comparison);
  if (all.length === 0) return [];
  const body = [
    ...tableHead(RUN_COLUMNS.map((name, i) => [name, i < 3 ? 'left' : 'right'] as const)),
    ...all.slice(0, LIST_ROWS).map(({ side, run }) => cells(runCells(side, run).map((cell, i) => (i === 1 ? md(cell) : cell)))),
  ];
  if (all.length > LIST_ROWS) body.push('', moreLine(all.length - LIST_ROWS, 'runs'));
  return details(`Runs (${comparison.runs.baseline.length} baseline, ${comparison.runs.candidate.length} candidate)`, body);
}

/** The comparison's notes, collapsed. */
export function notesSection(comparison: Comparison): string[] {
  const { notes } = comparison;
  if (notes.length === 0) return [];
  const body = notes.slice(0, LIST_ROWS).map((note) => `- ${md(note, MAX_MESSAGE_LENGTH)}`);
  if (notes.length > LIST_ROWS) body.push('', moreLine(notes.length - LIST_ROWS, 'notes'));
  return details(`Notes (${notes.length})`, body);
}

/** "How to read this": the method in one paragraph, collapsed. */
export function methodSection(comparison: Comparison): string[] {
  return details('How to read this (method)', [`**How to read this.** ${methodSentences(comparison).join(' ')}`]);
}

/** Timestamp (when recorded) and seed. */
export function footerSection(comparison: Comparison): string[] {
  const lines: string[] = [];
  if (comparison.generatedAt !== undefined) lines.push(`Generated ${md(comparison.generatedAt)}.`, '');
  lines.push(`Seed ${comparison.seed} (derived from the inputs; the same runs and options give the same report).`, '');
  return lines;
}
