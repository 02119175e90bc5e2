import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagecraftError } from '../../../core/errors.js';
import { compileScenarios } from '../../../dsl/compiler/compile.js';
import { ROOT } from '../../support/cli.js';

async function outDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'stagecraft-compile-'));
}

/**
 * A project folder in the temp dir with `scenarios/type-errors.ts`. The fixture is kept as
 * `.ts.txt` because a real `.ts` file with type errors under test/ would break
 * `tsc -p tsconfig.json` and ESLint; its DSL import is pointed at this repository.
 */
async function typeErrorProject(): Promise<string> {
  const project = await outDir();
  await mkdir(join(project, 'scenarios'));
  await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
  const fixture = await readFile(join(ROOT, 'test/fixtures/invalid-scenarios/type-errors.ts.txt'), 'utf8');
  const dsl = relative(join(project, 'scenarios'), join(ROOT, 'dsl/index.js')).split(sep).join('/');
  await writeFile(join(project, 'scenarios', 'type-errors.ts'), fixture.replace("'../../../dsl/index.js'", `'${dsl}'`));
  return project;
}

async function compileError(options: Parameters<typeof compileScenarios>[0]): Promise<StagecraftError> {
  try {
    await compileScenarios(options);
  } catch (error) {
    if (error instanceof StagecraftError) return error;
    throw error;
  }
  throw new Error('compile did not fail');
}

describe('compileScenarios', () => {
  it('writes a script, source map, metadata and proto assets for each scenario', async () => {
    const out = await outDir();
    const result = await compileScenarios({ root: ROOT, scenariosDir: 'test/fixtures/scenarios', outDir: out, names: ['quick-http', 'quick-grpc'] });
    expect(result.compiled.map((scenario) => scenario.name)).toEqual(['quick-http', 'quick-grpc']);
    const script = await readFile(join(out, 'quick-http.js'), 'utf8');
    expect(script.split('\n')[0]).toContain('from test/fixtures/scenarios/quick-http.ts');
    expect(script).toMatch(/^\/\/ content-hash: sha256:[0-9a-f]{64}$/m);
    expect(script).toContain('//# sourceMappingURL=quick-http.js.map');
    expect(script).toMatch(/^export \{/m);
    expect(script).toMatch(/from "k6\/http"/);
    expect(script).not.toMatch(/require\(|process\.env/);
    expect(existsSync(join(out, 'quick-grpc.assets', 'scenarios', 'protos', 'inventory.proto'))).toBe(true);
    const metadata = JSON.parse(await readFile(join(out, 'quick-grpc.stagecraft.json'), 'utf8')) as { services: { serviceTag: string }[] };
    expect(metadata.services[0]?.serviceTag).toBe('demo.inventory.v1.Inventory');
  });

  it('emits k6 options with scenarios only (never top-level vus/duration) and canonical threshold keys', async () => {
    const [compiled] = (await compileScenarios({ root: ROOT, scenariosDir: 'test/fixtures/scenarios', outDir: await outDir(), names: ['quick-grpc'] })).compiled;
    const script = await readFile(compiled?.script ?? '', 'utf8');
    const options = JSON.parse(/export const options = (\{[\s\S]*?\n\});/.exec(script)?.[1] ?? /var options = (\{[\s\S]*?\n\});/.exec(script)?.[1] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(options).sort()).toEqual(['scenarios', 'summaryTrendStats', 'thresholds']);
    expect(options['thresholds']).toEqual({
      'grpc_req_duration{service:demo.inventory.v1.Inventory,endpoint:get-stock}': ['p(95)<2000'],
      'stagecraft_grpc_failed{service:demo.inventory.v1.Inventory}': ['rate<0.05'],
    });
    expect(options['scenarios']).toEqual({
      quick: { executor: 'constant-arrival-rate', rate: 40, timeUnit: '1s', duration: '3s', preAllocatedVUs: 10, maxVUs: 40, exec: 'quick' },
    });
  });

  it('is deterministic: compiling twice gives byte-identical files', async () => {
    const first = await outDir();
    const second = await outDir();
    const options = { root: ROOT, scenariosDir: 'test/fixtures/scenarios', names: ['quick-http', 'quick-grpc'] };
    await compileScenarios({ ...options, outDir: first });
    await compileScenarios({ ...options, outDir: second });
    const files = (await readdir(first, { recursive: true })).filter((file) => /\.(js|map|json)$/.test(file)).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) expect(await readFile(join(second, file), 'utf8'), file).toBe(await readFile(join(first, file), 'utf8'));
  });

  it('never inlines environment values or secrets, even when they are set while compiling, with a direct entry or the runtime', async () => {
    const out = await outDir();
    process.env['SECRET_TEST_TOKEN'] = 'tok-4f9a-never-inline-me';
    process.env['SECRET_TEST_URL'] = 'http://10.1.2.3:9999/never-inline';
    try {
      const [direct] = (await compileScenarios({ root: ROOT, scenariosDir: 'test/fixtures/secret-scenarios', outDir: out })).compiled;
      const [runtime] = (await compileScenarios({ root: ROOT, scenariosDir: 'test/fixtures/secret-scenarios', outDir: join(out, 'runtime'), directEntry: false })).compiled;
      expect([direct?.entry.direct, runtime?.entry.direct]).toEqual([true, false]);
    } finally {
      delete process.env['SECRET_TEST_TOKEN'];
      delete process.env['SECRET_TEST_URL'];
    }
    for (const file of [...(await readdir(out)).filter((name) => name !== 'runtime'), ...(await readdir(join(out, 'runtime'))).map((name) => join('runtime', name))]) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text, file).not.toContain('tok-4f9a-never-inline-me');
      expect(text, file).not.toContain('never-inline');
    }
    const metadata = JSON.parse(await readFile(join(out, 'with-secret.stagecraft.json'), 'utf8')) as { environment: unknown };
    expect(metadata.environment).toEqual([
      { name: 'SECRET_TEST_TOKEN', secret: true },
      { name: 'SECRET_TEST_URL', secret: false },
    ]);
  });

  it('reports every problem of an invalid scenario with its line and column, and writes nothing', async () => {
    const out = join(await outDir(), 'generated');
    const error = await compileError({ root: ROOT, scenariosDir: 'test/fixtures/invalid-scenarios', outDir: out, names: ['many-mistakes'] });
    expect(error.code).toBe('invalid-scenario');
    expect(error.exitCode).toBe(5);
    const messages = error.problems.map((problem) => `${problem.location?.line ?? '?'}:${problem.location?.column ?? '?'} ${problem.message}`);
    const expected: [RegExp, string][] = [
      // stages: [] (the key inside load.rampingVus({...}))
      [/scenario "ramp": stages must list at least one/, '19:9'],
      // rate: 0, duration: '10' as Duration, maxVUs: 5 (keys inside load.constantArrivalRate({...}))
      [/scenario "steady": rate must be a whole number >= 1, got 0/, '27:9'],
      [/scenario "steady": duration "10" has no unit/, '28:9'],
      [/scenario "steady": maxVUs \(5\) is below preAllocatedVUs \(10\)/, '30:9'],
      // services: [catalog, inventory] → grpcService('inventory', {...}) → the './protos/missing.proto' literal
      [/proto file \.\/protos\/missing\.proto does not exist/, '9:16'],
      // thresholds: [latency(other)...] → the name `other` in that threshold
      [/threshold refers to service "other", which is not in the test's services/, '35:24'],
    ];
    for (const [pattern, where] of expected) {
      const found = messages.find((message) => pattern.test(message));
      expect(found, `${pattern} in\n${messages.join('\n')}`).toBeDefined();
      expect(found?.startsWith(`${where} `), `${pattern} should point at ${where}: ${found}`).toBe(true);
    }
    expect(error.problems.every((problem) => problem.location?.file.endsWith('many-mistakes.ts'))).toBe(true);
    expect(error.problems).toHaveLength(expected.length);
    expect(existsSync(out)).toBe(false);
  });

  it('type-checks scenarios first: each type error with its TS code, line and column, the scenario not loaded, nothing written', async () => {
    const project = await typeErrorProject();
    const out = join(project, 'generated');
    const error = await compileError({ root: project, outDir: out });
    expect(error.code).toBe('invalid-scenario');
    const found = error.problems.map((problem) => `${problem.rule ?? '?'} ${problem.location?.line ?? '?'}:${problem.location?.column ?? '?'} ${problem.message}`);
    // Lines and columns in test/fixtures/invalid-scenarios/type-errors.ts.txt.
    expect(found).toEqual([
      "type-error 15:40 TS2322: Type 'number' is not assignable to type 'Duration'.",
      'type-error 17:12 TS2554: Expected 2 arguments, but got 1.',
      "type-error 21:57 TS2353: Object literal may only specify known properties, and 'rate' does not exist in type 'Options<ConstantVus>'.",
      "type-error 25:35 TS2339: Property 'p' does not exist on type 'RateThreshold'.",
      "type-error 25:86 TS2345: Argument of type '300' is not assignable to parameter of type 'Duration'.",
    ]);
    for (const problem of error.problems) {
      expect(problem.code).toBe('invalid-scenario');
      expect(problem.location?.file).toBe(join(project, 'scenarios', 'type-errors.ts'));
      expect(problem.fix).toMatch(/type error/);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('skips the type check with typeCheck: false (the scenario is then loaded, and fails at run time)', async () => {
    const project = await typeErrorProject();
    const error = await compileError({ root: project, outDir: join(project, 'generated'), typeCheck: false });
    expect(error.problems.some((problem) => problem.rule === 'type-error')).toBe(false);
    expect(error.problems[0]?.message).toMatch(/failed while loading: .*p is not a function/);
  });

  it('points an error thrown while the scenario loads at its source line', async () => {
    const error = await compileError({ root: ROOT, scenariosDir: 'test/fixtures/invalid-scenarios', outDir: await outDir(), names: ['throws-while-loading'] });
    const [problem] = error.problems;
    expect(problem?.message).toMatch(/duration\("1m30x"\)/);
    expect(problem?.location?.file).toMatch(/throws-while-loading\.ts$/);
    expect(problem?.location?.line).toBe(10);
  });

  it('explains a missing default export', async () => {
    const error = await compileError({ root: ROOT, scenariosDir: 'test/fixtures/invalid-scenarios', outDir: await outDir(), names: ['no-default-export'] });
    expect(error.problems[0]?.message).toMatch(/no default export made with defineTest/);
    expect(error.problems[0]?.fix).toMatch(/export default defineTest/);
  });

  it('lists the existing scenarios when a name is unknown', async () => {
    const error = await compileError({ root: ROOT, scenariosDir: 'test/fixtures/scenarios', outDir: await outDir(), names: ['nope'] });
    expect(error.code).toBe('unknown-scenario');
    expect(error.fix).toContain('quick-http');
  });

  it('check mode reports stale files without writing', async () => {
    const out = await outDir();
    const options = { root: ROOT, scenariosDir: 'test/fixtures/scenarios', outDir: out, names: ['quick-http'] };
    const before = await compileScenarios({ ...options, check: true });
    expect(before.stale.some((file) => file.endsWith('quick-http.js'))).toBe(true);
    expect(await readdir(out)).toEqual([]);
    await compileScenarios(options);
    expect((await compileScenarios({ ...options, check: true })).stale).toEqual([]);
  });
});

describe('the committed generated/ folder', () => {
  it('is up to date with scenarios/ (stagecraft compile --check)', async () => {
    const result = await compileScenarios({ root: ROOT, check: true });
    expect(result.compiled.length).toBeGreaterThanOrEqual(2);
    expect(result.stale).toEqual([]);
  });
});
