/**
 * `summarize` over a test split across k6 instances: the thresholds judged over all instances
 * beside each instance's own k6 verdict, counter rates over k6's test run duration, each
 * instance's completeness, for a run folder and for loose k6-operator files (thresholds from
 * `--thresholds-from`). Hand-made outputs in real k6 formats (split-run-fixture.ts).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScriptThresholds } from '../../../analysis/summarize/distributed.js';
import { siblingSummary } from '../../../analysis/summarize/distributed.js';
import { loadSummarizeInputs } from '../../../analysis/summarize/load.js';
import { summarizeInputs } from '../../../analysis/summarize/summarize-runs.js';
import type { Summary, SummaryDistributed } from '../../../analysis/summarize/types.js';
import { thresholdDefinitions } from '../../../analysis/thresholds/parse.js';
import { scriptShortHashes } from '../../../runner/distributed/inspect-thresholds.js';
import { REPO_ROOT } from '../analysis/helpers.js';
import { TEST_RUN_MS, writeOperatorFiles, writeSplitRunFolder } from './split-run-fixture.js';

/** The `thresholds` of real `k6 inspect` output (k6 v2.2.0 escapes < and > as \u003c, \u003e), trimmed to that key. */
const K6_INSPECT_OUTPUT = String.raw`{
  "scenarios": null,
  "thresholds": {
    "http_req_duration": [
      "p(95)\u003c25"
    ],
    "http_req_failed": [
      "rate\u003c0.01"
    ],
    "http_reqs": [
      "count\u003e15",
      "rate\u003e9.9"
    ]
  },
  "summaryTrendStats": null
}`;

const given = (hashes: readonly string[]): ScriptThresholds => ({
  script: 'generated/shop.js',
  definitions: thresholdDefinitions((JSON.parse(K6_INSPECT_OUTPUT) as { thresholds: unknown }).thresholds),
  hashes,
});

const schema = JSON.parse(await readFile(join(REPO_ROOT, 'schemas/summarize.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(schema);

async function summarizeSplit(paths: readonly string[], thresholds?: ScriptThresholds): Promise<{ summary: Summary; distributed: SummaryDistributed }> {
  const inputs = await loadSummarizeInputs(paths, { strict: false, ...(thresholds === undefined ? {} : { thresholds }) });
  const summary = summarizeInputs(inputs, { groupBy: [] });
  expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
  expect(summary.runs).toHaveLength(1);
  const distributed = summary.runs[0]?.distributed;
  if (distributed === undefined) throw new Error('no distributed record');
  return { summary, distributed };
}

const verdict = (distributed: SummaryDistributed, metric: string, expression: string) => distributed.thresholds?.find((entry) => entry.metric === metric && entry.expression === expression);

describe('summarize a run folder split across two k6 instances', () => {
  it('judges every threshold over the merged samples, beside each instance\'s own verdict', async () => {
    const folder = await writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'split-')));
    const { summary, distributed } = await summarizeSplit([folder]);
    expect(distributed).toMatchObject({ source: 'run-folder', instances: 2, sequence: '0,1/2,1', complete: true, thresholdsFrom: { source: 'manifest', script: '/work/generated/shop.js' } });
    expect(distributed.members.map(({ instanceId, segment, samples, summary: own, status }) => ({ instanceId, segment, samples, own, status }))).toEqual([
      { instanceId: '1', segment: '0:1/2', samples: 40, own: true, status: 'ok' },
      { instanceId: '2', segment: '1/2:1', samples: 40, own: true, status: 'ok' },
    ]);
    // Each instance failed count>15 alone; the whole passes.
    expect(verdict(distributed, 'http_reqs', 'count>15')).toMatchObject({ ok: true, value: 20, instances: [{ instanceId: '1', ok: false }, { instanceId: '2', ok: false }] });
    // p(95) of all 20 samples (type 7), not an average of the instances' p(95).
    expect(verdict(distributed, 'http_req_duration', 'p(95)<25')).toMatchObject({ ok: false, instances: [{ instanceId: '1', ok: true }, { instanceId: '2', ok: false }] });
    expect(verdict(distributed, 'http_req_duration', 'p(95)<25')?.value).toBeCloseTo(28.05, 9);
    // The counter rate is over k6's test run duration (2.05 s), not the 1.805 s span of the samples.
    expect(distributed.rateDuration).toEqual({ ms: TEST_RUN_MS, from: 'k6-summary' });
    const rate = verdict(distributed, 'http_reqs', 'rate>9.9');
    expect(rate?.value).toBeCloseTo(20 / 2.05, 9);
    expect(rate?.ok).toBe(false);
    expect(rate?.reason).toBeUndefined();
    expect(summary.runs[0]?.k6.thresholds).toEqual([
      { metric: 'http_req_duration', expression: 'p(95)<25', ok: false },
      { metric: 'http_req_failed', expression: 'rate<0.01', ok: true },
      { metric: 'http_reqs', expression: 'count>15', ok: true },
      { metric: 'http_reqs', expression: 'rate>9.9', ok: false },
    ]);
  });

  it('divides counter rates by the span of the samples when no summary has the duration, and says so', async () => {
    const folder = await writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'split-')), { withoutSummaries: true });
    const { distributed } = await summarizeSplit([folder]);
    expect(distributed.rateDuration).toEqual({ ms: 1805, from: 'sample-span' });
    const rate = verdict(distributed, 'http_reqs', 'rate>9.9');
    expect(rate).toMatchObject({ ok: true, instances: [{ instanceId: '1', ok: null }, { instanceId: '2', ok: null }] });
    expect(rate?.value).toBeCloseTo(20 / 1.805, 9);
    expect(rate?.reason).toMatch(/span of the samples \(1\.805 s\), not k6's test run duration/);
    expect(distributed.members.every((member) => !member.summary && member.status === 'ok')).toBe(true);
  });

  it('flags an instance whose samples hold less than its own k6 summary counts as cut off', async () => {
    const folder = await writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'split-')), { cutOff: '2' });
    const { summary, distributed } = await summarizeSplit([folder]);
    expect(distributed.complete).toBe(false);
    expect(distributed.members.map((member) => member.status)).toEqual(['ok', 'cut-off']);
    expect(summary.runs[0]?.quality.flags).toContainEqual({
      code: 'incomplete-run',
      message: 'run 20261123T100000Z-split is incomplete: the samples of instance 2 hold 3 iterations, its own k6 summary counts 10: its output is cut off',
    });
  });

  it('marks a missing instance and judges over the instances with data only', async () => {
    const folder = await writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'split-')), { withoutSamples: '2' });
    const { summary, distributed } = await summarizeSplit([folder]);
    expect(distributed.complete).toBe(false);
    expect(distributed.members.map((member) => [member.status, member.samples])).toEqual([['ok', 40], ['missing', 0]]);
    expect(verdict(distributed, 'http_reqs', 'count>15')).toMatchObject({ ok: false, value: 10 });
    expect(summary.runs[0]?.quality.flags.some((flag) => flag.code === 'incomplete-run' && flag.message.includes('instance 2'))).toBe(true);
  });
});

describe('summarize loose k6-operator files', () => {
  it('merges the pods by instance_id and finds each pod\'s summary; thresholds only with --thresholds-from', async () => {
    const paths = await writeOperatorFiles(await mkdtemp(join(tmpdir(), 'operator-')));
    const { summary, distributed } = await summarizeSplit(paths);
    expect(distributed).toMatchObject({ source: 'files', instances: 2, sequence: null, complete: true, thresholds: null, thresholdsFrom: null, rateDuration: null });
    expect(distributed.members.map((member) => [member.instanceId, member.summary, member.samples, member.segment, member.outcome])).toEqual([['1', true, 40, null, null], ['2', true, 40, null, null]]);
    expect(summary.runs[0]?.k6.thresholds).toBeNull();

    const judged = (await summarizeSplit(paths, given(['0123456789abcdef']))).distributed;
    expect(judged.thresholdsFrom).toEqual({ source: 'script', script: 'generated/shop.js' });
    expect(verdict(judged, 'http_reqs', 'count>15')).toMatchObject({ ok: true, value: 20, instances: [{ instanceId: '1', ok: false }, { instanceId: '2', ok: false }] });
    expect(verdict(judged, 'http_reqs', 'rate>9.9')?.value).toBeCloseTo(20 / 2.05, 9);
    expect(judged.rateDuration).toEqual({ ms: TEST_RUN_MS, from: 'k6-summary' });
  });

  it('refuses thresholds of another script than the one the pods ran (script_hash)', async () => {
    const paths = await writeOperatorFiles(await mkdtemp(join(tmpdir(), 'operator-')), { scriptHash: 'aaaaaaaaaaaaaaaa' });
    await expect(loadSummarizeInputs(paths, { strict: false, thresholds: given(['bbbbbbbbbbbbbbbb']) })).rejects.toThrow(/generated\/shop\.js is not the script that made .*script_hash is aaaaaaaaaaaaaaaa/);
    const { distributed } = await summarizeSplit(paths, given(['bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa']));
    expect(distributed.thresholds).toHaveLength(4);
  });

  it('counts a pod without output among the instances, as missing', async () => {
    const paths = await writeOperatorFiles(await mkdtemp(join(tmpdir(), 'operator-')), { withoutSamples: '1' });
    const { distributed } = await summarizeSplit(paths, given([]));
    expect(distributed.complete).toBe(false);
    expect(distributed.members.map((member) => [member.instanceId, member.status, member.summary])).toEqual([['1', 'missing', false], ['2', 'ok', true]]);
  });

  it('finds the summary next to a samples file by stagecraft\'s names', () => {
    expect(siblingSummary('/r/pod-1/samples.json.gz')).toBe('/r/pod-1/summary.json');
    expect(siblingSummary('/r/samples-3.json')).toBe('/r/summary-3.json');
    expect(siblingSummary('/r/samples-2.csv.gz')).toBe('/r/summary-2.json');
    expect(siblingSummary('/r/out.json')).toBeNull();
  });

  it('names a script by its file hash and, for a compiled one, the content hash of its header', () => {
    const compiled = '// Generated by stagecraft from scenarios/shop.ts. Do not edit.\n// content-hash: sha256:63a17c55a07f9eaaddaff7099f1845b3305bcd51d0d4d985002f679123cc7d0d\nexport default function () {}\n';
    const hashes = scriptShortHashes(compiled);
    expect(hashes).toHaveLength(2);
    expect(hashes[1]).toBe('63a17c55a07f9eaa');
    expect(hashes[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(scriptShortHashes('export default function () {}\n')).toHaveLength(1);
  });
});
