/** Markdown building blocks of `report.md`: table rows, collapsible blocks, safe k6 text. */
import { escapeHtml, escapeMarkdown, showControls } from './escape.js';

/** Longest k6-derived name (service, endpoint, run id) shown in full; longer ones end in "…". */
export const MAX_NAME_LENGTH = 200;

/** Cuts text to `max` characters (code points, so no surrogate pair is split), ending in "…". */
export function shorten(text: string, max = MAX_NAME_LENGTH): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** Longest message (a row's or the comparison's sentence) shown in full. */
export const MAX_MESSAGE_LENGTH = 2000;

/** k6-derived text for a table cell, heading or list item: shortened to `max`, then escaped. */
export function md(text: string, max = MAX_NAME_LENGTH): string {
  return escapeMarkdown(showControls(shorten(text, max)));
}

/** k6-derived text for raw HTML (a `<summary>`), where Markdown is not parsed. */
export function html(text: string): string {
  return escapeHtml(showControls(shorten(text)).replace(/\s+/g, ' '));
}

/** One table row. Cells must already be escaped. */
export function cells(values: readonly string[]): string {
  return `| ${values.join(' | ')} |`;
}

/** Column alignments of a table header. */
export type Align = 'left' | 'right';

/** Header and delimiter rows of a table. */
export function tableHead(columns: readonly (readonly [string, Align])[]): string[] {
  return [cells(columns.map(([name]) => name)), cells(columns.map(([, align]) => (align === 'right' ? '---:' : '---')))];
}

/**
 * A collapsed block. The blank lines after `<summary>` and before `</details>` make GitHub
 * render the Markdown inside. `summary` is HTML (escape with {@link html}).
 */
export function details(summary: string, body: readonly string[]): string[] {
  return [`<details><summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

/** The line that ends a table cut short. */
export function moreLine(count: number, what: string): string {
  return `… ${count} more ${what} in report.json / index.html`;
}

/** Emoji of a verdict in headings. */
export const VERDICT_ICON: Readonly<Record<'PASS' | 'WARN' | 'FAIL', string>> = { FAIL: '❌', WARN: '⚠️', PASS: '✅' };

/** Verdict cell: bold unless PASS, with the reason code. */
export function verdictCell(verdict: 'PASS' | 'WARN' | 'FAIL', reason: string): string {
  return `${verdict === 'PASS' ? verdict : `**${verdict}**`} ${reason}`;
}
