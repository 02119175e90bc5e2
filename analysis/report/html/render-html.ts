/**
 * The HTML report: one self-contained page (Vega, Vega-Lite and vega-embed inlined, no
 * external asset) with the overall conclusion, a navigation index, one section per service and
 * the runs, notes and method. Every text from k6 data goes through the `html` template's
 * escaping; chart specs sit in JSON script blocks no data can break out of; a
 * Content-Security-Policy allows only the page's own inline scripts (by hash).
 */
import type { ReportChart } from '../chart-data-types.js';
import type { Comparison } from '../../compare/types.js';
import { servicesInOrder } from '../markdown-services.js';
import { serviceAnchor } from './anchors.js';
import { appendix } from './appendix.js';
import type { PlacedChart } from './charts.js';
import { html } from './html.js';
import { htmlPage } from './page.js';
import { resourcesSection } from './resources-section.js';
import { serviceSection } from './service-section.js';
import { navigation, summarySection, type AnchoredService } from './summary.js';
import { VERDICT_LABEL } from './verdict.js';

/** What {@link renderHtml} draws. */
export interface HtmlReportInput {
  readonly comparison: Comparison;
  /** Charts of the report; each goes into the section of `chart.service` (report-wide when null or unknown). */
  readonly charts: readonly ReportChart[];
  /** Page heading; default "Performance comparison". */
  readonly title?: string;
}

/** Services in report order (FAIL, WARN, PASS; stable) with unique section ids. */
function anchoredServices(comparison: Comparison): AnchoredService[] {
  return servicesInOrder(comparison).map((summary, index) => ({ summary, anchor: serviceAnchor(index, summary.service) }));
}

/**
 * Renders a comparison and its charts as one self-contained HTML page (a few hundred kB of
 * inlined chart libraries plus the report). Deterministic: the same input gives the same page.
 */
export function renderHtml(input: HtmlReportInput): string {
  const { comparison } = input;
  const title = input.title ?? 'Performance comparison';
  const services = anchoredServices(comparison);
  const known = new Set(services.map((s) => s.summary.service));
  const placed: PlacedChart[] = input.charts.map((chart, index) => ({ chart, index }));
  const reportWide = placed.filter(({ chart }) => chart.service === null || !known.has(chart.service));
  const verdict = services.length === 0 ? 'Nothing compared' : VERDICT_LABEL[comparison.overall.verdict];
  return htmlPage({
    documentTitle: `${verdict}: ${title}`,
    navigation: navigation(services, comparison.overall.verdict),
    main: html`<header><h1>${title}</h1><p class="subtitle">Baseline versus candidate, per service and endpoint: what changed, by how much, how sure we are, and whether the SLOs hold.</p></header>
${summarySection(comparison, services, reportWide)}
${resourcesSection(comparison)}
${services.map(({ summary, anchor }) => serviceSection({ comparison, summary, anchor, charts: placed.filter(({ chart }) => chart.service === summary.service) }))}
${appendix(comparison)}`,
  });
}
