/**
 * The emitted k6-operator manifests, read back with a real YAML parser (the `yaml` package):
 * the TestRun against the operator's own CRD schema (test/fixtures/k6-operator, see SOURCE.md
 * there; the CRD excerpt is parsed from its YAML here), validated strictly: unknown fields are
 * errors, as with kubectl --validate=strict; the ConfigMap and the PersistentVolumeClaim for
 * their shape and for the names the TestRun refers to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { emitDistributed } from '../../../runner/distributed/emit.js';
import { isDnsLabel, k6OperatorManifests, testRunManifest, type K8sOptions } from '../../../runner/distributed/k8s.js';
import { toYaml, type YamlValue } from '../../../runner/distributed/yaml.js';
import { REPO_ROOT } from '../analysis/helpers.js';

type Schema = Record<string, unknown>;

/** Drops the Kubernetes `x-kubernetes-*` keywords and closes every object that lists its properties. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-')) continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([name, inner]) => [name, strict(inner)])) : strict(value);
  }
  if (out['properties'] !== undefined && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  if (out['format'] === 'int32') out['maximum'] = 2 ** 31 - 1;
  delete out['format'];
  return out;
}

/** Every document of a YAML stream as plain data; fails the test on any parse error or warning. */
function parseYaml(text: string): unknown[] {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    expect(document.errors.map((error) => error.message)).toEqual([]);
    expect(document.warnings.map((warning) => warning.message)).toEqual([]);
  }
  return documents.map((document) => document.toJS() as unknown);
}

const crdDocuments = parseYaml(readFileSync(join(REPO_ROOT, 'test/fixtures/k6-operator/k6.io_testruns.excerpt.yaml'), 'utf8'));
const crd = crdDocuments[0] as { kind: string; spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: unknown } }[] } };
const version = crd.spec.versions.find((entry) => entry.name === 'v1alpha1');
const validate = new Ajv({ allErrors: true, strict: false }).compile(strict(version?.schema.openAPIV3Schema) as Schema);

const options: K8sOptions = { name: 'shop', parallelism: 4, scriptFile: 'shop.js', script: 'export default function () {}\n', image: 'grafana/k6:2.2.0', tags: { script_hash: 'abc' }, separate: true };

describe('k6-operator TestRun', () => {
  it('reads the CRD excerpt from its YAML: one CustomResourceDefinition of TestRun', () => {
    expect(crdDocuments).toHaveLength(1);
    expect(crd.kind).toBe('CustomResourceDefinition');
    expect(crd.spec.group).toBe('k6.io');
    expect(crd.spec.names.kind).toBe('TestRun');
    expect(version?.schema.openAPIV3Schema).toMatchObject({ type: 'object', properties: { spec: { type: 'object' } } });
  });
  it('validates against the operator CRD schema', () => {
    const manifest = testRunManifest(options);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest).toMatchObject({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', spec: { parallelism: 4, separate: true, script: { configMap: { name: 'shop-script', file: 'shop.js' } } } });
    expect((manifest['spec'] as { arguments: string }).arguments).toBe('--out json=/results/samples.json.gz --summary-export /results/summary.json --tag script_hash=abc');
  });
  it('fails the schema on a misspelled or mistyped field', () => {
    const manifest = testRunManifest(options);
    const spec = manifest['spec'] as Record<string, unknown>;
    expect(validate({ ...manifest, spec: { ...spec, paralellism: 4 } })).toBe(false);
    expect(validate({ ...manifest, spec: { ...spec, parallelism: '4' } })).toBe(false);
    expect(validate({ ...manifest, spec: { ...spec, runner: { ...(spec['runner'] as object), resources: { requests: { cpu: '1 core' } } } } })).toBe(false);
    const withoutScript = Object.fromEntries(Object.entries(spec).filter(([key]) => key !== 'script'));
    expect(validate({ ...manifest, spec: withoutScript })).toBe(false);
  });
  it('refuses names Kubernetes refuses and scripts larger than a ConfigMap', () => {
    const metadata = { schemaVersion: 1, name: 'Shop_Mixed', source: 's.ts', contentHash: 'sha256:00', services: [], scenarios: [], slos: [], environment: [] } as const;
    expect(() => emitDistributed({ script: 'x.js', scriptText: '', metadata }, { format: 'k8s', instances: 2 })).toThrow(/not a Kubernetes resource name/);
    expect(() => emitDistributed({ script: 'x.js', scriptText: 'x'.repeat(1024 * 1024 + 1), metadata: { ...metadata, name: 'shop' } }, { format: 'k8s', instances: 2 })).toThrow(/more than a ConfigMap holds/);
  });
});

/** A script with text a naive YAML writer breaks: quotes, `: `, `#`, `---`, template literals, blank lines, unicode. */
const SCRIPT = [
  '// Generated by stagecraft from scenarios/shop.ts. Do not edit.',
  '// content-hash: sha256:63a17c55a07f9eaaddaff7099f1845b3305bcd51d0d4d985002f679123cc7d0d',
  "import http from 'k6/http';",
  'export const options = { thresholds: { "http_req_duration{name:a: b}": ["p(95)<300"] } };',
  '---',
  '# not a comment in the script',
  'export default function () {',
  '  const url = `${__ENV.CATALOG_URL}/items/${__ITER}`; // "quoted" \\ back',
  '',
  '\tconst tabbed = "ü → ✓";',
  '  http.get(url);',
  '}',
  '',
].join('\n');

interface Metadata {
  readonly name: string;
  readonly namespace?: string;
}
interface ConfigMapDocument {
  readonly metadata: Metadata;
  readonly data: Readonly<Record<string, unknown>>;
}
interface ClaimDocument {
  readonly metadata: Metadata;
  readonly spec: { readonly resources: { readonly requests: { readonly storage: string } } };
}
interface TestRunDocument {
  readonly spec: {
    readonly script: { readonly configMap: unknown };
    readonly runner: { readonly volumes: unknown; readonly volumeMounts: unknown; readonly env: unknown; readonly resources: { readonly limits: Readonly<Record<string, string>> } };
  };
}

/** Kubernetes quantities (`1`, `500m`, `1Gi`, `5Gi`, ...). */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/;

describe('emitted k8s manifests read back with the yaml package', () => {
  const k8sOptions = { name: 'shop', parallelism: 3, scriptFile: 'shop.js', script: SCRIPT, image: 'grafana/k6:2.2.0', namespace: 'load', tags: { script_hash: '63a17c55a07f9eaa' } };
  const documents = parseYaml(toYaml(k6OperatorManifests(k8sOptions))) as Record<string, YamlValue>[];
  const [configMap, claim, testRun] = documents as unknown as [ConfigMapDocument, ClaimDocument, TestRunDocument];

  it('are exactly the objects written (ConfigMap, PersistentVolumeClaim, TestRun), the script byte for byte', () => {
    expect(documents).toEqual(k6OperatorManifests(k8sOptions));
    expect(documents.map((document) => document['kind'])).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'TestRun']);
    expect(configMap.data['shop.js']).toBe(SCRIPT);
  });
  it('have the shape Kubernetes requires and refer to each other by name', () => {
    for (const document of documents) {
      expect(Object.keys(document).every((key) => ['apiVersion', 'kind', 'metadata', 'data', 'spec'].includes(key))).toBe(true);
      expect(isDnsLabel((document['metadata'] as { name: string }).name)).toBe(true);
      expect((document['metadata'] as { namespace: string }).namespace).toBe('load');
    }
    expect(configMap).toMatchObject({ apiVersion: 'v1', metadata: { name: 'shop-script' } });
    expect(Object.values(configMap.data).every((value) => typeof value === 'string')).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(configMap.data))).toBeLessThan(1024 * 1024);
    expect(claim).toMatchObject({ apiVersion: 'v1', metadata: { name: 'shop-results' }, spec: { accessModes: ['ReadWriteMany'] } });
    expect(claim.spec.resources.requests.storage).toMatch(QUANTITY);
    expect(validate(testRun), JSON.stringify(validate.errors)).toBe(true);
    const { spec } = testRun;
    expect(spec.script.configMap).toEqual({ name: configMap.metadata.name, file: 'shop.js' });
    expect(spec.runner.volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: claim.metadata.name } }]);
    expect(spec.runner.volumeMounts).toEqual([{ name: 'results', mountPath: '/results', subPathExpr: '$(POD_NAME)' }]);
    expect(spec.runner.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    for (const quantity of Object.values(spec.runner.resources.limits)) expect(quantity).toMatch(QUANTITY);
  });
  it('come out of `compile --emit k8s` the same way', () => {
    const metadata = { schemaVersion: 1, name: 'shop', source: 'scenarios/shop.ts', contentHash: 'sha256:63a17c55a07f9eaaddaff7099f1845b3305bcd51d0d4d985002f679123cc7d0d', services: [], scenarios: [], slos: [], environment: [] } as const;
    const emitted = parseYaml(emitDistributed({ script: 'generated/shop.js', scriptText: SCRIPT, metadata }, { format: 'k8s', instances: 4 }));
    expect((emitted[0] as ConfigMapDocument).data['shop.js']).toBe(SCRIPT);
    expect(validate(emitted[2]), JSON.stringify(validate.errors)).toBe(true);
    expect(emitted[2]).toHaveProperty('spec');
    expect((emitted[2] as { spec: unknown }).spec).toMatchObject({ parallelism: 4, arguments: '--out json=/results/samples.json.gz --summary-export /results/summary.json --tag script_hash=63a17c55a07f9eaa' });
  });
});

describe('toYaml', () => {
  it('writes block YAML with JSON-quoted strings and literal blocks for multi-line text', () => {
    const text = toYaml([{ a: 1, b: 'x: y', c: [{ d: true, e: [] }, 'f'], g: 'line 1\n  line 2\n', h: {} }, { i: null }]);
    expect(text).toBe(['a: 1', 'b: "x: y"', 'c:', '  - d: true', '    e: []', '  - "f"', 'g: |', '  line 1', '    line 2', 'h: {}', '---', 'i: null', ''].join('\n'));
  });
  it.each([
    ['a script', SCRIPT],
    ['no final newline', 'a\nb'],
    ['blank lines at the end', 'a\n\n\n'],
    ['only newlines', '\n\n'],
    ['indented first line', '  a\nb\n'],
    ['an empty first line, then an indented one', '\n  a\nb\n'],
    ['CRLF', 'a\r\nb\r\n'],
    ['a tab first', '\ta\n'],
    ['YAML-looking text', 'key: value\n- item\n--- \n...\n%YAML 1.2\n'],
    ['quotes and backslashes', `"a" 'b' \\ \\n\n`],
    ['a trailing space', 'a \nb  \n'],
  ])('round-trips a multi-line string: %s', (_name, text) => {
    const [back] = parseYaml(toYaml([{ data: { text } }])) as { data: { text: string } }[];
    expect(back?.data.text).toBe(text);
  });
});
