/**
 * Escapes text that comes from k6 data (tag values such as service and endpoint names) for a
 * Markdown table cell or heading: line breaks become spaces, `|` cannot split the cell, and
 * backticks, emphasis, links and HTML (`<script>`) render as literal text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[`*_[\]#]/g, (match) => `\\${match}`);
}

/**
 * Escapes text for HTML element content or a double-quoted attribute (`&`, `<`, `>`, `"`, `'`).
 * Use it where Markdown is not parsed, such as inside `<summary>`: there `escapeMarkdown`'s
 * backslashes would show literally.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (match) => HTML_ENTITIES[match] ?? match);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Control characters (C0 but tab, LF, CR; DEL and C1, which terminals act on), the two
// non-characters U+FFFE/U+FFFF, and unpaired surrogates, which no encoder can write.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes control characters visible as `\uXXXX` (an ANSI escape in a tag value must not reach a
 * terminal or a report as a live control sequence). Tab and line breaks are kept.
 */
export function showControls(text: string): string {
  return text.replace(INVISIBLE, (match) => `\\u${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/**
 * Escapes text for XML 1.0 element content or a double-quoted attribute value. Characters XML
 * cannot carry (control characters, unpaired surrogates) become a visible `\uXXXX` (see
 * {@link showControls}); in an attribute, tab and line breaks become character references so
 * that they survive attribute value normalisation.
 */
export function escapeXml(text: string, where: 'content' | 'attribute' = 'content'): string {
  const safe = escapeHtml(showControls(text));
  return where === 'attribute' ? safe.replace(/[\t\n\r]/g, (match) => `&#${match.charCodeAt(0)};`) : safe.replace(/\r/g, '&#13;');
}
