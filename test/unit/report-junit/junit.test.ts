import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../analysis/index.js';
import { escapeXml, showControls } from '../../../analysis/report/escape.js';
import { SLO_SUITE, renderJunit } from '../../../analysis/report/junit.js';
import { INCONCLUSIVE_REASONS } from '../../../analysis/compare/types.js';
import { GOLDEN_CASES, edgeComparison, emptyComparison, hostileComparison, regressionComparison } from '../report-markdown/comparisons.js';
import { expectGolden } from '../report-markdown/golden.js';
import { parseXml, type XmlElement } from './xml.js';

function count(suite: XmlElement, child: string): number {
  return suite.children.filter((test) => test.children.some((c) => c.name === child)).length;
}

/** Checks the suites against the comparison: one case per gating row and per SLO, counts that add up. */
function expectMatches(xml: string, comparison: Comparison): XmlElement {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const suites = root.children;
  // Control characters come back as visible \uXXXX text.
  const expected = [...comparison.services.map((s) => showControls(s.service)), ...(comparison.slos.length > 0 ? [SLO_SUITE] : [])];
  expect(suites.map((suite) => suite.attributes['name'])).toEqual(expected);
  for (const suite of suites) {
    const name = suite.attributes['name'];
    const items = name === SLO_SUITE ? comparison.slos : comparison.rows.filter((row) => showControls(row.service) === name && row.gating);
    expect(suite.children.every((child) => child.name === 'testcase')).toBe(true);
    expect(Number(suite.attributes['tests'])).toBe(items.length);
    expect(suite.children).toHaveLength(items.length);
    expect(Number(suite.attributes['failures'])).toBe(items.filter((item) => item.verdict === 'FAIL').length);
    expect(count(suite, 'failure')).toBe(items.filter((item) => item.verdict === 'FAIL').length);
    const skipped = items.filter((item) => item.verdict === 'WARN' && INCONCLUSIVE_REASONS.includes(item.reason)).length;
    expect(Number(suite.attributes['skipped'])).toBe(skipped);
    expect(count(suite, 'skipped')).toBe(skipped);
    expect(suite.attributes['errors']).toBe('0');
  }
  const total = (key: string): number => suites.reduce((sum, suite) => sum + Number(suite.attributes[key]), 0);
  for (const key of ['tests', 'failures', 'skipped']) expect(Number(root.attributes[key])).toBe(total(key));
  return root;
}

describe('junit.xml', () => {
  it('is well-formed and has one test case per service × endpoint × gating metric and per SLO', () => {
    for (const [, make] of GOLDEN_CASES) {
      const comparison = make();
      expectMatches(renderJunit(comparison), comparison);
    }
  });

  it('puts the numbers of a FAIL in the failure message: ratio, CI, adjusted p, budget', () => {
    const comparison = regressionComparison();
    const root = expectMatches(renderJunit(comparison), comparison);
    const catalog = root.children.find((suite) => suite.attributes['name'] === 'catalog');
    const p95 = catalog?.children.find((test) => test.attributes['name'] === 'GET /items/:id p95');
    const failure = p95?.children.find((child) => child.name === 'failure');
    expect(failure?.attributes['type']).toBe('regressed');
    expect(failure?.attributes['message']).toMatch(/^FAIL regressed: p95 ratio ×1\.\d{3}, change ↑ \+\d+\.\d% \[\+\d+\.\d% to \+\d+\.\d%\], p \(Holm\) 0\.\d+, budget \+5\.0%$/);
    expect(failure?.text).toContain('P95 latency regressed significantly');
    expect(failure?.text).toMatch(/baseline: .* ms \(gm of 3\), \d+ samples\ncandidate: /);
    const errors = root.children.find((suite) => suite.attributes['name'] === 'orders')?.children.find((test) => test.attributes['name'] === 'POST /orders error-rate');
    expect(errors?.children[0]?.attributes['message']).toMatch(/error-rate ratio ×6\.000, change ↑ \+1\.67 pp ×6\.00 \[×2\.53, ×14\.20\], p \(Holm\) < 0\.0001, budget \+0\.10 pp and ×1\.5$/);
  });

  it('never fails the build for WARN: inconclusive rows are skipped, other warnings pass with system-out', () => {
    const comparison = regressionComparison();
    const root = parseXml(renderJunit(comparison));
    const cases = root.children.flatMap((suite) => suite.children);
    const inconclusive = cases.find((test) => test.attributes['name'] === 'POST /orders p95');
    expect(inconclusive?.children.map((c) => c.name)).toEqual(['skipped', 'system-out']);
    expect(inconclusive?.children[0]?.attributes['message']).toMatch(/^inconclusive: WARN inconclusive-more-runs-needed: /);
    const slo = root.children.find((suite) => suite.attributes['name'] === SLO_SUITE);
    const breach = slo?.children.find((test) => test.attributes['name'] === 'SLO GET /items/:id p(95)');
    expect(breach?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(breach?.children[0]?.text).toMatch(/^WARN slo-breach: candidate 49\.\d ms \(breach\)/);
    const met = slo?.children.find((test) => test.attributes['name'] === 'SLO (all endpoints) p(99)');
    expect(met?.children).toEqual([]);
  });

  it('escapes hostile names, quotes and control characters', () => {
    for (const comparison of [edgeComparison(), hostileComparison()]) {
      const xml = renderJunit(comparison);
      const root = expectMatches(xml, comparison);
      const names = root.children.flatMap((suite) => [suite.attributes['name'], ...suite.children.map((test) => test.attributes['name'])]);
      expect(names).toContain('svc|evil');
      expect(names.some((name) => name?.startsWith('GET /a|b <script>alert("x")</script>'))).toBe(true);
      expect(names.some((name) => name?.startsWith("line\nbreak `code` *bold* [link](x) & 'quote'"))).toBe(true);
    }
    expect(renderJunit(edgeComparison())).toContain('name="ctl\\u0001\\u001B[31mred"');
  });

  it('renders a comparison without services as an empty, valid report', () => {
    const root = parseXml(renderJunit(emptyComparison()));
    expect(root.attributes['tests']).toBe('0');
    expect(root.children).toEqual([]);
  });

  it('escapeXml handles attributes, content and characters XML cannot carry', () => {
    expect(escapeXml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('x\ny\tz', 'attribute')).toBe('x&#10;y&#9;z');
    expect(escapeXml('x\ny\r')).toBe('x\ny&#13;');
    expect(escapeXml('\u0000\u001b\uD800ok\uD83D\uDE00')).toBe('\\u0000\\u001B\\uD800ok\uD83D\uDE00');
  });

  for (const [name, make] of GOLDEN_CASES) {
    it(`${name}.junit.xml golden file`, () => {
      expectGolden(`${name}.junit.xml`, renderJunit(make()));
    });
  }
});
