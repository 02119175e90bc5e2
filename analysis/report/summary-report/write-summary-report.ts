/**
 * Writes the summary report folder of `stagecraft summarize --report DIR`: `index.html`,
 * `summary.md`, `summary.json` and chart images under `charts/`.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../../core/atomic-write.js';
import type { SummarizeInput } from '../../summarize/load.js';
import { summarizeInputs, type SummarizeOptions } from '../../summarize/summarize-runs.js';
import type { Summary } from '../../summarize/types.js';
import type { ReportChart } from '../chart-data-types.js';
import { writeCharts } from '../render-charts.js';
import { imagesToRender, type ChartImages } from '../write-report.js';
import { ENDPOINT_METRICS, serviceRows } from './endpoint-rows.js';
import { renderSummaryHtml } from './render-summary-html.js';
import { renderSummaryMarkdown } from './render-summary-markdown.js';
import { summaryChartData, summaryCharts } from './summary-charts.js';

/** File names inside the summary report folder. */
export const SummaryReportFiles = { html: 'index.html', markdown: 'summary.md', json: 'summary.json', charts: 'charts' } as const;

/** Paths written by {@link writeSummaryReport}. */
export interface SummaryReportPaths {
  readonly html: string;
  readonly markdown: string;
  readonly json: string;
  /** SVG and PNG files under `charts/`. */
  readonly images: readonly string[];
}

/** Options of {@link writeSummaryReport}. */
export interface SummaryReportOptions {
  /** The options the summary was made with (the tables use the same trims and metrics filter for requests). */
  readonly summarize?: SummarizeOptions;
  /** Which charts become image files; default `auto` (as the comparison report). */
  readonly images?: ChartImages;
  /** Page heading. */
  readonly title?: string;
}

/** Key charts of a summary: the load chart and the latency distributions. */
function isKeyChart(chart: ReportChart): boolean {
  return chart.id.startsWith('load-timeline') || chart.id.startsWith('latency-ecdf');
}

/**
 * Writes the report of `summary` (made by `summarizeInputs` from `inputs`) into `outDir`.
 * The per-endpoint tables come from the same inputs summarized by service and endpoint with the
 * same trims; the charts from each run untrimmed, with the trims shaded. Every file is written
 * atomically; the folder is created if needed and nothing else in it is touched.
 */
export async function writeSummaryReport(inputs: readonly SummarizeInput[], summary: Summary, outDir: string, options: SummaryReportOptions = {}): Promise<SummaryReportPaths> {
  const byEndpoint = summarizeInputs(inputs, { ...options.summarize, groupBy: ['service', 'endpoint'], metrics: ENDPOINT_METRICS });
  const services = serviceRows(byEndpoint);
  const data = summaryChartData(inputs, summary.runs.map((run) => run.id), summary.trim);
  const charts = summaryCharts(data, services);
  const paths = { html: join(outDir, SummaryReportFiles.html), markdown: join(outDir, SummaryReportFiles.markdown), json: join(outDir, SummaryReportFiles.json) };
  await writeFileAtomic(paths.json, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFileAtomic(paths.markdown, renderSummaryMarkdown(summary, services));
  await writeFileAtomic(paths.html, renderSummaryHtml({ summary, services, charts, ...(options.title === undefined ? {} : { title: options.title }) }));
  const images = await writeCharts(imagesToRender(charts, options.images ?? 'auto', isKeyChart), outDir);
  return { ...paths, images };
}
