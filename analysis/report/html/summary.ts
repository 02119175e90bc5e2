/**
 * The top of the page: the overall conclusion with its reasons (FAIL and WARN rows and SLOs,
 * largest changes first), the service overview, report-wide charts and the navigation index.
 */
import type { SloJudgment } from '../../compare/slo-judgments.js';
import type { Comparison, ComparisonRow, ServiceSummary, Verdict } from '../../compare/types.js';
import { SEVERITY, byImportance } from '../row-text.js';
import { SECTION_IDS } from './anchors.js';
import { chartGallery, type PlacedChart } from './charts.js';
import { html, type Html } from './html.js';
import { reasonList, type ListLimits } from './lists.js';
import { table } from './tables.js';
import { VERDICT_LABEL, verdictBadge } from './verdict.js';

/** A service with the id of its section. */
export interface AnchoredService {
  readonly summary: ServiceSummary;
  readonly anchor: string;
}

/** Reasons listed in the header, and kept in the page at all. */
export const HEADER_REASONS: ListLimits = { shown: 12, kept: 200 };

interface Reason {
  readonly verdict: Verdict;
  readonly item: Html;
}

function reasons(comparison: Comparison, anchors: ReadonlyMap<string, string>): Reason[] {
  const link = (service: string): Html => html`<a href="#${anchors.get(service) ?? SECTION_IDS.summary}">${service}</a>`;
  const slo = (judgment: SloJudgment): Reason => ({ verdict: judgment.verdict, item: html`${link(judgment.service)}: ${judgment.message}` });
  const row = (r: ComparisonRow): Reason => ({
    verdict: r.verdict,
    item: html`${link(r.service)} › <span class="endpoint-name">${r.endpoint}</span> · ${r.metric}: ${r.message}`,
  });
  const all = [
    ...comparison.slos.filter((j) => j.verdict !== 'PASS').map(slo),
    ...comparison.rows.filter((r) => r.verdict !== 'PASS').sort(byImportance).map(row),
  ];
  // Stable: within a verdict, SLOs first, then rows by size of change.
  return all.sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);
}

function overview(services: readonly AnchoredService[]): Html {
  const rows = services.map(
    ({ summary, anchor }) =>
      html`<tr class="row-${summary.verdict.toLowerCase()}"><td><a href="#${anchor}">${summary.service}</a></td><td>${verdictBadge(summary.verdict)}</td><td class="num">${summary.endpoints.length}</td><td class="num">${summary.counts.FAIL}</td><td class="num">${summary.counts.WARN}</td><td class="num">${summary.counts.PASS}</td><td><code>${summary.reason}</code></td></tr>`,
  );
  return table('overview', [['Service', 'text'], ['Verdict', 'text'], ['Endpoints', 'num'], ['FAIL', 'num'], ['WARN', 'num'], ['PASS', 'num'], ['Reason', 'text']], html`<tbody>${rows}</tbody>`);
}

/** The summary section; with no services it says plainly that nothing was compared. */
export function summarySection(comparison: Comparison, services: readonly AnchoredService[], charts: readonly PlacedChart[]): Html {
  const { overall } = comparison;
  const anchors = new Map(services.map((s) => [s.summary.service, s.anchor]));
  const verdictClass = `verdict-${overall.verdict.toLowerCase()}`;
  if (services.length === 0) {
    return html`<section id="${SECTION_IDS.summary}" class="summary"><div class="banner ${verdictClass}"><p class="banner-title">Nothing was compared</p><p>${overall.message}</p><p>No service has request samples on either side, so there is no latency, throughput or error rate to compare. Check that the runs below contain requests in their steady window, and read the notes.</p></div>${chartGallery(charts, 'wide')}</section>`;
  }
  const flagged = reasons(comparison, anchors);
  const inconclusive = overall.inconclusive ? html`<p class="inconclusive">Some rows are inconclusive: more runs are needed to decide them.</p>` : null;
  return html`<section id="${SECTION_IDS.summary}" class="summary">
<div class="banner ${verdictClass}"><p class="banner-title">${verdictBadge(overall.verdict, { long: true })} <code>${overall.reason}</code></p><p>${overall.message}</p>${inconclusive}</div>
${flagged.length === 0 ? null : html`<h2>Reasons</h2>${reasonList(flagged.map((reason) => html`${verdictBadge(reason.verdict)} ${reason.item}`), HEADER_REASONS)}`}
<h2>Services</h2>${overview(services)}
${charts.length === 0 ? null : html`<h2>Overview charts</h2>${chartGallery(charts, 'wide')}`}
</section>`;
}

/** The navigation index: summary, each service with its verdict badge, and the appendix. */
export function navigation(services: readonly AnchoredService[], verdict: Verdict): Html {
  const items = services.map(
    ({ summary, anchor }) => html`<li><a href="#${anchor}" title="${summary.service}">${verdictBadge(summary.verdict)} <span class="nav-name">${summary.service}</span></a></li>`,
  );
  return html`<nav class="index" aria-label="Report sections"><p class="nav-title">Contents</p><ul><li><a href="#${SECTION_IDS.summary}">${verdictBadge(verdict)} <span class="nav-name">Summary</span></a></li></ul>${
    items.length === 0 ? null : html`<p class="nav-title">Services (${items.length})</p><ul class="nav-services">${items}</ul>`
  }<ul><li><a href="#${SECTION_IDS.runs}">Runs</a></li><li><a href="#${SECTION_IDS.notes}">Notes</a></li><li><a href="#${SECTION_IDS.method}">How to read this</a></li></ul><p class="nav-hint">${VERDICT_LABEL.WARN} = WARN</p></nav>`;
}
