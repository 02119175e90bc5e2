import type { RunResources } from './resource-samples.js';
import type { ScenarioMetadata } from './scenario-metadata.js';

/** File names inside a run folder written by `stagecraft run`. */
export const RunFiles = {
  manifest: 'manifest.json',
  /** k6 `--out json=` (NDJSON, gzip). */
  samples: 'samples.json.gz',
  /** k6 `--summary-export=` (legacy flattened summary). */
  summary: 'summary.json',
  /** k6's stdout and stderr. */
  log: 'k6.log',
} as const;

/** How one k6 run ended, derived from its exit code. */
export type RunOutcome = 'passed' | 'thresholds-failed' | 'failed' | 'interrupted';

/**
 * `manifest.json` of one run folder. Written atomically when the run ends, so a folder without
 * a manifest is an unfinished or crashed run. Secret environment values are never stored.
 */
export interface RunManifest {
  readonly schemaVersion: 1;
  /** Folder name; unique within the results folder. */
  readonly runId: string;
  /** Side of the experiment, e.g. `baseline` or `refactor`. */
  readonly label: string;
  /** 1-based position in a `--repeat` series and the series length. */
  readonly repeat: { readonly index: number; readonly of: number };
  readonly scenario: {
    readonly name: string;
    /** The script k6 ran (absolute path). */
    readonly script: string;
    /** `sha256:<hex>` of the script file as run. */
    readonly contentHash: string;
    /** Compiler metadata when the script came from `stagecraft compile`, else null. */
    readonly metadata: ScenarioMetadata | null;
  };
  readonly k6: {
    readonly version: string;
    readonly binary: string;
    /** Arguments passed to k6 (no secret values: overrides travel in the environment). */
    readonly argv: readonly string[];
    readonly exitCode: number | null;
    readonly signal: string | null;
    readonly outcome: RunOutcome;
  };
  readonly git: { readonly commit: string | null; readonly dirty: boolean | null };
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  /** Environment overrides given to k6; values of secret-looking keys are `"<redacted>"`. */
  readonly env: Readonly<Record<string, string>>;
  /** Extra tags added to every sample with `--tag`. */
  readonly tags: Readonly<Record<string, string>>;
  readonly files: typeof RunFiles;
  readonly host: { readonly hostname: string; readonly platform: string; readonly cpus: number; readonly node: string };
  /**
   * Only for a run split across k6 instances (`stagecraft run --instances N`): the execution
   * segments, each instance's files and exit, and the thresholds judged over all instances.
   * Then `k6.exitCode`/`k6.outcome` are the whole run's: 99 / `thresholds-failed` when a
   * threshold fails over the merged samples, else the first failing instance's.
   */
  readonly distributed?: DistributedRunRecord;
  /** Server-side resource samples of the service(s) under test, when `--resource` targets were given. */
  readonly resources?: RunResources;
}

/** A run split across k6 instances by execution segments, as recorded in its manifest. */
export interface DistributedRunRecord {
  /** Number of k6 instances. */
  readonly instances: number;
  /** `--execution-segment-sequence` shared by every instance, e.g. `0,1/2,1`. */
  readonly sequence: string;
  /** Value of the `testrun_name` tag on every sample (the k6-operator's tag). */
  readonly testRunName: string;
  readonly members: readonly DistributedInstanceRecord[];
  /** The script's thresholds from `k6 inspect` (metric or sub-metric key → expressions); null when unknown. */
  readonly thresholdDefinitions: Readonly<Record<string, readonly string[]>> | null;
  /** Verdicts over the merged samples of all instances when the run ended; null when not judged. */
  readonly thresholds: readonly ThresholdVerdictRecord[] | null;
  /** True when every instance exited normally (0 or 99) and wrote its samples. */
  readonly complete: boolean;
}

/** One k6 instance of a distributed run. */
export interface DistributedInstanceRecord {
  /** Value of the `instance_id` tag on its samples: `1` … `N`. */
  readonly instanceId: string;
  /** `--execution-segment`, e.g. `1/2:1`. */
  readonly segment: string;
  readonly argv: readonly string[];
  /** File names inside the run folder. */
  readonly files: { readonly samples: string; readonly summary: string; readonly log: string };
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly outcome: RunOutcome;
}

/** A threshold judged over the whole run, next to each instance's own k6 verdict. */
export interface ThresholdVerdictRecord {
  /** The threshold key: a metric or sub-metric (`http_req_duration{service:catalog}`). */
  readonly metric: string;
  readonly expression: string;
  /** Verdict over all samples; null when it could not be judged (see `reason`). */
  readonly ok: boolean | null;
  /** The aggregated value compared (ms for time trends); null when there was none. */
  readonly value: number | null;
  readonly reason?: string;
  /** Each instance's own k6 verdict (its summary export); `ok` null when unknown. */
  readonly instances: readonly { readonly instanceId: string; readonly ok: boolean | null }[];
}
