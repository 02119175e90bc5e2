/** Verdict badges and words of the HTML report. */
import type { Verdict } from '../../compare/types.js';
import { html, type Html } from './html.js';

/** How the report spells a verdict in headings: WARN is a pass with a warning. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  PASS: 'PASS',
  WARN: 'PASS WITH WARNING',
  FAIL: 'FAIL',
};

/** A colored badge: the short verdict (`PASS`, `WARN`, `FAIL`) or, with `long`, the heading form. */
export function verdictBadge(verdict: Verdict, options: { readonly long?: boolean } = {}): Html {
  const text = options.long === true ? VERDICT_LABEL[verdict] : verdict;
  return html`<span class="badge badge-${verdict.toLowerCase()}">${text}</span>`;
}
