/**
 * `npm run bench:compare`: how long a full `stagecraft compare` of 5 + 5 runs takes next to
 * just loading those runs. Goal (issue): the full comparison with its JSON report within 2× the
 * time of ingesting the runs alone.
 *
 * 1. Writes 5 baseline and 5 candidate run folders (`generate.ts`: manifest.json +
 *    samples.json.gz, BENCH_SAMPLES `http_req_duration` samples per run, one endpoint +10% on
 *    the candidate side).
 * 2. Measures in this process, BENCH_REPEAT rounds, the two variants interleaved (their order
 *    alternating from round to round), with a garbage collection before each:
 *    - `ingest`: what `compareScenarioRuns` (analysis/compare/compare-folders.ts) does before
 *      comparing: the first manifest, the default trims, `loadRuns` on each side;
 *    - `full`: `compareScenarioRuns` with `outDir`: the same loading, `compareRuns`, and
 *      report.json + report.md written.
 *    After each `ingest`, the later phases are timed one by one on the runs it loaded
 *    (`compareRuns`, `JSON.stringify` of the report, `renderMarkdown`, `writeReport`), to show
 *    where the difference goes; those timings are not part of either variant.
 * 3. Prints the medians of wall-clock and CPU time (CPU of all threads of the process: it moves
 *    less than wall-clock time when other work shares the cores), the ratio full / ingest
 *    (PASS when ≤ 2, else WARN; also by CPU time, and estimated as (ingest + phases) / ingest),
 *    peak RSS and sizes.
 *
 * Environment: BENCH_SAMPLES (http_req_duration samples per run, 1,000–20,000,000, default
 * 2,000,000), BENCH_REPEAT (rounds, 1–20, default 3), BENCH_METRICS (`duration`, the default:
 * only http_req_duration per request; `k6-http`: every sample a real k6 HTTP request writes,
 * about 14 lines per request), BENCH_KEEP=1 (keep the temporary folder with the reports, and
 * keep the generated runs in a folder of os.tmpdir() named after the parameters, reused by the
 * next run with the same parameters). Ctrl-C removes what is not kept and exits 130. Exit code
 * 0 when measured (whatever the ratio: timings depend on the machine and its load), 2 for a bad
 * setting, 1 on failure.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compareScenarioRuns, defaultTrim, plannedLengthMs } from '../../analysis/compare/compare-folders.js';
import { compareRuns, loadRuns, renderMarkdown, writeReport, type Comparison, type LoadedSampleRun } from '../../analysis/index.js';
import { formatProblem, isStagecraftError } from '../../core/errors.js';
import { RunFiles, type RunManifest } from '../../core/run-manifest.js';
import { cleanup, createTempDir, installSignalHandlers, onCleanup } from '../support/lifecycle.js';
import { median, num, percent, range, relativeSpread, table } from '../support/stats.js';
import { CHANGE, CHANGED_ENDPOINT, generateCompareData, type GeneratedData, type MetricSet } from './generate.js';

/** Goal from the issue: full comparison ≤ 2× ingest alone. */
const GOAL_RATIO = 2;
/** Bump when generate.ts changes what it writes, so cached data is not reused. */
const DATA_VERSION = 1;

class BadSetting extends Error {}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min || value > max) throw new BadSetting(`${name}=${text}: expected an integer from ${min} to ${max}`);
  return value;
}

function metricsFromEnv(): MetricSet {
  const text = process.env['BENCH_METRICS'] ?? 'duration';
  if (text === '' || text === 'duration') return 'duration';
  if (text === 'k6-http') return 'k6-http';
  throw new BadSetting(`BENCH_METRICS=${text}: expected duration or k6-http`);
}

const log = (line = ''): void => void process.stdout.write(`${line}\n`);
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

/** A full garbage collection, so that one variant's garbage is not collected on the next one's time. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Samples the process RSS every 25 ms; `peak()` is the largest since the last `reset()`. */
class RssSampler {
  private max = 0;
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 25);
    this.timer.unref();
  }
  sample(): void {
    this.max = Math.max(this.max, process.memoryUsage.rss());
  }
  reset(): void {
    this.max = 0;
    this.sample();
  }
  peak(): number {
    this.sample();
    return this.max;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** The manifest `compareScenarioRuns` reads for its default trims: the side folder's own, or its first run folder's. */
async function firstManifest(folder: string): Promise<RunManifest | null> {
  const direct = join(folder, RunFiles.manifest);
  if (existsSync(direct)) return JSON.parse(await readFile(direct, 'utf8')) as RunManifest;
  for (const entry of (await readdir(folder)).sort()) {
    const nested = join(folder, entry, RunFiles.manifest);
    if (existsSync(nested)) return JSON.parse(await readFile(nested, 'utf8')) as RunManifest;
  }
  return null;
}

/** The loading half of `compareScenarioRuns`, step for step. */
async function ingest(data: GeneratedData): Promise<{ baseline: LoadedSampleRun[]; candidate: LoadedSampleRun[] }> {
  const manifest = await firstManifest(data.baseline);
  const trim = defaultTrim(plannedLengthMs(manifest?.scenario.metadata ?? null));
  const read = { trimStartMs: trim.startMs, trimEndMs: trim.endMs, strict: false };
  const baseline = await loadRuns([data.baseline], read);
  const candidate = await loadRuns([data.candidate], read);
  return { baseline, candidate };
}

/** Wall-clock and CPU time (all threads of this process: zlib runs in libuv's pool) of one measured step, ms. */
interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs `step` and times it. */
async function timed<T>(step: () => T | Promise<T>): Promise<{ result: T; timing: Timing }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await step();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, timing: { wallMs, cpuMs: (used.user + used.system) / 1000 } };
}

function elapsed(started: number): number {
  return performance.now() - started;
}

/** The steps of `full` after loading, timed one by one on the runs an `ingest` loaded. */
interface Phases {
  readonly compareRuns: Timing;
  readonly stringify: Timing;
  readonly markdown: Timing;
  readonly writeReport: Timing;
}

interface IngestResult {
  readonly timing: Timing;
  readonly rss: number;
  readonly phases: Phases;
  /** http_req_duration samples in the steady windows of all runs. */
  readonly samplesLoaded: number;
}

interface FullResult {
  readonly timing: Timing;
  readonly rss: number;
  readonly comparison: Comparison;
  readonly reportJson: number;
  readonly reportMd: number;
}

interface Round {
  readonly ingest: IngestResult;
  readonly full: FullResult;
}

async function measureIngest(data: GeneratedData, reportDir: string, rss: RssSampler): Promise<IngestResult> {
  rss.reset();
  const { result: runs, timing } = await timed(() => ingest(data));
  const peak = rss.peak();
  const { baseline, candidate } = runs;
  let samplesLoaded = 0;
  for (const run of [...baseline, ...candidate]) for (const endpoint of run.samples.endpoints) samplesLoaded += endpoint.ok.value.length + endpoint.failed.value.length;
  // The rest of `full`, step by step, on the runs just loaded (not part of either variant's time).
  const compared = await timed(() => compareRuns(baseline, candidate, { allowDifferentScenarios: false }));
  const stringify = await timed(() => JSON.stringify(compared.result, null, 2));
  const markdown = await timed(() => renderMarkdown(compared.result));
  const written = await timed(() => writeReport(compared.result, reportDir));
  return { timing, rss: peak, phases: { compareRuns: compared.timing, stringify: stringify.timing, markdown: markdown.timing, writeReport: written.timing }, samplesLoaded };
}

async function measureFull(data: GeneratedData, reportDir: string, rss: RssSampler): Promise<FullResult> {
  rss.reset();
  const { result, timing } = await timed(() => compareScenarioRuns({ baseline: [data.baseline], candidate: [data.candidate], outDir: reportDir }));
  const peak = rss.peak();
  return { timing, rss: peak, comparison: result.comparison, reportJson: (await stat(result.jsonFile)).size, reportMd: (await stat(result.markdownFile)).size };
}

/** The generated runs: reused from the parameter-keyed cache folder (BENCH_KEEP=1) when complete, else written. */
async function prepareData(scratch: string, keep: boolean, samples: number, metrics: MetricSet): Promise<{ data: GeneratedData; reused: boolean; dir: string }> {
  const dir = keep ? join(tmpdir(), `stagecraft-bench-compare-data-v${DATA_VERSION}-${samples}-${metrics}`) : join(scratch, 'data');
  const marker = join(dir, 'complete.json');
  if (keep && existsSync(marker)) return { data: JSON.parse(await readFile(marker, 'utf8')) as GeneratedData, reused: true, dir };
  await rm(dir, { recursive: true, force: true });
  // An interrupted generation leaves no marker; with BENCH_KEEP=1 the next run starts again.
  const started = performance.now();
  let written = 0;
  const data = await generateCompareData({
    dir,
    samplesPerRun: samples,
    metrics,
    onRun: (run) => {
      written += 1;
      process.stderr.write(`  generated ${run.id}: ${num(run.lines)} lines, ${mb(run.textBytes)} MB NDJSON, ${mb(run.gzipBytes)} MB gzip (${written}/10, ${seconds(elapsed(started))} s)\n`);
    },
  });
  if (keep) await writeFile(marker, `${JSON.stringify(data)}\n`);
  return { data, reused: false, dir };
}

async function main(): Promise<void> {
  const samples = intFromEnv('BENCH_SAMPLES', 2_000_000, 1_000, 20_000_000);
  const repeat = intFromEnv('BENCH_REPEAT', 3, 1, 20);
  const metrics = metricsFromEnv();
  const keep = process.env['BENCH_KEEP'] === '1';
  installSignalHandlers();
  const scratch = await createTempDir(keep);
  const gc = gcFunction();
  const rss = new RssSampler();
  onCleanup(() => Promise.resolve(rss.stop()));

  log(
    `compare benchmark: 5 + 5 runs of ${num(samples)} http_req_duration samples (${metrics === 'duration' ? 'only http_req_duration lines' : 'every k6 HTTP sample'}), ` +
      `${availableParallelism()} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${repeat} round(s)`,
  );
  const generationStarted = performance.now();
  const { data, reused, dir } = await prepareData(scratch, keep, samples, metrics);
  const gzipBytes = data.runs.reduce((total, run) => total + run.gzipBytes, 0);
  const textBytes = data.runs.reduce((total, run) => total + run.textBytes, 0);
  const lines = data.runs.reduce((total, run) => total + run.lines, 0);
  log(
    `${reused ? 'reused' : 'generated'} ${data.runs.length} run folders in ${dir}${reused ? '' : ` in ${seconds(elapsed(generationStarted))} s`}: ` +
      `${mb(gzipBytes)} MB gzip, ${mb(textBytes)} MB NDJSON, ${num(lines)} lines`,
  );

  const rounds: Round[] = [];
  for (let round = 1; round <= repeat; round += 1) {
    const order = round % 2 === 1 ? (['ingest', 'full'] as const) : (['full', 'ingest'] as const);
    let ingestResult: IngestResult | undefined;
    let fullResult: FullResult | undefined;
    for (const variant of order) {
      gc();
      if (variant === 'ingest') ingestResult = await measureIngest(data, join(scratch, `phases-${round}`), rss);
      else fullResult = await measureFull(data, join(scratch, `report-${round}`), rss);
    }
    gc();
    if (ingestResult === undefined || fullResult === undefined) throw new Error('a variant did not run');
    process.stderr.write(
      `  round ${round} (${order.join(' then ')}): ingest ${seconds(ingestResult.timing.wallMs)} s (CPU ${seconds(ingestResult.timing.cpuMs)} s), ` +
        `full ${seconds(fullResult.timing.wallMs)} s (CPU ${seconds(fullResult.timing.cpuMs)} s), load average ${loadavg()[0]?.toFixed(2) ?? '?'}\n`,
    );
    rounds.push({ ingest: ingestResult, full: fullResult });
  }
  printResults(rounds, { samples, gzipBytes, textBytes, lines });
}

function printResults(rounds: readonly Round[], size: { samples: number; gzipBytes: number; textBytes: number; lines: number }): void {
  const wall = (timings: readonly Timing[]): number[] => timings.map((t) => t.wallMs);
  const cpu = (timings: readonly Timing[]): number[] => timings.map((t) => t.cpuMs);
  const ingestT = rounds.map((r) => r.ingest.timing);
  const fullT = rounds.map((r) => r.full.timing);
  const row = (name: string, timings: readonly Timing[], peakRss: number | null): string[] => {
    const { min, max } = range(wall(timings));
    return [
      name,
      seconds(median(wall(timings))),
      `${seconds(min)}–${seconds(max)}`,
      percent(relativeSpread(wall(timings))),
      seconds(median(cpu(timings))),
      peakRss === null ? '' : num(peakRss / 1e6),
      wall(timings).map(seconds).join(' '),
    ];
  };
  const phase = (key: keyof Phases): Timing[] => rounds.map((r) => r.ingest.phases[key]);
  log();
  log(`seconds, median of ${rounds.length} round(s); the phases are the steps after loading, timed alone on the runs each ingest loaded:`);
  log(
    table([
      ['measured', 'wall s', 'min–max', 'spread', 'CPU s', 'peak RSS MB', 'wall s per round'],
      row('ingest: manifest + loadRuns × 2', ingestT, Math.max(...rounds.map((r) => r.ingest.rss))),
      row('full: compareScenarioRuns + report', fullT, Math.max(...rounds.map((r) => r.full.rss))),
      row('  phase: compareRuns', phase('compareRuns'), null),
      row('  phase: JSON.stringify (report.json)', phase('stringify'), null),
      row('  phase: renderMarkdown (report.md)', phase('markdown'), null),
      row('  phase: writeReport (both, written)', phase('writeReport'), null),
    ]),
  );
  const ingestWall = median(wall(ingestT));
  const ratio = median(wall(fullT)) / ingestWall;
  const cpuRatio = median(cpu(fullT)) / median(cpu(ingestT));
  const { min: ratioMin, max: ratioMax } = range(rounds.map((r) => r.full.timing.wallMs / r.ingest.timing.wallMs));
  // Noise-robust estimate: ingest plus the later steps timed alone (CPU), over ingest (CPU).
  const laterCpu = (['compareRuns', 'stringify', 'markdown', 'writeReport'] as const).reduce((total, key) => total + median(cpu(phase(key))), 0);
  const ingestCpu = median(cpu(ingestT));
  const first = rounds[0];
  log();
  log(
    `ingest throughput: ${num((10 * size.samples) / (ingestWall / 1000))} http_req_duration samples/s, ${num(size.lines / (ingestWall / 1000))} lines/s, ` +
      `${mb(size.textBytes / (ingestWall / 1000))} MB/s of NDJSON ` +
      `(${num(first?.ingest.samplesLoaded ?? 0)} http_req_duration samples kept in the steady windows)`,
  );
  log(`data: ${mb(size.gzipBytes)} MB gzip on disk (${mb(size.textBytes)} MB NDJSON); report.json ${num((first?.full.reportJson ?? 0) / 1024, 1)} KiB, report.md ${num((first?.full.reportMd ?? 0) / 1024, 1)} KiB`);
  log(`peak RSS of the process: ${num((process.resourceUsage().maxRSS * 1024) / 1e6)} MB (per variant above: sampled every 25 ms)`);
  const comparison = first?.full.comparison;
  if (comparison !== undefined) {
    const changed = comparison.rows.find((r) => r.service === CHANGED_ENDPOINT.service && r.endpoint === CHANGED_ENDPOINT.endpoint && r.metric === 'p50');
    const change = changed === undefined || changed.ratio === null ? 'missing' : `${percent(changed.ratio - 1)} (${changed.verdict} ${changed.reason})`;
    log(`comparison: ${comparison.overall.message}`);
    log(`planted change ${CHANGED_ENDPOINT.service} ${CHANGED_ENDPOINT.endpoint} p50 ×${CHANGE}: measured ${change}`);
  }
  log();
  log(
    `goal: full comparison + report ≤ ${GOAL_RATIO}× ingest alone: ${ratio.toFixed(2)}× (median full ${seconds(median(wall(fullT)))} s / median ingest ${seconds(ingestWall)} s; ` +
      `per round ${ratioMin.toFixed(2)}–${ratioMax.toFixed(2)}×; by CPU time ${cpuRatio.toFixed(2)}×) -> ${ratio <= GOAL_RATIO ? 'PASS' : 'WARN'}`,
  );
  log(`estimate from the phases, by CPU time: (ingest ${seconds(ingestCpu)} s + later steps ${seconds(laterCpu)} s) / ingest = ${((ingestCpu + laterCpu) / ingestCpu).toFixed(2)}×`);
  log(
    `(${availableParallelism()} cores shared with other work, load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}: with a large spread, ` +
      `trust the CPU-time ratio more than the wall-clock one)`,
  );
}

try {
  await main();
  await cleanup();
} catch (error) {
  await cleanup();
  if (error instanceof BadSetting) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 2;
  } else if (isStagecraftError(error)) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
