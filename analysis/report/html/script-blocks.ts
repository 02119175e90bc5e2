/**
 * `<script>` blocks of the HTML page: JSON data blocks that no data can break out of, and
 * inline code blocks with the hashes the page's Content-Security-Policy allows.
 */
import { createHash } from 'node:crypto';
import { html, trustedHtml, type Html } from './html.js';

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX`
 * escapes (they can only occur inside JSON strings, where the escape means the same), so no
 * value can close the element or open a comment. `JSON.parse` gives back the original value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => JSON_ESCAPES[char] ?? char);
}

/** A `<script type="application/json">` block holding `value`, found by its `id`. */
export function jsonScript(id: string, value: unknown): Html {
  return html`<script type="application/json" id="${id}">${trustedHtml(scriptSafeJson(value))}</script>`;
}

/**
 * JavaScript source that is safe between `<script>` tags: every `</script` (any case) and
 * `<!--` becomes `<\/script` / `<\!--`, which mean the same inside the string and regex
 * literals where a minified library can contain them.
 */
export function scriptSafeSource(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** An inline `<script>` with code written or vetted by us, and its CSP source expression. */
export interface InlineScript {
  readonly element: Html;
  /** `'sha256-…'` of the element's text, for the `script-src` directive. */
  readonly cspHash: string;
}

/** Wraps trusted JavaScript source in a `<script>` element and hashes it for the CSP. */
export function inlineScript(source: string): InlineScript {
  const text = scriptSafeSource(source);
  const digest = createHash('sha256').update(text, 'utf8').digest('base64');
  return { element: trustedHtml(`<script>${text}</script>`), cspHash: `'sha256-${digest}'` };
}
