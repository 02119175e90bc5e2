/** Long lists that stay readable and small: the first items shown, more collapsed, the rest counted. */
import { html, type Html } from './html.js';

/** How many items a {@link reasonList} shows, and how many it keeps at all. */
export interface ListLimits {
  readonly shown: number;
  /** Items kept in the page (shown + collapsed); the rest are only counted. */
  readonly kept: number;
}

/**
 * A `<ul class="reasons">` of the first `limits.shown` items, the next ones in a collapsed
 * `<details>`, and a count of those beyond `limits.kept` ("… N more in report.json").
 */
export function reasonList(items: readonly Html[], limits: ListLimits): Html {
  const li = (item: Html): Html => html`<li>${item}</li>`;
  const more = items.slice(limits.shown, limits.kept);
  const dropped = items.length - Math.min(items.length, limits.kept);
  const tail = dropped === 0 ? null : html`<p class="muted">… ${dropped} more in report.json.</p>`;
  const collapsed = more.length === 0 ? null : html`<details class="more"><summary>${more.length} more reason(s)</summary><ul class="reasons">${more.map(li)}</ul>${tail}</details>`;
  return html`<ul class="reasons">${items.slice(0, limits.shown).map(li)}</ul>${collapsed ?? tail}`;
}
