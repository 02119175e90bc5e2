/** The HTML report: `renderHtml` and its input type. */
export { renderHtml, type HtmlReportInput } from './render-html.js';
export { scriptSafeJson } from './script-blocks.js';
