/**
 * `stagecraft run --instances 2` with real k6: two local k6 processes with execution segments
 * against the real demo HTTP service, merged into one run. Checks the achieved total rate
 * against the plan, that merged counts are the sum of the instances, that the merged p95 is the
 * p95 of all raw samples, and that a `count` threshold each instance fails alone (k6 exit 99
 * on both) but the whole passes is reported by its verdict over the whole; a counter `rate`
 * threshold is divided by k6's own test run duration. Then the same files as loose k6-operator
 * outputs with `--thresholds-from` (k6 inspect of the script) and the report's thresholds.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawNdjson } from '../../analysis/ingest/ndjson.js';
import type { Summary } from '../../analysis/summarize/types.js';
import { quantile } from '../../analysis/stats/quantile.js';
import { readK6Summary } from '../../analysis/ingest/summary.js';
import type { RunManifest } from '../../core/run-manifest.js';
import { startHttpService } from '../../demo/http-service.js';
import type { RunningService } from '../../demo/service-options.js';
import { ROOT, runCli } from '../support/cli.js';
import { k6ForTests } from '../support/k6.js';

const k6 = await k6ForTests();

const RATE = 40;
const SECONDS = 3;
/** More than either instance makes alone (about RATE·SECONDS/2 each), less than both together. */
const COUNT_LIMIT = Math.round(RATE * SECONDS * 0.75);
/** Requests per second more than either instance makes alone (about RATE/2), less than both together. */
const RATE_LIMIT = RATE * 0.75;

const script = (): string => `
import http from 'k6/http';
export const options = {
  scenarios: {
    steady: { executor: 'constant-arrival-rate', rate: ${RATE}, timeUnit: '1s', duration: '${SECONDS}s', preAllocatedVUs: 10, maxVUs: 20 },
  },
  thresholds: {
    http_reqs: ['count>${COUNT_LIMIT}', 'rate>${RATE_LIMIT}'],
    'http_req_duration{method:GET}': ['p(95)<2000'],
  },
};
export default function () {
  http.get(__ENV.CATALOG_URL + '/items/' + ((__ITER % 50) + 1));
}
`;

function countOf(raw: Awaited<ReturnType<typeof readRawNdjson>>, metric: string): number {
  return raw.series.filter((series) => series.metric === metric).reduce((sum, series) => sum + series.value.reduce((a, b) => a + b, 0), 0);
}

function valuesOf(raw: Awaited<ReturnType<typeof readRawNdjson>>, metric: string): number[] {
  return raw.series.filter((series) => series.metric === metric).flatMap((series) => [...series.value]);
}

describe.skipIf(!k6)('stagecraft run --instances with real k6', () => {
  let service: RunningService;
  let work: string;

  beforeAll(async () => {
    service = await startHttpService({ variant: 'baseline', latencyScale: 0.2 });
    work = await mkdtemp(join(tmpdir(), 'stagecraft-distributed-'));
    await writeFile(join(work, 'split.js'), script());
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('runs two segments into one run folder and judges thresholds over both', async () => {
    const results = join(work, 'results');
    const run = await runCli(['run', join(work, 'split.js'), '--instances', '2', '--label', 'split', '--results', results, '-e', `CATALOG_URL=${service.url}`]);
    // The count threshold passes over the whole, although k6 failed it on each instance.
    expect(run.code, run.stderr).toBe(0);
    const [folderName] = await readdir(join(results, 'split'));
    const folder = join(results, 'split', folderName as string);
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as RunManifest;
    const record = manifest.distributed;
    expect(record?.instances).toBe(2);
    expect(record?.sequence).toBe('0,1/2,1');
    expect(record?.members.map((member) => member.segment)).toEqual(['0:1/2', '1/2:1']);
    expect(record?.members.map((member) => member.exitCode)).toEqual([99, 99]);
    expect(record?.complete).toBe(true);
    expect(manifest.k6.outcome).toBe('passed');

    // Raw samples of each instance, read on their own.
    const parts = await Promise.all([1, 2].map((i) => readRawNdjson(join(folder, `samples-${i}.json.gz`))));
    const perInstance = parts.map((raw) => countOf(raw, 'iterations'));
    const total = perInstance.reduce((a, b) => a + b, 0);
    const planned = RATE * SECONDS;
    // k6 starts the iterations at 0, 1/rate, ... and may start one more at the very end per instance.
    expect(Math.abs(total - planned)).toBeLessThanOrEqual(2);
    for (const count of perInstance) expect(count).toBeLessThan(COUNT_LIMIT);
    for (const raw of parts) expect(countOf(raw, 'dropped_iterations')).toBe(0);
    // Each instance ran about half: the segments split the rate.
    for (const count of perInstance) expect(Math.abs(count - planned / 2)).toBeLessThanOrEqual(2);
    // k6's own summaries agree with the raw samples, instance by instance.
    const testRunMs: number[] = [];
    for (const i of [1, 2]) {
      const summary = await readK6Summary(join(folder, `summary-${i}.json`));
      expect(summary.metrics['http_reqs']?.values['count']).toBe(countOf(parts[i - 1] as (typeof parts)[number], 'http_reqs'));
      expect(summary.thresholds['http_reqs']?.['count>' + COUNT_LIMIT]?.failed).toBe(true);
      expect(summary.thresholds['http_reqs']?.[`rate>${RATE_LIMIT}`]?.failed).toBe(true);
      // A --summary-export has no duration; k6 computed every counter's rate over its test run duration.
      testRunMs.push(((summary.metrics['iterations']?.values.count ?? 0) / (summary.metrics['iterations']?.values.rate ?? 1)) * 1000);
    }

    // The merged run: counts add up, p95 is the p95 of all raw samples.
    const summarized = await runCli(['summarize', folder, '--format', 'json', '--group-by', 'none']);
    expect(summarized.code, summarized.stderr).toBe(0);
    const summary = JSON.parse(summarized.stdout) as Summary;
    const schema = JSON.parse(await readFile(join(ROOT, 'schemas/summarize.schema.json'), 'utf8')) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(schema);
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary.runs).toHaveLength(1);
    const series = (metric: string) => summary.series.find((entry) => entry.metric === metric);
    const reqs = series('http_reqs');
    expect(reqs?.kind === 'counter' ? reqs.stats.count : null).toBe(parts.reduce((sum, raw) => sum + countOf(raw, 'http_reqs'), 0));
    const iterations = series('iterations');
    expect(iterations?.kind === 'counter' ? iterations.stats.count : null).toBe(total);
    const durations = parts.flatMap((raw) => valuesOf(raw, 'http_req_duration'));
    const duration = series('http_req_duration');
    expect(duration?.kind === 'trend' ? duration.stats.count : null).toBe(durations.length);
    expect(duration?.kind === 'trend' ? duration.stats.p95 : null).toBeCloseTo(quantile(durations, 0.95), 9);

    // Thresholds: the verdict over the whole, beside each instance's own.
    const run0 = summary.runs[0];
    expect(run0?.distributed?.complete).toBe(true);
    const countVerdict = run0?.distributed?.thresholds?.find((verdict) => verdict.metric === 'http_reqs');
    expect(countVerdict?.ok).toBe(true);
    expect(countVerdict?.value).toBe(parts.reduce((sum, raw) => sum + countOf(raw, 'http_reqs'), 0));
    expect(countVerdict?.instances).toEqual([{ instanceId: '1', ok: false }, { instanceId: '2', ok: false }]);
    expect(run0?.k6.thresholds?.every((threshold) => threshold.ok)).toBe(true);
    // The counter rate over k6's test run duration (the longest instance's), as k6 divides it.
    const totalReqs = parts.reduce((sum, raw) => sum + countOf(raw, 'http_reqs'), 0);
    expect(run0?.distributed?.rateDuration?.from).toBe('k6-summary');
    expect(run0?.distributed?.rateDuration?.ms).toBeCloseTo(Math.max(...testRunMs), 6);
    const rateVerdict = run0?.distributed?.thresholds?.find((verdict) => verdict.expression === `rate>${RATE_LIMIT}`);
    expect(rateVerdict).toMatchObject({ ok: true, instances: [{ instanceId: '1', ok: false }, { instanceId: '2', ok: false }] });
    expect(rateVerdict?.value).toBeCloseTo(totalReqs / (Math.max(...testRunMs) / 1000), 9);
    expect(run0?.distributed?.members.map((member) => [member.status, member.summary])).toEqual([['ok', true], ['ok', true]]);
    const table = await runCli(['summarize', folder]);
    expect(table.stdout).toContain(`http_reqs count>${COUNT_LIMIT}: PASS over all instances`);
    expect(table.stdout).toContain('k6 per instance: 1 FAIL, 2 FAIL (each instance failed it alone; over all instances it passes)');

    // The same outputs as loose files (as collected from k6-operator pods): no manifest, so the
    // thresholds come from the script through k6 inspect, and give the same verdicts.
    const loose = await runCli(['summarize', join(folder, 'samples-1.json.gz'), join(folder, 'samples-2.json.gz'), '--thresholds-from', join(work, 'split.js'), '--format', 'json', '--group-by', 'none']);
    expect(loose.code, loose.stderr).toBe(0);
    const looseRun = (JSON.parse(loose.stdout) as Summary).runs[0];
    expect(looseRun?.distributed).toMatchObject({ source: 'files', instances: 2, complete: true, thresholdsFrom: { source: 'script' }, rateDuration: run0?.distributed?.rateDuration });
    expect(looseRun?.distributed?.thresholds).toEqual(run0?.distributed?.thresholds);

    // The report shows the verdicts over all instances and where they differ from the instances'.
    const report = join(work, 'report');
    const written = await runCli(['summarize', folder, '--report', report]);
    expect(written.code, written.stderr).toBe(0);
    const markdown = await readFile(join(report, 'summary.md'), 'utf8');
    expect(markdown).toContain(`| http\\_reqs count&gt;${COUNT_LIMIT} | PASS | ${totalReqs} | 1 FAIL, 2 FAIL | ⚠️ each instance failed it alone; over all instances it passes |`);
    expect(await readFile(join(report, 'index.html'), 'utf8')).toContain('<section id="thresholds"');

    // The measured numbers, for the record.
    const span = (Math.max(...parts.map((raw) => raw.span?.lastMs ?? 0)) - Math.min(...parts.map((raw) => raw.span?.firstMs ?? 0))) / 1000;
    process.stdout.write(`distributed e2e: planned ${planned} iterations (${RATE}/s), instances ${perInstance.join('+')} = ${total} in ${span.toFixed(2)} s (k6 test run ${Math.max(...testRunMs).toFixed(1)} ms); http_reqs ${countVerdict?.value}, rate ${rateVerdict?.value}/s; merged p95 ${duration?.kind === 'trend' ? duration.stats.p95 : '?'} ms\n`);
  }, 90_000);

  it('flags a run whose instance lost its output as incomplete instead of merging it as whole', async () => {
    const results = join(work, 'results');
    const [folderName] = await readdir(join(results, 'split'));
    const folder = join(results, 'split', folderName as string);
    const manifestPath = join(folder, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as RunManifest;
    const damaged = join(work, 'damaged');
    const { cp, rm } = await import('node:fs/promises');
    await cp(folder, damaged, { recursive: true });
    await rm(join(damaged, 'samples-2.json.gz'));
    const summarized = await runCli(['summarize', damaged, '--format', 'json', '--group-by', 'none']);
    expect(summarized.code, summarized.stderr).toBe(0);
    const summary = JSON.parse(summarized.stdout) as Summary;
    const run = summary.runs[0];
    expect(run?.distributed?.complete).toBe(false);
    expect(run?.distributed?.members.map((member) => member.status)).toEqual(['ok', 'missing']);
    expect(run?.quality.flags.some((flag) => flag.code === 'incomplete-run' && flag.message.includes('instance 2'))).toBe(true);
    expect(summarized.stderr).toContain('warning[incomplete-run]');
    expect(manifest.distributed?.complete).toBe(true);
  }, 30_000);
});
