/**
 * k6-operator manifests for a compiled scenario: a ConfigMap with the script, a
 * PersistentVolumeClaim for the runners' outputs, and a `TestRun` (`k6.io/v1alpha1`) with
 * `parallelism` N. The operator gives every runner its execution segment and the tags
 * `instance_id` and `testrun_name`; each runner writes its samples and summary into its own
 * sub-folder of the claim (`subPathExpr: $(POD_NAME)`), because all runners get the same
 * arguments and would otherwise overwrite one file.
 */

import type { YamlValue } from './yaml.js';

/** Options of {@link k6OperatorManifests}. */
export interface K8sOptions {
  /** Base name of the resources (a DNS-1123 label: lower case, digits, `-`). */
  readonly name: string;
  /** Runner pods. */
  readonly parallelism: number;
  /** File name of the script inside the ConfigMap (`test.js`). */
  readonly scriptFile: string;
  /** The script's text. */
  readonly script: string;
  /** One runner per node (`spec.separate`). */
  readonly separate?: boolean;
  /** Runner image (default `grafana/k6:<k6 version>`). */
  readonly image: string;
  /** Runner resources (Kubernetes quantities). */
  readonly resources?: { readonly cpu: string; readonly memory: string };
  /** Extra tags on every sample (e.g. the script hash). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Environment of the runners (`__ENV`), e.g. the target URL. */
  readonly env?: Readonly<Record<string, string>>;
  /** Size of the results claim. */
  readonly storage?: string;
  readonly namespace?: string;
}

/** Where each runner writes, inside its own sub-folder of the claim. */
export const RUNNER_RESULTS_DIR = '/results';
/** A ConfigMap holds at most 1 MiB. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/** Checks a DNS-1123 label (Kubernetes resource names used here). */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** The TestRun alone (the object validated against the operator's CRD schema). */
export function testRunManifest(options: K8sOptions): Record<string, YamlValue> {
  const tags = Object.entries(options.tags ?? {}).flatMap(([key, value]) => ['--tag', `${key}=${value}`]);
  const args = ['--out', `json=${RUNNER_RESULTS_DIR}/samples.json.gz`, '--summary-export', `${RUNNER_RESULTS_DIR}/summary.json`, ...tags];
  const metadata: Record<string, YamlValue> = { name: options.name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) };
  const resources = options.resources ?? { cpu: '1', memory: '1Gi' };
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata,
    spec: {
      parallelism: options.parallelism,
      separate: options.separate ?? false,
      script: { configMap: { name: `${options.name}-script`, file: options.scriptFile } },
      arguments: args.join(' '),
      runner: {
        image: options.image,
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'K6_NO_USAGE_REPORT', value: 'true' },
          ...Object.entries(options.env ?? {}).map(([name, value]) => ({ name, value })),
        ],
        resources: { requests: { cpu: resources.cpu, memory: resources.memory }, limits: { cpu: resources.cpu, memory: resources.memory } },
        volumes: [{ name: 'results', persistentVolumeClaim: { claimName: `${options.name}-results` } }],
        volumeMounts: [{ name: 'results', mountPath: RUNNER_RESULTS_DIR, subPathExpr: '$(POD_NAME)' }],
      },
    },
  };
}

/** ConfigMap (script), PersistentVolumeClaim (outputs) and TestRun, in the order to apply them. */
export function k6OperatorManifests(options: K8sOptions): Record<string, YamlValue>[] {
  const namespace = options.namespace === undefined ? {} : { namespace: options.namespace };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${options.name}-script`, ...namespace }, data: { [options.scriptFile]: options.script } },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: `${options.name}-results`, ...namespace },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: options.storage ?? '5Gi' } } },
    },
    testRunManifest(options),
  ];
}
