/**
 * Hand-made outputs of a test split across two k6 instances, in the formats real k6 v2.2.0
 * writes (checked against a real `stagecraft run --instances 2` folder): gzip NDJSON with
 * `Metric` declarations and `Point` lines whose tags carry `instance_id` and `testrun_name`,
 * and a `--summary-export` per instance (4-space indent, no final newline, threshold `true` =
 * FAILED). Numbers are chosen so that the verdict over all instances differs from each
 * instance's own:
 *
 * - each instance makes 10 requests in 1.9 s (one every 200 ms), durations 10…19 ms (instance
 *   1) and 20…29 ms (instance 2); k6's test run duration is 2.05 s per instance;
 * - `http_reqs count>15`: each instance FAILs (10), the whole PASSes (20);
 * - `http_req_duration p(95)<25`: instance 1 PASSes (18.55), instance 2 FAILs (28.55), the whole FAILs (28.05);
 * - `http_reqs rate>9.9`: each instance FAILs (4.88/s); the whole FAILs over k6's duration
 *   (20 / 2.05 s = 9.76/s) but would PASS over the span of the samples (20 / 1.9 s = 10.5/s).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RunManifest } from '../../../core/run-manifest.js';

/** The script's thresholds (as `k6 inspect` prints them). */
export const THRESHOLDS = { http_reqs: ['count>15', 'rate>9.9'], http_req_duration: ['p(95)<25'], http_req_failed: ['rate<0.01'] } as const;

/** k6's test run duration of each instance, ms. */
export const TEST_RUN_MS = 2050;
const START = Date.parse('2026-11-23T10:00:00.000Z');
const RUN_ID = '20261123T100000Z-split';
const INSTANCES = ['1', '2'] as const;

const declare = (name: string, type: string, contains: string): string =>
  JSON.stringify({ type: 'Metric', data: { name, type, contains, thresholds: [], submetrics: null }, metric: name });

function point(metric: string, timeMs: number, value: number, tags: Readonly<Record<string, string>>): string {
  // RFC 3339 with the fraction's trailing zeros trimmed, as k6 writes it.
  const time = new Date(timeMs).toISOString().replace(/\.?0*Z$/, 'Z');
  return `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${JSON.stringify(tags)}}}`;
}

/** Request durations of instance `id`: 10…19 ms for 1, 20…29 ms for 2. */
function durations(id: string): number[] {
  return Array.from({ length: 10 }, (_, i) => (id === '1' ? 10 : 20) + i);
}

/** NDJSON of instance `id`, in k6 v2's line format (alphabetical tags). */
export function instanceNdjson(id: string, extraTags: Readonly<Record<string, string>> = {}): string {
  const base = { ...extraTags, instance_id: id, scenario: 'default', testrun_name: RUN_ID };
  const request = { ...base, expected_response: 'true', group: '', method: 'GET', name: 'http://127.0.0.1:3000/items', proto: 'HTTP/1.1', status: '200', url: 'http://127.0.0.1:3000/items' };
  const lines = [declare('http_reqs', 'counter', 'default'), declare('http_req_duration', 'trend', 'time'), declare('http_req_failed', 'rate', 'default'), declare('iterations', 'counter', 'default')];
  durations(id).forEach((duration, i) => {
    const at = START + i * 200 + (id === '1' ? 0 : 5);
    lines.push(point('http_reqs', at, 1, request), point('http_req_duration', at, duration, request), point('http_req_failed', at, 0, request), point('iterations', at, 1, { ...base, group: '' }));
  });
  return `${lines.join('\n')}\n`;
}

/** The `--summary-export` of instance `id`: its own counts, duration-based rates and verdicts. */
export function instanceSummaryExport(id: string): string {
  const values = durations(id);
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number): number => {
    const at = (sorted.length - 1) * p;
    const low = Math.floor(at);
    return (sorted[low] ?? 0) + ((sorted[Math.ceil(at)] ?? 0) - (sorted[low] ?? 0)) * (at - low);
  };
  const rate = 10 / (TEST_RUN_MS / 1000);
  const summary = {
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: {}, checks: {} },
    metrics: {
      http_reqs: { count: 10, rate, thresholds: { 'count>15': true, 'rate>9.9': true } },
      iterations: { count: 10, rate },
      http_req_failed: { passes: 0, fails: 10, value: 0, thresholds: { 'rate<0.01': false } },
      http_req_duration: { avg: values.reduce((a, b) => a + b, 0) / 10, min: sorted[0], med: q(0.5), max: sorted[9], 'p(90)': q(0.9), 'p(95)': q(0.95), thresholds: { 'p(95)<25': q(0.95) >= 25 } },
    },
  };
  return JSON.stringify(summary, null, 4);
}

/** What to break in the fixture. */
export interface SplitRunOptions {
  /** Leave out this instance's samples file. */
  readonly withoutSamples?: string;
  /** Cut this instance's samples off after its first requests (its summary still counts 10). */
  readonly cutOff?: string;
  /** Write no summary files (k6's duration then is unknown). */
  readonly withoutSummaries?: boolean;
  /** Record no thresholds in the manifest (as when `k6 inspect` failed). */
  readonly withoutThresholds?: boolean;
  /** Tag every sample with this `script_hash` (none by default). */
  readonly sampleScriptHash?: string;
}

function samplesText(id: string, options: SplitRunOptions, extraTags: Readonly<Record<string, string>> = {}): string {
  const text = instanceNdjson(id, extraTags);
  return options.cutOff === id ? `${text.split('\n').slice(0, 4 + 4 * 3).join('\n')}\n` : text;
}

/** A run folder of `stagecraft run --instances 2` in `dir`; returns its path. */
export async function writeSplitRunFolder(dir: string, options: SplitRunOptions = {}): Promise<string> {
  const folder = join(dir, RUN_ID);
  await mkdir(folder, { recursive: true });
  const script = '/work/generated/shop.js';
  const members = INSTANCES.map((instanceId, i) => {
    const files = { samples: `samples-${instanceId}.json.gz`, summary: `summary-${instanceId}.json`, log: `k6-${instanceId}.log` };
    const segment = i === 0 ? '0:1/2' : '1/2:1';
    const argv = ['run', '--execution-segment', segment, '--execution-segment-sequence', '0,1/2,1', '--out', `json=${join(folder, files.samples)}`, '--summary-export', join(folder, files.summary), '--tag', `instance_id=${instanceId}`, '--tag', `testrun_name=${RUN_ID}`, script];
    return { instanceId, segment, argv, files, exitCode: 99, signal: null, outcome: 'thresholds-failed' as const };
  });
  for (const member of members) {
    const extraTags = options.sampleScriptHash === undefined ? {} : { script_hash: options.sampleScriptHash };
    if (options.withoutSamples !== member.instanceId) await writeFile(join(folder, member.files.samples), gzipSync(samplesText(member.instanceId, options, extraTags)));
    if (options.withoutSummaries !== true) await writeFile(join(folder, member.files.summary), instanceSummaryExport(member.instanceId));
  }
  const manifest: RunManifest = {
    schemaVersion: 1,
    runId: RUN_ID,
    label: 'split',
    repeat: { index: 1, of: 1 },
    scenario: { name: 'shop', script, contentHash: 'sha256:5d41402abc4b2a76b9719d911017c592aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', metadata: null },
    k6: { version: '2.2.0', binary: '/usr/bin/k6', argv: members[0]?.argv ?? [], exitCode: 99, signal: null, outcome: 'thresholds-failed' },
    git: { commit: null, dirty: null },
    startedAt: '2026-11-23T10:00:00.000Z',
    endedAt: '2026-11-23T10:00:02.400Z',
    durationMs: 2400,
    env: {},
    tags: {},
    files: { manifest: 'manifest.json', samples: 'samples.json.gz', summary: 'summary.json', log: 'k6.log' },
    host: { hostname: 'unit', platform: 'linux-x64', cpus: 2, node: 'v20.19.0' },
    distributed: { instances: 2, sequence: '0,1/2,1', testRunName: RUN_ID, members, thresholdDefinitions: options.withoutThresholds === true ? null : THRESHOLDS, thresholds: null, complete: true },
  };
  await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return folder;
}

/**
 * The files a k6-operator run leaves in its results claim: one folder per runner pod with
 * `samples.json.gz` and `summary.json` (stagecraft's TestRun arguments); returns the samples paths.
 */
export async function writeOperatorFiles(dir: string, options: SplitRunOptions & { readonly scriptHash?: string } = {}): Promise<string[]> {
  const paths: string[] = [];
  for (const id of INSTANCES) {
    const pod = join(dir, `shop-${id}-abcde`);
    await mkdir(pod, { recursive: true });
    if (options.withoutSamples === id) continue;
    const samples = join(pod, 'samples.json.gz');
    await writeFile(samples, gzipSync(samplesText(id, options, options.scriptHash === undefined ? {} : { script_hash: options.scriptHash })));
    if (options.withoutSummaries !== true) await writeFile(join(pod, 'summary.json'), instanceSummaryExport(id));
    paths.push(samples);
  }
  return paths;
}
