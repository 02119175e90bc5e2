/**
 * Rich output for the Deno Jupyter kernel: objects with a `Symbol.for('Jupyter.display')`
 * method are shown as their MIME bundle. Vega-Lite charts go out as
 * `application/vnd.vegalite.v5+json` (what JupyterLab and VS Code render) with a PNG drawn by
 * the report's own renderer (Vega, resvg) for front-ends that do not: nbconvert's HTML, whose
 * sanitizer empties inline SVG, and GitHub.
 */
import type { ReportChart } from '../../analysis/index.js';
import { renderChartPng, renderChartSvg } from '../../analysis/report/render-charts.js';

/** A value the Deno kernel displays as the given MIME bundle. */
export interface Displayable {
  [key: symbol]: () => Record<string, unknown>;
}

const DISPLAY = Symbol.for('Jupyter.display');

function displayable(bundle: Record<string, unknown>): Displayable {
  return { [DISPLAY]: () => bundle };
}

/** Markdown text as a cell output. */
export function md(text: string): Displayable {
  return displayable({ 'text/markdown': text, 'text/plain': text });
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return shown.replace(/\|/g, '\\|');
}

/** A Markdown table of rows (objects with the same keys); `columns` picks and orders them. */
export function table(rows: readonly Readonly<Record<string, unknown>>[], columns?: readonly string[]): Displayable {
  const keys = columns ?? Object.keys(rows[0] ?? {});
  const lines = [`| ${keys.join(' | ')} |`, `| ${keys.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${keys.map((key) => cell(row[key])).join(' | ')} |`)];
  return md(lines.join('\n'));
}

/** The text of a Vega-Lite title (a string or `{ text }`). */
function titleOf(title: unknown): string {
  if (typeof title === 'string') return title;
  if (typeof title === 'object' && title !== null && 'text' in title && typeof title.text === 'string') return title.text;
  return 'chart';
}

/**
 * A Vega-Lite chart: the spec under the v5 MIME type (our specs use no v6-only features) and a
 * PNG fallback. Accepts a report chart or a bare spec with a title.
 */
export async function vegaLite(chart: ReportChart | Readonly<Record<string, unknown>>): Promise<Displayable> {
  const report: ReportChart = 'spec' in chart && 'id' in chart ? (chart as ReportChart) : { id: 'chart', title: titleOf(chart['title']), service: null, endpoint: null, spec: chart };
  const spec = { ...report.spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' };
  const png = Buffer.from(renderChartPng(await renderChartSvg(report), 900)).toString('base64');
  return displayable({ 'application/vnd.vegalite.v5+json': spec, 'image/png': png, 'text/plain': report.title });
}

/** The Deno kernel's display function, when running inside it. */
interface DenoJupyter {
  readonly jupyter?: { display(value: unknown, options?: { raw?: boolean }): Promise<void> | void };
}

/**
 * Shows each item as its own output now (a cell displays only its last value otherwise).
 * Outside the Deno kernel (e.g. in a test under Node) it does nothing.
 */
export async function show(...items: readonly (Displayable | Promise<Displayable>)[]): Promise<void> {
  const deno = (globalThis as { Deno?: DenoJupyter }).Deno;
  for (const item of items) {
    const bundle = (await item)[DISPLAY]?.();
    if (bundle !== undefined) await deno?.jupyter?.display(bundle, { raw: true });
  }
}
