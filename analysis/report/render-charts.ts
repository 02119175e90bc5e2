import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View, type LoggerInterface, type Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../../core/atomic-write.js';
import type { ReportChart } from './chart-data-types.js';

/**
 * Headless rendering of the report's charts with Vega's own SVG renderer (no browser), and PNG
 * from that SVG with resvg.
 */

/** Width of the PNG files, px (the SVG is scaled to it). */
export const PNG_WIDTH = 1000;

/** Vega-Lite's messages while compiling a chart, kept apart so they never reach the console. */
export interface CompileMessages {
  readonly warnings: readonly string[];
}

/** A logger for `compile` that collects warnings instead of printing them and throws on errors. */
class CollectingLogger implements LoggerInterface {
  constructor(private readonly warnings: string[]) {}
  level(): number {
    return 2;
  }
  error(...args: unknown[]): this {
    throw new Error(`vega-lite: ${args.map(String).join(' ')}`);
  }
  warn(...args: unknown[]): this {
    this.warnings.push(args.map(String).join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/** Compiles a chart's Vega-Lite spec to a Vega spec, with the compiler's warnings. */
export function compileChart(chart: ReportChart): { vega: Spec; messages: CompileMessages } {
  const warnings: string[] = [];
  const { spec } = compile(chart.spec as unknown as TopLevelSpec, { logger: new CollectingLogger(warnings) });
  return { vega: spec, messages: { warnings } };
}

/**
 * Renders a chart to SVG headlessly: Vega-Lite `compile` → `vega.parse` → a `View` with no
 * renderer → `toSVG()`. Text is measured by Vega's estimate (no canvas), so labels may sit a
 * few px off compared with a browser.
 *
 * @throws Error when the spec does not compile or Vega fails to run it
 */
export async function renderChartSvg(chart: ReportChart): Promise<string> {
  const { vega } = compileChart(chart);
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterizes an SVG (from {@link renderChartSvg}) to PNG with resvg: scaled to `width` px
 * (default {@link PNG_WIDTH}), white background, system fonts (`sans-serif` falls back to
 * DejaVu Sans / Liberation Sans when installed).
 */
export function renderChartPng(svg: string, width = PNG_WIDTH): Uint8Array {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans', defaultFontFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * Writes `charts/<id>.svg` and `charts/<id>.png` for every chart under `outDir`, each file
 * atomically (temporary file + rename), creating the folder. Other files in it are left alone.
 *
 * @returns the paths written, in chart order (SVG then PNG of each chart)
 */
export async function writeCharts(charts: readonly ReportChart[], outDir: string): Promise<string[]> {
  const folder = join(outDir, 'charts');
  const written: string[] = [];
  for (const chart of charts) {
    const svg = await renderChartSvg(chart);
    const svgPath = join(folder, `${chart.id}.svg`);
    const pngPath = join(folder, `${chart.id}.png`);
    await writeFileAtomic(svgPath, svg);
    await writeFileAtomic(pngPath, renderChartPng(svg));
    written.push(svgPath, pngPath);
  }
  return written;
}
