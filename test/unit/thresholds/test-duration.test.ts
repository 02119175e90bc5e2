/**
 * Counter `rate` thresholds divide by k6's test run duration, found in k6's own summaries of
 * every kind, not by the span of the samples (which only the fallback uses, and says so).
 * Checked on real runs whose raw samples and summary come from the same k6 process.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRawNdjson } from '../../../analysis/ingest/ndjson.js';
import { parseK6Summary, readK6Summary } from '../../../analysis/ingest/summary.js';
import { evaluateThreshold } from '../../../analysis/thresholds/evaluate.js';
import { rateDuration, sampleSpanMs, summaryTestRunDurationMs } from '../../../analysis/thresholds/test-duration.js';
import { CORPUS } from '../analysis/helpers.js';

/** Same-run pairs of the corpus: NDJSON samples and k6's summary of the same process. */
const PAIRS = [
  { samples: 'Xray-App__tutorial-js-k6__my_test_result.json', summary: 'Xray-App__tutorial-js-k6__summary.json', kind: 'handle-summary' },
  { samples: 'itzaddddd__ticket-reserve__output.json', summary: 'itzaddddd__ticket-reserve__summary-export.json', kind: 'summary-export' },
] as const;

describe("k6's test run duration from its summaries", () => {
  it('reads state.testRunDurationMs of handleSummary data', async () => {
    const summary = await readK6Summary(join(CORPUS, 'Xray-App__tutorial-js-k6__summary.json'));
    expect(summaryTestRunDurationMs(summary)).toBe(10006.087);
  });

  it('derives it from count ÷ rate in a --summary-export, equal for every counter', async () => {
    for (const file of ['itzaddddd__ticket-reserve__summary-export.json', 'andreposman__qr-code-generator__summary-export.json', 'hadi-projects__xyz-finance-go__k6-results.json']) {
      const summary = await readK6Summary(join(CORPUS, file));
      expect(summary.kind).toBe('summary-export');
      const ms = summaryTestRunDurationMs(summary);
      expect(ms, file).not.toBeNull();
      const counters = Object.values(summary.metrics).filter((metric) => metric.kind === 'counter' && (metric.values.count ?? 0) > 0);
      expect(counters.length, file).toBeGreaterThan(1);
      for (const counter of counters) expect(((counter.values.count ?? 0) / (counter.values.rate ?? 1)) * 1000, `${file} ${counter.name}`).toBeCloseTo(ms ?? 0, 6);
    }
  });

  it('reads config.duration (seconds) of the machine-readable summary and skips counters of nothing', () => {
    const machine = parseK6Summary({ version: '1.0.0', metadata: { generatedAt: '2026-11-23T10:00:00Z', k6Version: '2.2.0' }, config: { duration: 3.5, execution: 'local', script: '' }, results: { metrics: [] } }, 'mr.json');
    expect(summaryTestRunDurationMs(machine)).toBe(3500);
    const empty = parseK6Summary({ root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: {}, checks: {} }, metrics: { data_sent: { count: 0, rate: 0 }, vus: { value: 1, min: 1, max: 1 } } }, 'empty.json');
    expect(summaryTestRunDurationMs(empty)).toBeNull();
  });
});

describe('counter rate thresholds', () => {
  for (const pair of PAIRS) {
    it(`divide by k6's duration, giving k6's own rate (${pair.kind})`, async () => {
      const raw = await readRawNdjson(join(CORPUS, pair.samples));
      const summary = await readK6Summary(join(CORPUS, pair.summary));
      expect(summary.kind).toBe(pair.kind);
      const k6Rate = summary.metrics['http_reqs']?.values.rate ?? Number.NaN;
      const duration = rateDuration(raw, [summaryTestRunDurationMs(summary)]);
      expect(duration.from).toBe('k6-summary');
      const judged = evaluateThreshold('http_reqs', `rate<${k6Rate}`, { raw, duration });
      expect(judged.value).toBeCloseTo(k6Rate, 9);
      expect(judged.reason).toBeUndefined();
      // The span of the samples is shorter than k6's running time: dividing by it overstates the rate.
      const span = rateDuration(raw, [null]);
      expect(span).toEqual({ ms: sampleSpanMs(raw), from: 'sample-span' });
      const fallback = evaluateThreshold('http_reqs', `rate<${k6Rate}`, { raw, duration: span });
      expect(fallback.value).toBeGreaterThan(k6Rate);
      expect(fallback.ok).toBe(false);
      expect(fallback.reason).toMatch(/span of the samples .*not k6's test run duration/);
    });
  }

  it('take the longest instance duration, and no note for other aggregations', async () => {
    const raw = await readRawNdjson(join(CORPUS, PAIRS[0].samples));
    expect(rateDuration(raw, [3000, null, 3100.5])).toEqual({ ms: 3100.5, from: 'k6-summary' });
    const span = rateDuration(raw, []);
    expect(evaluateThreshold('http_reqs', 'count>1', { raw, duration: span }).reason).toBeUndefined();
    expect(evaluateThreshold('http_req_failed', 'rate<0.01', { raw, duration: span }).reason).toBeUndefined();
    expect(evaluateThreshold('http_reqs', 'rate>1', { raw, duration: { ms: 0, from: 'sample-span' } })).toMatchObject({ ok: null, value: null });
  });
});
