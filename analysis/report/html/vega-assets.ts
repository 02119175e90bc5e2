/**
 * The minified browser builds of Vega, Vega-Lite and vega-embed, read from node_modules once
 * per process and inlined into every HTML report so that it works offline (no CDN).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The three libraries' UMD builds, in load order (vega-embed needs the globals of the other two). */
export interface VegaAssets {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

const require = createRequire(import.meta.url);

/**
 * Path of a package's minified UMD build. The packages' `exports` hide `build/*.min.js`, so
 * the file is found next to the package's main entry, which lives in `build/` for all three.
 */
function minifiedBuild(pkg: 'vega' | 'vega-lite' | 'vega-embed'): string {
  return join(dirname(require.resolve(pkg)), `${pkg}.min.js`);
}

let cached: VegaAssets | undefined;

/** The libraries' source text (read on first use, then cached). */
export function vegaAssets(): VegaAssets {
  cached ??= {
    vega: readFileSync(minifiedBuild('vega'), 'utf8'),
    vegaLite: readFileSync(minifiedBuild('vega-lite'), 'utf8'),
    vegaEmbed: readFileSync(minifiedBuild('vega-embed'), 'utf8'),
  };
  return cached;
}
