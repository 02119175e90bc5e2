/**
 * The threshold evaluator against verdicts real k6 gave: runs from the shared corpus whose raw
 * NDJSON and end-of-test summary come from the same run (INDEX.md), plus the grammar.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRawNdjson } from '../../../analysis/ingest/ndjson.js';
import { readK6Summary } from '../../../analysis/ingest/summary.js';
import { evaluateThreshold } from '../../../analysis/thresholds/evaluate.js';
import { rateDuration, summaryTestRunDurationMs } from '../../../analysis/thresholds/test-duration.js';
import { parseThresholdExpression, parseThresholdKey, thresholdDefinitions } from '../../../analysis/thresholds/parse.js';
import { RawRunBuilder } from '../../../analysis/model/raw-run.js';
import { CORPUS } from '../analysis/helpers.js';

/**
 * Same-run pairs: raw samples and the summary with k6's own threshold verdicts. Of the corpus'
 * "likely same run" pairs with thresholds only Xray-App's is one run (172 requests in both);
 * wildananugrah's summary counts 108 requests and no failure, its NDJSON 96 with 24 failures.
 */
const PAIRS = [{ samples: 'Xray-App__tutorial-js-k6__my_test_result.json', summary: 'Xray-App__tutorial-js-k6__summary.json' }];

describe('thresholds judged from raw samples agree with real k6', () => {
  for (const pair of PAIRS) {
    it(pair.samples, async () => {
      const raw = await readRawNdjson(join(CORPUS, pair.samples));
      const summary = await readK6Summary(join(CORPUS, pair.summary));
      const verdicts = Object.entries(summary.thresholds).flatMap(([metric, byExpression]) => Object.entries(byExpression).map(([expression, { failed }]) => ({ metric, expression, ok: !failed })));
      expect(verdicts.length).toBeGreaterThan(1);
      // Both verdicts occur: p(90)<500 failed, rate<0.01 and rate<100 passed.
      expect(new Set(verdicts.map((verdict) => verdict.ok))).toEqual(new Set([true, false]));
      const duration = rateDuration(raw, [summaryTestRunDurationMs(summary)]);
      expect(duration.from).toBe('k6-summary');
      for (const verdict of verdicts) {
        const outcome = evaluateThreshold(verdict.metric, verdict.expression, { raw, duration });
        expect(outcome.ok, `${verdict.metric} ${verdict.expression} = ${outcome.value}`).toBe(verdict.ok);
      }
      // The trend statistic matches k6's summary value (k6 keeps raw trend samples).
      const p95 = evaluateThreshold('http_req_duration', 'p(95)<0', { raw, duration }).value;
      expect(p95).toBeCloseTo(summary.metrics['http_req_duration']?.values['p(95)'] ?? Number.NaN, 6);
    });
  }
});

function run(points: readonly { metric: string; kind: 'counter' | 'rate' | 'trend' | 'gauge'; value: number; time: number; tags: Record<string, string> }[]) {
  const builder = new RawRunBuilder();
  for (const point of points) {
    builder.declareMetric(point.metric, { kind: point.kind, contains: undefined });
    builder.addSample(point.metric, point.time, point.value, builder.tagSetId(JSON.stringify(point.tags), () => point.tags));
  }
  return builder.build({ files: ['unit'], format: 'ndjson', compressed: false, lines: points.length, truncated: false });
}

describe('evaluateThreshold', () => {
  const raw = run([
    { metric: 'http_req_duration', kind: 'trend', value: 10, time: 0, tags: { name: 'a', group: '::x' } },
    { metric: 'http_req_duration', kind: 'trend', value: 30, time: 1000, tags: { name: 'b' } },
    { metric: 'http_req_duration', kind: 'trend', value: 20, time: 2000, tags: { name: 'a', group: '::x' } },
    { metric: 'http_reqs', kind: 'counter', value: 1, time: 0, tags: { name: 'a' } },
    { metric: 'http_reqs', kind: 'counter', value: 1, time: 1000, tags: { name: 'b' } },
    { metric: 'http_reqs', kind: 'counter', value: 1, time: 2000, tags: { name: 'a' } },
    { metric: 'http_req_failed', kind: 'rate', value: 1, time: 0, tags: { name: 'a' } },
    { metric: 'http_req_failed', kind: 'rate', value: 0, time: 0, tags: { name: 'b' } },
    { metric: 'vus', kind: 'gauge', value: 7, time: 2000, tags: {} },
    { metric: 'vus', kind: 'gauge', value: 3, time: 1000, tags: {} },
  ]);
  const data = { raw, duration: { ms: 2000, from: 'k6-summary' as const } };
  it.each([
    ['http_req_duration', 'avg==20', true, 20],
    ['http_req_duration', 'p(50)==20', true, 20],
    ['http_req_duration', 'p(75) <= 25', true, 25], // type 7: 20 + 0.5·10
    ['http_req_duration{name:a}', 'max<=20', true, 20],
    ["http_req_duration{ group : '::x' }", 'min===10', true, 10],
    ['http_req_duration{name:a,group:::x}', 'med!=15', false, 15],
    ['http_reqs', 'count>2', true, 3],
    ['http_reqs{name:a}', 'count>=3', false, 2],
    ['http_reqs', 'rate<1.5', false, 1.5],
    ['http_req_failed', 'rate<0.6', true, 0.5],
    ['vus', 'value>5', true, 7],
  ] as const)('%s %s', (metric, expression, ok, value) => {
    const outcome = evaluateThreshold(metric, expression, data);
    expect(outcome.value).toBeCloseTo(value, 9);
    expect(outcome.ok).toBe(ok);
  });
  it('judges empty selections as k6 does: a rate of nothing passes, a counter counts 0, a trend reads 0', () => {
    expect(evaluateThreshold('http_req_failed{name:zzz}', 'rate<0.01', data)).toMatchObject({ ok: true, value: null });
    expect(evaluateThreshold('http_reqs{name:zzz}', 'count>0', data)).toMatchObject({ ok: false, value: 0 });
    expect(evaluateThreshold('http_req_duration{name:zzz}', 'p(95)<1', data)).toMatchObject({ ok: true, value: 0 });
  });
  it('refuses what k6 would refuse, with a reason', () => {
    expect(evaluateThreshold('http_reqs', 'p(95)<1', data).ok).toBeNull();
    expect(evaluateThreshold('nope', 'avg<1', data).reason).toMatch(/no sample of metric nope/);
    expect(evaluateThreshold('http_reqs', 'count~1', data).reason).toMatch(/no comparison operator/);
  });
});

describe('threshold grammar', () => {
  it('splits sub-metric keys on the first colon and trims quotes', () => {
    expect(parseThresholdKey('group_duration{group:::checkout}')).toEqual({ metric: 'group_duration', tags: { group: '::checkout' } });
    expect(parseThresholdKey(`checks{check:"status is 200", scenario:x}`)).toEqual({ metric: 'checks', tags: { check: 'status is 200', scenario: 'x' } });
    expect(parseThresholdKey('http_reqs{bad}')).toHaveProperty('error');
  });
  it('finds operators in k6 order', () => {
    expect(parseThresholdExpression('p(99.9) <= 2000')).toEqual({ aggregation: { kind: 'percentile', percent: 99.9 }, operator: '<=', value: 2000 });
    expect(parseThresholdExpression('count>=5')).toMatchObject({ operator: '>=', value: 5 });
    expect(parseThresholdExpression('rate===0')).toMatchObject({ operator: '===', value: 0 });
    expect(parseThresholdExpression('p(101)<1')).toHaveProperty('error');
  });
  it('reads k6 inspect thresholds in both forms', () => {
    expect(thresholdDefinitions({ a: ['p(95)<1', { threshold: 'avg<5', abortOnFail: true, delayAbortEval: null }], b: null })).toEqual({ a: ['p(95)<1', 'avg<5'] });
  });
});
