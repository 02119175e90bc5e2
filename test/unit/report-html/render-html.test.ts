import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../analysis/report/html/index.js';
import type { ReportChart } from '../../../analysis/report/chart-data-types.js';
import { ATTRIBUTE_BREAKOUT, SCRIPT_CLOSE, SCRIPT_TAG, chartsFor, emptyComparison, mixedComparison, wideComparison } from './fixtures.js';

/** The JSON script blocks of a page, parsed, by id. */
function jsonBlocks(page: string): Map<string, unknown> {
  const blocks = new Map<string, unknown>();
  for (const match of page.matchAll(/<script type="application\/json" id="([^"]+)">([^<]*)<\/script>/g)) {
    blocks.set(match[1] ?? '', JSON.parse(match[2] ?? 'null'));
  }
  return blocks;
}

/** Every `id="…"` of a page. */
function ids(page: string): Set<string> {
  return new Set([...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1] ?? ''));
}

const MB = 1024 * 1024;

describe('renderHtml: structure', () => {
  const comparison = mixedComparison();
  const charts = chartsFor(comparison);
  const page = renderHtml({ comparison, charts, title: 'Shop refactor' });

  it('is one self-contained page: the three libraries inlined, nothing loaded from elsewhere', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<title>FAIL: Shop refactor</title>');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &apos;none&apos;; script-src (&apos;sha256-[A-Za-z0-9+/=]+&apos; ){4}&apos;unsafe-eval&apos;/);
    expect(page).toContain('.vegaEmbed=t(e.vega,e.vegaLite)');
    expect(page).toContain('.vegaLite={},e.vega');
    expect(page).not.toMatch(/<script[^>]* src=|<link |@import|url\(http/);
  });

  it('has the conclusion, a navigation index whose links all resolve, and a section per service', () => {
    const known = ids(page);
    const links = [...page.matchAll(/href="#([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(known.has(link), `#${link}`).toBe(true);
    expect(page.match(/<section class="service /g)).toHaveLength(comparison.services.length);
    // FAIL services first, each with its badge in the index.
    const nav = page.slice(page.indexOf('<nav'), page.indexOf('</nav>'));
    expect(nav.match(/badge-fail/g)?.length).toBeGreaterThanOrEqual(3);
    expect(nav.indexOf('orders')).toBeLessThan(nav.indexOf('catalog'));
    expect(page).toContain('<h3>Conclusion: PASS WITH WARNING</h3>');
    expect(page).toContain('<h3>Conclusion: FAIL</h3>');
    expect(page).toContain('Regression beyond budget');
    for (const heading of ['Latency', 'Throughput and errors', 'SLOs', 'Charts', 'Runs', 'Notes', 'How to read this']) expect(page).toContain(`>${heading}</h`);
    expect(page).toMatch(/Seed \d+ \(derived from the inputs/);
  });

  it('shows latency per endpoint with change, CI, adjusted p, SLO target and verdict', () => {
    const orders = page.slice(page.indexOf('id="service-2-orders"'));
    const latency = orders.slice(orders.indexOf('table class="metrics latency"'), orders.indexOf('</table>'));
    expect(latency).toContain('Change [95% CI]');
    expect(latency).toContain('<span class="endpoint-name">POST /orders</span>');
    expect(latency).toMatch(/≤ 60\.0 ms <span class="status status-critical-breach">critical-breach<\/span>/);
    expect(latency).toMatch(/<span class="change worse">↑ \+\d+\.\d%<\/span> <span class="qualifier">\[\+\d+\.\d% to \+\d+\.\d%\]<\/span>/);
    // The service whose requests all failed: no latency, error rate 100%.
    const payments = page.slice(page.indexOf('<span class="service-name">payments</span>'));
    expect(payments).toContain('no-samples');
    expect(payments).toContain('100.00%');
  });

  it('puts every chart in its service section, specs intact in JSON blocks', () => {
    const blocks = jsonBlocks(page);
    expect(blocks.size).toBe(charts.length);
    charts.forEach((chart, index) => expect(blocks.get(`chart-spec-${index}`)).toEqual(chart.spec));
    const orders = page.slice(page.indexOf('id="service-2-orders"'), page.indexOf('<section', page.indexOf('id="service-2-orders"') + 1));
    const inOrders = [...orders.matchAll(/data-chart-id="([^"]+)"/g)].map((match) => match[1]);
    const expected = charts.filter((chart) => chart.service === 'orders').map((chart) => chart.id);
    expect(inOrders.sort()).toEqual([...expected].sort());
    // The report-wide chart is in the summary.
    expect(page.indexOf('data-chart-id="p95-changes"')).toBeLessThan(page.indexOf('<section class="service'));
  });

  it('is deterministic', () => {
    expect(renderHtml({ comparison, charts, title: 'Shop refactor' })).toBe(page);
  });
});

describe('renderHtml: escaping', () => {
  const comparison = mixedComparison();
  const hostileChart: ReportChart = {
    id: 'hostile"><script>x</script>',
    title: `${SCRIPT_CLOSE} ${ATTRIBUTE_BREAKOUT}`,
    service: comparison.services.find((s) => s.service.includes('<script>'))?.service ?? null,
    endpoint: SCRIPT_CLOSE,
    spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: SCRIPT_CLOSE, data: { values: [{ a: SCRIPT_CLOSE, b: '\u2028<!--', c: '`|&' }] }, mark: 'point' },
  };
  const page = renderHtml({ comparison, charts: [hostileChart], title: SCRIPT_TAG });

  it('never lets k6 text become markup', () => {
    expect(page).not.toContain(SCRIPT_TAG);
    expect(page).not.toContain(SCRIPT_CLOSE);
    const markup = page.replace(/<script>[^]*?<\/script>/g, '<script></script>');
    expect(markup).not.toContain('<img');
    expect(markup).not.toContain('"><i');
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=window.__pwned=2&gt;');
    // Markdown syntax is just text here: no backslashes added.
    expect(page).toContain('it&apos;s `code` *bold* | &quot;quoted&quot; &amp; &lt;b&gt;');
    expect(page).toContain('GET /a|b &quot;&gt;&lt;img');
    // Only our scripts: 3 libraries, the bootstrap and one JSON block.
    expect(page.match(/<script/g)).toHaveLength(5);
    expect(page.match(/<\/script>/g)).toHaveLength(5);
  });

  it('keeps chart specs whole: no data can close the JSON script block', () => {
    const block = /<script type="application\/json" id="chart-spec-0">([^<]*)<\/script>/.exec(page)?.[1] ?? '';
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    expect(block).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(block)).toEqual(hostileChart.spec);
    expect(page).toContain('data-chart-id="hostile&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });
});

describe('renderHtml: edge cases', () => {
  it('says plainly that nothing was compared when there are no services', () => {
    const comparison = emptyComparison();
    expect(comparison.services).toHaveLength(0);
    const page = renderHtml({ comparison, charts: [] });
    expect(page).toContain('<title>Nothing compared: Performance comparison</title>');
    expect(page).toContain('<p class="banner-title">Nothing was compared</p>');
    expect(page).not.toContain('<section class="service');
    expect(page).not.toContain('Services (');
    expect(page).toContain('<h2>Runs</h2>');
  });

  it('stays usable with 2000 endpoints: FAIL and top changes first, the rest collapsed', () => {
    const comparison = wideComparison(1, 2000, 100, 100, 3);
    const page = renderHtml({ comparison, charts: [] });
    const section = page.slice(page.indexOf('<section class="service'));
    const tables = section.slice(section.indexOf('<h3>Latency</h3>'));
    const [shown = '', collapsed = ''] = tables.split('<details class="more"><summary>1980 more endpoint(s)');
    const shownEndpoints = (table: string): string[] => [...table.matchAll(/<span class="endpoint-name">([^<]+)<\/span>/g)].map((match) => match[1] ?? '');
    const latency = shownEndpoints(shown.slice(0, shown.indexOf('<h3>Throughput and errors</h3>')));
    // Every 100th endpoint is 3 times slower: those 20 come first, in both tables.
    expect(latency).toHaveLength(20);
    expect(latency.map((name) => (Number(name.replace('GET /resource-', '')) - 1) % 100)).toEqual(Array(20).fill(0));
    expect(shownEndpoints(shown.slice(shown.indexOf('<h3>Throughput and errors</h3>')))).toEqual(latency);
    // The other 1980 in one compact table, one row each.
    expect(collapsed).toMatch(/^ \(\d+ WARN(, \d+ PASS)?\), largest changes first<\/summary>/);
    expect(collapsed.slice(0, collapsed.indexOf('</details>')).match(/<td class="endpoint-name">/g)).toHaveLength(1980);
    console.log(`2000-endpoint page: ${(page.length / MB).toFixed(2)} MB`);
    expect(page.length).toBeLessThan(5 * MB);
  });

  it('stays under 5 MB for 16 services with realistic charts', () => {
    const comparison = wideComparison(16, 6);
    const charts = chartsFor(comparison, 200);
    const page = renderHtml({ comparison, charts });
    const bytes = Buffer.byteLength(page, 'utf8');
    console.log(`16-service page: ${charts.length} charts, ${(bytes / MB).toFixed(2)} MB`);
    expect(charts.length).toBe(16 * 6 + 16 + 1);
    expect(bytes).toBeLessThan(5 * MB);
  });
});
