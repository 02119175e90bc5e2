/**
 * A tiny safe-HTML builder. Markup only comes from the literal parts of {@link html} templates
 * (written by us); every interpolated string or number is escaped with `escapeHtml` (the
 * report's one HTML escape, `../escape.js`) unless it is already an {@link Html} fragment. So
 * text from k6 data (service and endpoint names, messages, run ids) can never become markup,
 * in element content or in quoted attribute values alike.
 */
import { escapeHtml } from '../escape.js';

/** A fragment of markup that is safe to insert as is. Only {@link html} and {@link trustedHtml} make one. */
export class Html {
  readonly #markup: string;

  private constructor(markup: string) {
    this.#markup = markup;
  }

  /** @internal Use {@link html} or {@link trustedHtml}. */
  static fromTrusted(markup: string): Html {
    return new Html(markup);
  }

  /** The markup. */
  toString(): string {
    return this.#markup;
  }
}

/** What an {@link html} template accepts: fragments, text (escaped), numbers, nothing, or lists of these. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.toString();
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  return value.map(render).join('');
}

/**
 * Tagged template for markup: `html\`<td title="${message}">${name}</td>\``. Literal parts are
 * markup; values are escaped (strings, numbers), inserted (Html), dropped (null, undefined,
 * false) or concatenated (arrays). Attribute values must be quoted in the literal.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return Html.fromTrusted(markup);
}

/**
 * Markup written by us that does not come from a template (a stylesheet, an inlined library).
 * Never pass text that contains data.
 */
export function trustedHtml(markup: string): Html {
  return Html.fromTrusted(markup);
}
