/** The page's stylesheet: system fonts, no external assets, responsive, printable. */
export const STYLESHEET = `
:root {
  color-scheme: light;
  --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --link: #0969da;
  --pass: #1a7f37; --pass-bg: #dafbe1; --warn: #7d4e00; --warn-bg: #fff1c2; --fail: #b91c1c; --fail-bg: #ffe4e1;
}
* { box-sizing: border-box; }
html { scroll-behavior: auto; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: #fff; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; background: var(--soft); padding: 0.05em 0.3em; border-radius: 4px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
.layout { display: grid; grid-template-columns: 232px minmax(0, 1fr); min-height: 100vh; }
.index { position: sticky; top: 0; align-self: start; height: 100vh; overflow-y: auto; padding: 20px 14px; border-right: 1px solid var(--line); background: var(--soft); font-size: 14px; }
.index ul { list-style: none; margin: 0 0 14px; padding: 0; }
.index li a { display: flex; align-items: center; gap: 8px; padding: 4px 6px; border-radius: 6px; color: var(--text); }
.index li a:hover { background: #eaeef2; text-decoration: none; }
.index .badge { min-width: 46px; text-align: center; }
.nav-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.nav-title { margin: 0 0 6px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.nav-hint { font-size: 12px; color: var(--muted); }
main { padding: 24px 28px 64px; max-width: 1320px; min-width: 0; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header .subtitle { margin: 0 0 20px; color: var(--muted); }
h2 { font-size: 20px; margin: 28px 0 10px; }
h3 { font-size: 16px; margin: 22px 0 8px; }
section { scroll-margin-top: 12px; }
section.service, section.appendix { border-top: 1px solid var(--line); margin-top: 36px; padding-top: 4px; }
section:target > h2, section:target .banner { outline: 2px solid #54aeff; outline-offset: 4px; border-radius: 6px; }
.service-name, .endpoint-name { overflow-wrap: anywhere; }
.endpoint-name { font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; letter-spacing: 0.02em; line-height: 1.6; white-space: nowrap; vertical-align: middle; }
.badge-pass { color: var(--pass); background: var(--pass-bg); }
.badge-warn { color: var(--warn); background: var(--warn-bg); }
.badge-fail { color: #fff; background: var(--fail); }
h2 .badge, .banner-title .badge { font-size: 15px; padding: 2px 12px; }
.banner { border: 1px solid var(--line); border-left-width: 6px; border-radius: 8px; padding: 12px 18px; margin: 0 0 8px; background: var(--soft); }
.banner p { margin: 6px 0; }
.banner-title { font-size: 18px; font-weight: 600; }
.banner.verdict-pass { border-left-color: var(--pass); }
.banner.verdict-warn { border-left-color: #d4a72c; background: #fffbeb; }
.banner.verdict-fail { border-left-color: var(--fail); background: #fff5f5; }
.counts, .hint, .muted, .seed { color: var(--muted); }
.hint { font-size: 13px; margin: 0 0 6px; }
.inconclusive { font-weight: 600; color: var(--warn); }
ul.reasons { padding-left: 0; list-style: none; margin: 6px 0; }
ul.reasons li { padding: 5px 0; border-bottom: 1px solid #eef1f4; }
ul.reasons .badge { margin-right: 6px; }
.conclusion { border-radius: 8px; padding: 4px 16px 8px; margin: 10px 0 4px; background: var(--soft); border-left: 4px solid var(--line); }
.conclusion h3 { margin: 8px 0 4px; }
.conclusion-pass { border-left-color: var(--pass); }
.conclusion-warn { border-left-color: #d4a72c; }
.conclusion-fail { border-left-color: var(--fail); }
.table-wrap { overflow-x: auto; margin: 6px 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid #eef1f4; }
th.num { text-align: right; }
thead th { position: sticky; top: 0; background: #fff; border-bottom: 2px solid var(--line); font-size: 13px; color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.metrics td.metric { white-space: nowrap; padding-left: 22px; }
tr.endpoint-head th { background: var(--soft); color: var(--text); font-size: 14px; font-weight: 600; border-top: 1px solid var(--line); }
tr.row-fail td { background: #fff8f7; }
tr.row-warn td { background: #fffdf3; }
td.verdict { min-width: 11em; }
.reason { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.change.worse { color: var(--fail); font-weight: 600; }
.change.better { color: var(--pass); font-weight: 600; }
.qualifier { color: var(--muted); font-size: 12px; }
.status { font-size: 12px; padding: 0 6px; border-radius: 4px; background: var(--soft); color: var(--muted); white-space: nowrap; }
.status-meets-target, .status-acceptable { color: var(--pass); background: var(--pass-bg); }
.status-breach { color: var(--warn); background: var(--warn-bg); }
.status-critical-breach { color: var(--fail); background: var(--fail-bg); }
details.more { margin: 6px 0 14px; }
details.more > summary { cursor: pointer; color: var(--link); padding: 4px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 16px; margin: 8px 0 12px; }
.charts-wide { grid-template-columns: minmax(0, 1fr); }
figure.chart { margin: 0; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; min-width: 0; }
.chart-mount { min-height: 160px; overflow-x: auto; }
.chart-mount[data-state="error"] { color: var(--fail); font-size: 13px; }
.chart-mount svg { max-width: 100%; height: auto; }
@media (max-width: 900px) {
  .layout { display: block; }
  .index { position: static; height: auto; border-right: 0; border-bottom: 1px solid var(--line); }
  .nav-services { display: flex; flex-wrap: wrap; gap: 4px; }
  main { padding: 16px; }
  .charts { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  .layout { display: block; }
  .index { display: none; }
  main { max-width: none; padding: 0; }
  thead th { position: static; }
  section.service { break-before: page; }
  figure.chart, tbody { break-inside: avoid; }
  a { color: inherit; }
  tr.row-fail td, tr.row-warn td, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
