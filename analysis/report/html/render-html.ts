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
import { BOOTSTRAP_SOURCE } from './bootstrap.js';
import type { PlacedChart } from './charts.js';
import { html, trustedHtml } from './html.js';
import { inlineScript, type InlineScript } from './script-blocks.js';
import { serviceSection } from './service-section.js';
import { STYLESHEET } from './styles.js';
import { navigation, summarySection, type AnchoredService } from './summary.js';
import { VERDICT_LABEL } from './verdict.js';
import { vegaAssets } from './vega-assets.js';

/** What {@link renderHtml} draws. */
export interface HtmlReportInput {
  readonly comparison: Comparison;
  /** Charts of the report; each goes into the section of `chart.service` (report-wide when null or unknown). */
  readonly charts: readonly ReportChart[];
  /** Page heading; default "Performance comparison". */
  readonly title?: string;
}

let libraries: readonly InlineScript[] | undefined;

/** The inlined libraries, wrapped and hashed once per process. */
function libraryScripts(): readonly InlineScript[] {
  if (libraries === undefined) {
    const assets = vegaAssets();
    libraries = [inlineScript(assets.vega), inlineScript(assets.vegaLite), inlineScript(assets.vegaEmbed)];
  }
  return libraries;
}

/**
 * Policy of the page: scripts only by hash (plus `unsafe-eval`, which Vega's expression
 * compiler needs), inline styles (vega-embed adds its own), nothing loaded from anywhere.
 */
function contentSecurityPolicy(scripts: readonly InlineScript[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map((script) => script.cspHash).join(' ')} 'unsafe-eval'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
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
  const scripts = [...libraryScripts(), inlineScript(BOOTSTRAP_SOURCE)];
  const verdict = services.length === 0 ? 'Nothing compared' : VERDICT_LABEL[comparison.overall.verdict];
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stagecraft">
<title>${verdict}: ${title}</title>
<style>${trustedHtml(STYLESHEET)}</style>
</head>
<body>
<div class="layout">
${navigation(services, comparison.overall.verdict)}
<main>
<header><h1>${title}</h1><p class="subtitle">Baseline versus candidate, per service and endpoint: what changed, by how much, how sure we are, and whether the SLOs hold.</p></header>
${summarySection(comparison, services, reportWide)}
${services.map(({ summary, anchor }) => serviceSection({ comparison, summary, anchor, charts: placed.filter(({ chart }) => chart.service === summary.service) }))}
${appendix(comparison)}
</main>
</div>
${scripts.map((script) => script.element)}
</body>
</html>
`;
  return page.toString();
}
