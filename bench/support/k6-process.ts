/**
 * Runs one k6 test and measures what it cost: k6's CPU time, the machine's other load while it
 * ran, and the numbers of k6's `--summary-export`. Linux only (it reads `/proc`).
 *
 * How k6's CPU time is measured, and why this way:
 *
 * - Reading `/proc/<k6 pid>/stat` just before k6 exits is racy: the last sample misses
 *   whatever k6 did after it (the end-of-test summary, threshold evaluation), and after exit
 *   the file is gone.
 * - Instead we read the `cutime`/`cstime` fields of `/proc/self/stat` (fields 16 and 17)
 *   before spawning k6 and after its `exit` event. The kernel adds a child's complete user
 *   and system time (all its threads, plus its own reaped children) to these fields at the
 *   moment the parent reaps it with wait(); Node's `exit` event fires after libuv's waitpid.
 *   The delta is therefore exactly k6's CPU time, the same number `/usr/bin/time` prints
 *   (both come from the kernel's accounting of the reaped child; resolution 1/CLK_TCK s).
 * - This is only correct if no other child of this process is reaped meanwhile, so k6 runs
 *   are strictly sequential and nothing else is spawned while one runs (the demo service runs
 *   inside this process; esbuild's service process stays alive and is not reaped).
 *
 * `/proc/<pid>/stat` is still sampled every 100 ms while k6 runs, to get the CPU rate in the
 * middle of the run (steady state, without VU initialisation and the end-of-test summary) and
 * to cross-check the cutime total. (Checked against `/usr/bin/time -f '%U %S'` on a CPU-bound
 * k6 script: the two agree to 0.01 s, the CPU of `time` itself.)
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { k6Environment } from '../../runner/k6-binary.js';
import { canReadProc, machineTimes, processTimes } from '../../runner/resources/proc.js';
import { GcTraceCollector, type GcTotals } from './gc-trace.js';

/** True when this machine has the `/proc` files the measurement needs. */
export function canMeasureCpu(): boolean {
  return canReadProc();
}

/** What one k6 run cost and achieved. */
export interface K6RunMeasurement {
  readonly exitCode: number;
  /** Wall time of the k6 process, s. */
  readonly wallSeconds: number;
  /** k6's total CPU time (user + system, all threads), s. */
  readonly cpuSeconds: number;
  /** k6's CPU rate in the middle half of its run (25%–75% of its wall time), cores. */
  readonly steadyCores: number | undefined;
  /** CPU used by everything else on the machine during the run (not k6, not this process), cores. */
  readonly otherCores: number;
  /** CPU stolen by the hypervisor during the run, cores. */
  readonly stealCores: number;
  /** This process (the demo service and the harness) during the run, cores. */
  readonly selfCores: number;
  /**
   * False when the cutime total disagrees with the last `/proc/<pid>/stat` sample (below it, or
   * above what k6 could have used after it): another child was reaped during the run.
   */
  readonly accountingConsistent: boolean;
  /** k6's garbage collections during the run (from `GODEBUG=gctrace=1`). */
  readonly gc: GcTotals;
  readonly summary: K6Summary;
  /** The last lines k6 printed (for error messages). */
  readonly outputTail: string;
}

/** The numbers the benchmark takes from k6's `--summary-export`. */
export interface K6Summary {
  readonly httpReqs: number;
  readonly httpReqRate: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  readonly checksFailed: number;
  readonly checksPassed: number;
  readonly httpReqFailedRate: number;
  readonly durationMedianMs: number;
  readonly durationP95Ms: number;
}

/** What a run that wrote no summary reports (k6 failed; the caller looks at the exit code). */
const emptySummary: K6Summary = {
  httpReqs: 0,
  httpReqRate: 0,
  iterations: 0,
  droppedIterations: 0,
  checksFailed: 0,
  checksPassed: 0,
  httpReqFailedRate: 0,
  durationMedianMs: 0,
  durationP95Ms: 0,
};

type MetricValues = Readonly<Record<string, number>>;

/** Reads the benchmark's numbers from a k6 `--summary-export` file. */
export async function readSummary(file: string): Promise<K6Summary> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { metrics?: Record<string, MetricValues> };
  const metrics = parsed.metrics ?? {};
  const value = (metric: string, field: string): number => metrics[metric]?.[field] ?? 0;
  return {
    httpReqs: value('http_reqs', 'count'),
    httpReqRate: value('http_reqs', 'rate'),
    iterations: value('iterations', 'count'),
    droppedIterations: value('dropped_iterations', 'count'),
    // k6 exports a Rate as passes (non-zero samples) and fails (zero samples).
    checksPassed: value('checks', 'passes'),
    checksFailed: value('checks', 'fails'),
    httpReqFailedRate: value('http_req_failed', 'value'),
    durationMedianMs: value('http_req_duration', 'med'),
    durationP95Ms: value('http_req_duration', 'p(95)'),
  };
}

/** CPU rate over the middle half of a run from (time s, cpu s) samples; undefined with too few samples. */
function middleRate(samples: readonly (readonly [number, number])[], wallSeconds: number): number | undefined {
  const from = samples.find(([time]) => time >= wallSeconds * 0.25);
  const to = [...samples].reverse().find(([time]) => time <= wallSeconds * 0.75);
  if (!from || !to || to[0] - from[0] < 1) return undefined;
  return (to[1] - from[1]) / (to[0] - from[0]);
}

/** `GODEBUG` with `gctrace=1` added to what the environment already sets. */
function gcTraceSetting(current: string | undefined): string {
  return current === undefined || current === '' ? 'gctrace=1' : `${current},gctrace=1`;
}

/** A k6 process the caller may need to stop (Ctrl-C). */
export interface RunningK6 {
  readonly pid: number | undefined;
  readonly done: Promise<K6RunMeasurement>;
}

/**
 * Starts `k6 run` on a script and measures it (see the file comment). k6 gets
 * `K6_NO_USAGE_REPORT=true`, `GODEBUG=gctrace=1` (one short stderr line per garbage
 * collection, read into `gc`) and the extra environment; it must be the only child process
 * that ends while it runs. With `cpuList` (e.g. `1` or `1-3`), k6 runs on those CPUs only.
 */
export function runK6(k6Path: string, script: string, summaryFile: string, env: Readonly<Record<string, string>>, cpuList?: string): RunningK6 {
  const startMachine = machineTimes();
  const startSelf = process.cpuUsage();
  const startChildren = processTimes('self').children;
  const started = performance.now();
  const k6Args = ['run', '--quiet', '--no-color', '--summary-export', summaryFile, script];
  // `taskset` sets the CPU affinity and then execs k6 in the same process, so the pid and the
  // cutime accounting are k6's own.
  const [command, args] = cpuList === undefined ? [k6Path, k6Args] : ['taskset', ['-c', cpuList, k6Path, ...k6Args]];
  const child = spawn(command, args, {
    env: k6Environment({ GODEBUG: gcTraceSetting(process.env['GODEBUG']), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (text: string): void => {
    output = (output + text).slice(-8_000);
  };
  const gcTrace = new GcTraceCollector();
  child.stdout.on('data', (chunk: Buffer) => keep(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => keep(gcTrace.add(chunk.toString('utf8'))));

  const samples: [number, number][] = [];
  const sampler = setInterval(() => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      samples.push([(performance.now() - started) / 1000, processTimes(child.pid).own]);
    } catch {
      // k6 exited between the check and the read; the total comes from cutime anyway.
    }
  }, 100);

  const done = new Promise<K6RunMeasurement>((resolve, reject) => {
    child.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    // 'close' comes after 'exit' (libuv has reaped k6, so cutime/cstime include it) and after
    // k6's output pipes are drained.
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      keep(gcTrace.finish());
      const wallSeconds = (performance.now() - started) / 1000;
      const cpuSeconds = processTimes('self').children - startChildren;
      const selfUsage = process.cpuUsage(startSelf);
      const selfSeconds = (selfUsage.user + selfUsage.system) / 1e6;
      const endMachine = machineTimes();
      const busy = endMachine.busy - startMachine.busy;
      const last = samples.at(-1);
      const accountingConsistent = last === undefined || (cpuSeconds >= last[1] - 0.02 && cpuSeconds <= last[1] + (wallSeconds - last[0]) * cpus().length + 0.05);
      readSummary(summaryFile)
        .catch(() => emptySummary)
        .then((summary) =>
          resolve({
            exitCode: code ?? (signal === null ? 1 : 128),
            wallSeconds,
            cpuSeconds,
            steadyCores: middleRate(samples, wallSeconds),
            otherCores: Math.max(0, busy - cpuSeconds - selfSeconds) / wallSeconds,
            stealCores: (endMachine.steal - startMachine.steal) / wallSeconds,
            selfCores: selfSeconds / wallSeconds,
            accountingConsistent,
            gc: gcTrace.totals(),
            summary,
            outputTail: output.trim().split('\n').slice(-15).join('\n'),
          }),
        )
        .catch(reject);
    });
  });
  return { pid: child.pid, done };
}
