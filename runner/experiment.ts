import type { K6Binary } from './k6-binary.js';
import type { ResourceTarget } from './resources/targets.js';
import { runScenario, type RunRecord } from './run-scenario.js';

/** One side of an A/B experiment: its label and the environment its runs get. */
export interface ExperimentSide {
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
  /** Server-side targets sampled during this side's runs (its own processes or endpoint). */
  readonly resources?: readonly ResourceTarget[];
}

/** Options of {@link runInterleaved}. */
export interface InterleavedOptions {
  readonly scenario: string;
  readonly baseline: ExperimentSide;
  readonly candidate: ExperimentSide;
  /** Runs per side. */
  readonly runsPerSide: number;
  readonly resultsDir?: string;
  readonly root?: string;
  readonly k6?: K6Binary;
  readonly log?: (line: string) => void;
}

/** The runs of both sides, in the order they ran. */
export interface InterleavedResult {
  readonly baseline: readonly RunRecord[];
  readonly candidate: readonly RunRecord[];
}

/**
 * The ABBA order of an interleaved experiment: A B B A A B B A … (`runsPerSide` of each).
 * Slow drift of the machine (thermal, caches, neighbours) then hits both sides alike, which a
 * plain A B A B order does not guarantee for linear drift.
 */
export function abbaOrder(runsPerSide: number): ('A' | 'B')[] {
  const order: ('A' | 'B')[] = [];
  for (let pair = 0; pair < runsPerSide; pair += 1) order.push(...(pair % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)));
  return order;
}

/**
 * Runs a scenario for a baseline and a candidate side, interleaved in ABBA order, each run with
 * its side's environment. Stops at the first run k6 fails (see `runScenario`).
 */
export async function runInterleaved(options: InterleavedOptions): Promise<InterleavedResult> {
  const baseline: RunRecord[] = [];
  const candidate: RunRecord[] = [];
  for (const side of abbaOrder(options.runsPerSide)) {
    const chosen = side === 'A' ? options.baseline : options.candidate;
    const [record] = await runScenario({
      scenario: options.scenario,
      label: chosen.label,
      env: chosen.env,
      ...(chosen.resources === undefined ? {} : { resources: chosen.resources }),
      ...(options.resultsDir === undefined ? {} : { resultsDir: options.resultsDir }),
      ...(options.root === undefined ? {} : { root: options.root }),
      ...(options.k6 === undefined ? {} : { k6: options.k6 }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    if (record) (side === 'A' ? baseline : candidate).push(record);
  }
  return { baseline, candidate };
}
