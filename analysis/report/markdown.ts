import type { Comparison } from '../compare/types.js';
import { RowLines, serviceRows, serviceSections, type ServiceLayout } from './markdown-services.js';
import {
  effectSizeSection,
  footerSection,
  headSection,
  inconclusiveSection,
  methodSection,
  notesSection,
  runsSection,
  sloSection,
  topChangesSection,
} from './markdown-sections.js';
import { resourcesSection } from './markdown-resources.js';
import { rowsByService } from './row-text.js';

/**
 * Hidden first line of every `report.md`. A CI job finds the PR comment it posted earlier by
 * this marker and updates it instead of adding another (see docs/ci/github-actions.yml).
 */
export const REPORT_MARKER = '<!-- stagecraft-report -->';

/** Longest `report.md` by default: below GitHub's 65,536-character limit for a PR comment. */
export const MARKDOWN_MAX_CHARS = 65_000;

/** Important rows per service still shown outside `<details>` when the full report is too long. */
export const COLLAPSED_VISIBLE_ROWS = 10;

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Upper bound of the result's length (UTF-16 code units). Default {@link MARKDOWN_MAX_CHARS}. */
  readonly maxChars?: number;
}

interface Layout extends ServiceLayout {
  /** Rows of the (collapsed) effect-size table. */
  readonly effectRows: number;
  /** Whether rows were left out, so the head says so. */
  readonly shortened: boolean;
}

const FULL: Layout = { visibleRows: Infinity, collapsedRows: Infinity, effectRows: Infinity, shortened: false };

/** Largest k in [low, high] with `fits(k)`, assuming `fits` turns false once and stays so; null if none. */
function largestFitting(low: number, high: number, fits: (k: number) => boolean): number | null {
  if (!fits(low)) return null;
  let [good, bad] = [low, high + 1];
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (fits(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

/**
 * Last resort for pathological input (say, thousands of services): keeps whole lines up to the
 * limit, closes any `<details>` left open and says where the rest is.
 */
function hardTruncate(text: string, maxChars: number): string {
  const tail = '\n… the rest of this report is in report.json / index.html\n';
  let limit = maxChars - tail.length;
  for (;;) {
    const kept = text.slice(0, Math.max(0, text.lastIndexOf('\n', limit)));
    const open = Math.max(0, (kept.match(/<details>/g)?.length ?? 0) - (kept.match(/<\/details>/g)?.length ?? 0));
    const result = `${kept}\n${'\n</details>\n'.repeat(open)}${tail}`;
    if (result.length <= maxChars || kept.length === 0) return result.slice(0, maxChars);
    limit -= result.length - maxChars;
  }
}

/**
 * Renders a comparison as GitHub-flavoured Markdown for a PR comment or a step summary:
 * the hidden {@link REPORT_MARKER}, the verdict, the top changes (arrows, % with CIs), what is
 * inconclusive and how many runs per side would settle it, one section per service (important
 * rows in a table, the rest in `<details>`), the SLOs, then effect sizes, runs, notes and the
 * method, collapsed. Every value that comes from k6 data is escaped.
 *
 * The result never exceeds `maxChars`: when the full report would, more rows are collapsed,
 * then the collapsed tails are cut at whole rows with "… N more rows in report.json / index.html".
 */
export function renderMarkdown(comparison: Comparison, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const lines = new RowLines();
  const services = serviceRows(comparison, rowsByService(comparison));
  // Everything but the service sections and the effect sizes is the same in every layout.
  const before = [...topChangesSection(comparison), ...inconclusiveSection(comparison), ...resourcesSection(comparison)];
  const between = sloSection(comparison);
  const after = [...runsSection(comparison), ...notesSection(comparison), ...methodSection(comparison), ...footerSection(comparison)];
  const render = (layout: Layout): string => [
    ...headSection(comparison, REPORT_MARKER, layout.shortened ? maxChars : null),
    ...before,
    ...serviceSections(services, layout, lines),
    ...between,
    ...effectSizeSection(comparison, layout.effectRows),
    ...after,
  ].join('\n');
  const fits = (layout: Layout): string | null => {
    const text = render(layout);
    return text.length <= maxChars ? text : null;
  };

  const full = fits(FULL) ?? fits({ ...FULL, visibleRows: COLLAPSED_VISIBLE_ROWS });
  if (full !== null) return full;
  const collapsed: Layout = { ...FULL, visibleRows: COLLAPSED_VISIBLE_ROWS, shortened: true };
  const effects = largestFitting(0, comparison.effectSizes.length, (k) => fits({ ...collapsed, effectRows: k }) !== null);
  if (effects !== null) return render({ ...collapsed, effectRows: effects });
  const noEffects: Layout = { ...collapsed, effectRows: 0 };
  const rows = largestFitting(0, comparison.rows.length, (k) => fits({ ...noEffects, collapsedRows: k }) !== null);
  if (rows !== null) return render({ ...noEffects, collapsedRows: rows });
  const visible = largestFitting(0, COLLAPSED_VISIBLE_ROWS, (k) => fits({ ...noEffects, collapsedRows: 0, visibleRows: k }) !== null);
  if (visible !== null) return render({ ...noEffects, collapsedRows: 0, visibleRows: visible });
  return hardTruncate(render({ ...noEffects, collapsedRows: 0, visibleRows: 0 }), maxChars);
}
