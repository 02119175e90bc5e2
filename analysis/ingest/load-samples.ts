/** Building the comparison's view of one run from its sample files. */

import type { RunManifest } from '../../core/run-manifest.js';
import { mergeRawRuns } from '../model/merge-raw-runs.js';
import type { RawRun } from '../model/raw-run.js';
import { checkTrim } from './load-common.js';
import { readPart, type ReadPart, type SampleFile } from './load-part.js';
import { formatQuality, sampleQuality } from './load-quality.js';
import type { LoadedSampleRun, RunInputFacts } from './load-types.js';
import { endpointView } from './ndjson-endpoints.js';
import { readK6Ndjson } from './ndjson.js';
import type { K6Samples, ReadOptions } from './types.js';

/** The comparison's view of `raw`, with the trims and service names of `options`. */
export function viewOf(raw: RawRun, file: string, options: ReadOptions, serviceNames: Readonly<Record<string, string>> | undefined): K6Samples {
  return endpointView(raw, file, {
    trimStartMs: checkTrim('trimStartMs', options.trimStartMs),
    trimEndMs: checkTrim('trimEndMs', options.trimEndMs),
    serviceNames,
  });
}

/**
 * Reads the files of one run (one file, or the files of one distributed run) and builds its
 * view. A single NDJSON file that is not needed raw goes through `readK6Ndjson`, as ever.
 */
export async function loadSampleRun(
  files: readonly SampleFile[],
  identity: { id: string; label: string | null; source: string; manifest: RunManifest | null; instances: number },
  options: ReadOptions,
  keepRaw: boolean,
): Promise<{ run: LoadedSampleRun; raw: RawRun | null }> {
  const serviceNames = identity.manifest === null ? options.serviceNames : { ...serviceNamesOf(identity.manifest), ...options.serviceNames };
  const input: RunInputFacts = { files: files.map((file) => file.path), formats: files.map((file) => file.format), instances: identity.instances };
  const only = files[0];
  if (files.length === 1 && only !== undefined && only.format === 'ndjson' && !keepRaw) {
    const samples = await readK6Ndjson(only.path, { ...options, ...(serviceNames === undefined ? {} : { serviceNames }) });
    const quality = sampleQuality(samples);
    if (samples.layout === 'mixed') {
      quality.push({
        code: 'mixed-k6-versions',
        message: `${only.path} mixes the k6 ≥ v0.41 and the older NDJSON line layout (files of different k6 versions joined?): metric and tag sets can differ between its parts`,
      });
    }
    const { id, label, source, manifest } = identity;
    return { run: { id, label, source, manifest, samples, quality, input }, raw: null };
  }
  const parts: ReadPart[] = [];
  for (const file of files) parts.push(await readPart(file, options));
  const raw = parts.length === 1 ? (parts[0] as ReadPart).raw : mergeRawRuns(parts.map((part) => part.raw), options.maxIssues ?? 20);
  const samples = viewOf(raw, files.length === 1 ? (only as SampleFile).path : identity.source, options, serviceNames);
  const quality = [...sampleQuality(samples), ...formatQuality(identity.source, parts)];
  return { run: { id: identity.id, label: identity.label, source: identity.source, manifest: identity.manifest, samples, quality, input }, raw: keepRaw ? raw : null };
}

/** The manifest's service names by k6 `service` tag (services of the scenario metadata that have a tag). */
export function serviceNamesOf(manifest: RunManifest): Record<string, string> {
  return Object.fromEntries(
    (manifest.scenario.metadata?.services ?? []).filter((service) => typeof service.serviceTag === 'string').map((service) => [service.serviceTag, service.name]),
  );
}
