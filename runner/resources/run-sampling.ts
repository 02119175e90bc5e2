import { join } from 'node:path';
import { RESOURCE_SAMPLES_FILE } from '../../core/resource-samples.js';
import { startResourceSampler, type ResourceSampler } from './sampler.js';
import type { ResourceTarget } from './targets.js';

/**
 * Starts sampling the targets of one run into `<run folder>/resources.ndjson`; null when there
 * are no targets (nothing is written and the manifest gets no `resources`).
 */
export function startRunSampling(targets: readonly ResourceTarget[] | undefined, folder: string, intervalMs?: number): ResourceSampler | null {
  if (targets === undefined || targets.length === 0) return null;
  return startResourceSampler({ targets, file: join(folder, RESOURCE_SAMPLES_FILE), fileName: RESOURCE_SAMPLES_FILE, ...(intervalMs === undefined ? {} : { intervalMs }) });
}

/** One line per warning of a finished sampling, for the run's progress log. */
export function resourceWarningLines(runId: string, warnings: readonly { readonly code: string; readonly message: string }[]): string[] {
  return warnings.map((warning) => `run ${runId}: warning[${warning.code}] ${warning.message} (latency results are unaffected)`);
}
