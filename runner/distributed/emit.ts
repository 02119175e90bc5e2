/** What `stagecraft compile --instances N [--emit commands|k8s]` prints for one compiled scenario. */

import { basename } from 'node:path';
import { StagecraftError } from '../../core/errors.js';
import type { ScenarioMetadata } from '../../core/scenario-metadata.js';
import { PINNED_K6_VERSION } from '../k6-binary.js';
import { CONFIGMAP_LIMIT_BYTES, isDnsLabel, k6OperatorManifests } from './k8s.js';
import { SCRIPT_HASH_TAG, shortHash } from '../../core/script-hash.js';
import { planInstances, renderPlan } from './plan.js';
import { toYaml } from './yaml.js';

/** The forms of a distributed plan. */
export const EMIT_FORMATS = ['commands', 'k8s'] as const;
/** One of {@link EMIT_FORMATS}. */
export type EmitFormat = (typeof EMIT_FORMATS)[number];


/** Options of {@link emitDistributed}. */
export interface EmitOptions {
  readonly format: EmitFormat;
  readonly instances: number;
  readonly runner?: { readonly image?: string; readonly cpu?: string; readonly memory?: string; readonly separate?: boolean; readonly namespace?: string };
}

/** A compiled scenario: its script text and metadata. */
export interface EmitScenario {
  readonly script: string;
  readonly scriptText: string;
  readonly metadata: ScenarioMetadata;
}


/**
 * The command lines (`commands`) or k6-operator manifests (`k8s`) that split one compiled
 * scenario across `instances` k6 processes or runner pods.
 *
 * @throws StagecraftError `usage` when the scenario name is no Kubernetes name or the script exceeds a ConfigMap
 */
export function emitDistributed(scenario: EmitScenario, options: EmitOptions): string {
  const { metadata } = scenario;
  const tags = { [SCRIPT_HASH_TAG]: shortHash(metadata.contentHash) };
  const file = basename(scenario.script);
  if (options.format === 'commands') {
    return renderPlan(planInstances({ script: file, instances: options.instances, testRunName: metadata.name, tags, scenarios: metadata.scenarios }));
  }
  if (!isDnsLabel(metadata.name)) {
    throw new StagecraftError({ code: 'usage', message: `scenario name "${metadata.name}" is not a Kubernetes resource name`, fix: 'rename the scenario file to lower-case letters, digits and "-"' });
  }
  const size = Buffer.byteLength(scenario.scriptText);
  if (size > CONFIGMAP_LIMIT_BYTES) {
    throw new StagecraftError({
      code: 'usage',
      message: `${scenario.script} is ${size} bytes, more than a ConfigMap holds (1 MiB)`,
      fix: 'put the script (or `k6 archive` of it) on a volume and use spec.script.volumeClaim instead',
    });
  }
  const runner = options.runner ?? {};
  return toYaml(
    k6OperatorManifests({
      name: metadata.name,
      parallelism: options.instances,
      scriptFile: file,
      script: scenario.scriptText,
      image: runner.image ?? `grafana/k6:${PINNED_K6_VERSION}`,
      resources: { cpu: runner.cpu ?? '1', memory: runner.memory ?? '1Gi' },
      separate: runner.separate ?? false,
      tags,
      ...(runner.namespace === undefined ? {} : { namespace: runner.namespace }),
    }),
  );
}
