import { join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write.js';
import type { Comparison } from '../compare/types.js';
import type { ChartData, ReportChart } from './chart-data-types.js';
import { reportCharts } from './charts/index.js';
import { renderHtml } from './html/index.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { writeCharts } from './render-charts.js';

/** Paths written by {@link writeReportFiles} (and {@link writeReport}). */
export interface ReportPaths {
  readonly markdown: string;
  readonly json: string;
  readonly junit: string;
  readonly html: string;
  /** SVG and PNG files written under `charts/` (empty when none were rendered). */
  readonly images: readonly string[];
}

/** File names inside the report folder. */
export const ReportFiles = { markdown: 'report.md', json: 'report.json', junit: 'junit.xml', html: 'index.html', charts: 'charts' } as const;

/**
 * Which charts become `charts/*.svg` + `.png` files: `all`; `key` (the per-service forest plots
 * and the load chart); `auto` (all when there are at most {@link AUTO_ALL_CHARTS}, else key);
 * `none`. Rendering takes ~0.1–0.3 s per chart, so big reports default to the key charts; the
 * HTML page always has every chart.
 */
export type ChartImages = 'auto' | 'all' | 'key' | 'none';

/** Up to this many charts, `auto` renders them all as images. */
export const AUTO_ALL_CHARTS = 40;

/** The saved report: the comparison plus the pre-aggregated chart data (for `stagecraft report`). */
export type ReportDocument = Comparison & { readonly charts?: ChartData };

/** Options of {@link writeReportFiles}. */
export interface WriteReportOptions {
  /** Chart data of the runs; without it the report has tables but no charts. */
  readonly charts?: ChartData;
  /** Default `auto`. */
  readonly images?: ChartImages;
}

/** The key charts of a comparison: the per-service forest plots and the load chart. */
function isComparisonKeyChart(chart: ReportChart): boolean {
  return chart.id.startsWith('forest-') || chart.id.startsWith('load-timeline');
}

/** The charts that `images` selects (see {@link ChartImages}); `isKey` picks the key charts. */
export function imagesToRender(charts: readonly ReportChart[], images: ChartImages, isKey: (chart: ReportChart) => boolean = isComparisonKeyChart): readonly ReportChart[] {
  const key = charts.filter(isKey);
  switch (images) {
    case 'all':
      return charts;
    case 'key':
      return key;
    case 'none':
      return [];
    case 'auto':
      return charts.length <= AUTO_ALL_CHARTS ? charts : key;
    default:
      return images satisfies never;
  }
}

/**
 * Writes every report file of a comparison into `outDir`: `report.json` (the comparison and
 * its chart data, the input of `stagecraft report`), `report.md` (PR comment sized),
 * `junit.xml`, the self-contained `index.html`, and chart images under `charts/`. Each file is
 * written atomically; the folder is created if needed and nothing else in it is touched. This
 * is the one place that decides which files a report has, shared by `compare`, `ab`, the demo
 * and `stagecraft report`.
 */
export async function writeReportFiles(comparison: Comparison, outDir: string, options: WriteReportOptions = {}): Promise<ReportPaths> {
  const charts = options.charts === undefined ? [] : reportCharts(comparison, options.charts);
  const document: ReportDocument = options.charts === undefined ? comparison : { ...comparison, charts: options.charts };
  const paths = {
    markdown: join(outDir, ReportFiles.markdown),
    json: join(outDir, ReportFiles.json),
    junit: join(outDir, ReportFiles.junit),
    html: join(outDir, ReportFiles.html),
  };
  await writeFileAtomic(paths.json, `${JSON.stringify(document, null, 2)}\n`);
  await writeFileAtomic(paths.markdown, renderMarkdown(comparison));
  await writeFileAtomic(paths.junit, renderJunit(comparison));
  await writeFileAtomic(paths.html, renderHtml({ comparison, charts }));
  const images = await writeCharts(imagesToRender(charts, options.images ?? 'auto'), outDir);
  return { ...paths, images };
}

/**
 * Writes the report of a comparison into `outDir` and returns the paths; the same as
 * {@link writeReportFiles}, kept under its original name for existing callers.
 */
export async function writeReport(comparison: Comparison, outDir: string, options: WriteReportOptions = {}): Promise<ReportPaths> {
  return writeReportFiles(comparison, outDir, options);
}
