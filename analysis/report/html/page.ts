/**
 * The shell every HTML page of the report shares: doctype, Content-Security-Policy, the
 * stylesheet, a navigation column next to the main content, and the inlined chart libraries
 * with the bootstrap script that draws the charts. Pages fill in the title, navigation and main.
 */
import { BOOTSTRAP_SOURCE } from './bootstrap.js';
import { html, trustedHtml, type Html } from './html.js';
import { inlineScript, type InlineScript } from './script-blocks.js';
import { STYLESHEET } from './styles.js';
import { vegaAssets } from './vega-assets.js';

let libraries: readonly InlineScript[] | undefined;

/** The inlined libraries, wrapped and hashed once per process. */
function libraryScripts(): readonly InlineScript[] {
  if (libraries === undefined) {
    const assets = vegaAssets();
    libraries = [inlineScript(assets.vega), inlineScript(assets.vegaLite), inlineScript(assets.vegaEmbed)];
  }
  return libraries;
}

/**
 * Policy of the page: scripts only by hash (plus `unsafe-eval`, which Vega's expression
 * compiler needs), inline styles (vega-embed adds its own), nothing loaded from anywhere.
 */
function contentSecurityPolicy(scripts: readonly InlineScript[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map((script) => script.cspHash).join(' ')} 'unsafe-eval'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** What {@link htmlPage} puts into the shell. */
export interface HtmlPageParts {
  /** The document title (the browser tab), as text. */
  readonly documentTitle: string;
  /** The navigation index (a `<nav class="index">`). */
  readonly navigation: Html;
  /** The content of `<main>`. */
  readonly main: Html;
}

/** One self-contained page: the shell around `parts`, with every chart library inlined. */
export function htmlPage(parts: HtmlPageParts): string {
  const scripts = [...libraryScripts(), inlineScript(BOOTSTRAP_SOURCE)];
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stagecraft">
<title>${parts.documentTitle}</title>
<style>${trustedHtml(STYLESHEET)}</style>
</head>
<body>
<div class="layout">
${parts.navigation}
<main>
${parts.main}
</main>
</div>
${scripts.map((script) => script.element)}
</body>
</html>
`;
  return page.toString();
}
