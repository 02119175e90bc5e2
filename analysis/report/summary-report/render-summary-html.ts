/**
 * The summary report's page: statistics of one or more runs (no comparison), one section per
 * service with a table of its endpoints per run and their charts, a navigation index, the
 * report-wide load chart, the thresholds (for runs split across k6 instances: judged over all
 * of them, with a banner when one is incomplete) and the runs with their data-quality flags. Built from the comparison
 * page's blocks (page shell, safe `html` templates, tables, chart gallery), so the same
 * escaping and Content-Security-Policy apply.
 */
import { formatDuration } from '../../../core/duration.js';
import type { Summary, SummaryRun } from '../../summarize/types.js';
import type { ReportChart } from '../chart-data-types.js';
import { SECTION_IDS, serviceAnchor } from '../html/anchors.js';
import { chartGallery, orderCharts, type PlacedChart } from '../html/charts.js';
import { html, type Html } from '../html/html.js';
import { htmlPage } from '../html/page.js';
import { table, type Column } from '../html/tables.js';
import { ROW_COLUMNS, rowCells, type EndpointRows, type ServiceRows } from './endpoint-rows.js';
import { THRESHOLDS_ID, incompleteBanners, thresholdsSection } from './thresholds-html.js';

/** What {@link renderSummaryHtml} draws. */
export interface SummaryHtmlInput {
  readonly summary: Summary;
  /** Per-endpoint statistics (from `serviceRows`). */
  readonly services: readonly ServiceRows[];
  /** Charts; each goes into the section of `chart.service` (the overview when null or unknown). */
  readonly charts: readonly ReportChart[];
  /** Page heading; default "Run summary". */
  readonly title?: string;
}

const COLUMNS: readonly Column[] = ROW_COLUMNS.map(([label, numeric]) => [label, numeric ? 'num' : 'text'] as const);

function endpointBody({ endpoint, runs }: EndpointRows): Html {
  const rows = runs.map((row) => html`<tr>${rowCells(row).map((cell, i) => (ROW_COLUMNS[i]?.[1] === true ? html`<td class="num">${cell}</td>` : html`<td class="metric">${cell}</td>`))}</tr>`);
  return html`<tbody><tr class="endpoint-head"><th colspan="${COLUMNS.length}" scope="rowgroup"><span class="endpoint-name">${endpoint}</span></th></tr>${rows}</tbody>`;
}

function serviceSection(rows: ServiceRows, anchor: string, charts: readonly PlacedChart[]): Html {
  const gallery = chartGallery(orderCharts(charts, rows.endpoints.map((e) => e.endpoint)));
  return html`<section class="service" id="${anchor}">
<h2><span class="service-name">${rows.service}</span></h2>
<p class="counts">${rows.endpoints.length} endpoint(s)</p>
<p class="hint">Requests in each run's analysed window (warm-up and ramp-down trimmed); latency of every request as k6 records it (successful and failed), errors = share of failed requests.</p>
${table('metrics summary', COLUMNS, rows.endpoints.map(endpointBody))}
${gallery === null ? null : html`<h3>Charts</h3>${gallery}`}
</section>`;
}

function windowText(run: SummaryRun): string {
  return run.window === null ? 'no samples' : formatDuration(run.window.durationMs);
}

function runsSection(summary: Summary): Html {
  const head: Column[] = [['Run', 'text'], ['Label', 'text'], ['Source', 'text'], ['Analysed window', 'num'], ['Samples', 'num'], ['k6 outcome', 'text'], ['Data quality', 'text']];
  const rows = summary.runs.map((run) => {
    const flags = run.quality.flags.length === 0 ? html`<span class="muted">no flags</span>` : html`<ul class="reasons">${run.quality.flags.map((flag) => html`<li><code>${flag.code}</code> ${flag.message}</li>`)}</ul>`;
    return html`<tr><td>${run.id}</td><td>${run.label ?? '—'}</td><td>${run.source}</td><td class="num">${windowText(run)}</td><td class="num">${run.quality.points}</td><td>${run.k6.outcome ?? '—'}</td><td>${flags}</td></tr>`;
  });
  const { trim } = summary;
  return html`<section id="${SECTION_IDS.runs}" class="appendix"><h2>Runs</h2>
<p class="hint">Trimmed from every run: warm-up ${formatDuration(trim.startMs)} (${trim.startFrom}), ramp-down ${formatDuration(trim.endMs)} (${trim.endFrom}). Grouping of summary.json: ${summary.groupBy.join(', ') || 'none'}.</p>
${table('runs', head, html`<tbody>${rows}</tbody>`)}</section>`;
}

function navigation(services: readonly { readonly service: string; readonly anchor: string }[], thresholds: boolean): Html {
  const items = services.map(({ service, anchor }) => html`<li><a href="#${anchor}" title="${service}"><span class="nav-name">${service}</span></a></li>`);
  const thresholdsItem = thresholds ? html`<li><a href="#${THRESHOLDS_ID}"><span class="nav-name">Thresholds</span></a></li>` : null;
  return html`<nav class="index" aria-label="Report sections"><p class="nav-title">Contents</p><ul><li><a href="#${SECTION_IDS.summary}"><span class="nav-name">Overview</span></a></li>${thresholdsItem}</ul>${
    items.length === 0 ? null : html`<p class="nav-title">Services (${items.length})</p><ul class="nav-services">${items}</ul>`
  }<ul><li><a href="#${SECTION_IDS.runs}">Runs</a></li></ul></nav>`;
}

function overview(services: readonly ServiceRows[], anchors: readonly string[], charts: readonly PlacedChart[]): Html {
  const rows = services.map((s, i) => {
    const requests = s.endpoints.reduce((total, e) => total + e.runs.reduce((sum, run) => sum + run.requests, 0), 0);
    return html`<tr><td><a href="#${anchors[i] ?? SECTION_IDS.summary}">${s.service}</a></td><td class="num">${s.endpoints.length}</td><td class="num">${requests}</td></tr>`;
  });
  const empty = services.length === 0 ? html`<p class="muted">No request samples in the analysed windows: there are no services to show. Read the runs' data-quality flags below.</p>` : null;
  return html`<section id="${SECTION_IDS.summary}" class="summary">
<h2>Services</h2>${empty ?? table('overview', [['Service', 'text'], ['Endpoints', 'num'], ['Requests (all runs)', 'num']], html`<tbody>${rows}</tbody>`)}
${charts.length === 0 ? null : html`<h2>Overview charts</h2>${chartGallery(charts, 'wide')}`}
</section>`;
}

/**
 * Renders the summary of some runs as one self-contained HTML page. Deterministic: the same
 * input gives the same page. Every text from k6 data is escaped by the `html` template.
 */
export function renderSummaryHtml(input: SummaryHtmlInput): string {
  const { summary, services } = input;
  const title = input.title ?? 'Run summary';
  const anchors = services.map((s, i) => serviceAnchor(i, s.service));
  const known = new Set(services.map((s) => s.service));
  const placed: PlacedChart[] = input.charts.map((chart, index) => ({ chart, index }));
  const wide = placed.filter(({ chart }) => chart.service === null || !known.has(chart.service));
  const thresholds = thresholdsSection(summary);
  return htmlPage({
    documentTitle: title,
    navigation: navigation(services.map((s, i) => ({ service: s.service, anchor: anchors[i] ?? '' })), thresholds !== null),
    main: html`<header><h1>${title}</h1><p class="subtitle">Statistics of ${summary.runs.length} run(s) per service and endpoint: requests, errors, throughput and latency, each run on its own (no comparison).</p></header>
${incompleteBanners(summary)}
${overview(services, anchors, wide)}
${thresholds}
${services.map((s, i) => serviceSection(s, anchors[i] ?? '', placed.filter(({ chart }) => chart.service === s.service)))}
${runsSection(summary)}`,
  });
}
