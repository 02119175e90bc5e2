import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StagecraftError } from '../../../core/errors.js';
import { loadConfig, type LoadConfigOptions } from '../../../analysis/config/index.js';
import { ROOT } from '../../support/cli.js';

const folders: string[] = [];

async function folder(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-config-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** An import specifier from `dir` to this repository's config module. */
function configModule(dir: string): string {
  return relative(dir, join(ROOT, 'analysis/config/index.js')).split(sep).join('/');
}

async function loadError(options: LoadConfigOptions): Promise<StagecraftError> {
  try {
    await loadConfig(options);
  } catch (error) {
    if (error instanceof StagecraftError) return error;
    throw error;
  }
  throw new Error('loadConfig did not fail');
}

describe('loadConfig: finding and reading the file', () => {
  it('returns an empty config and no file when the folder has none', async () => {
    const cwd = await folder();
    await expect(loadConfig({ cwd })).resolves.toEqual({ config: {}, file: null });
  });

  it('imports a .ts config made with defineConfig (default export)', async () => {
    const cwd = await folder();
    await writeFile(
      join(cwd, 'stagecraft.config.ts'),
      [
        `import { defineConfig, type StagecraftConfig } from '${configModule(cwd)}';`,
        `const config: StagecraftConfig = defineConfig({ compare: { alpha: 0.01, budgets: { p95: { fail: 0.08 } }, failOnInconclusive: true } });`,
        'export default config;',
        '',
      ].join('\n'),
    );
    const loaded = await loadConfig({ cwd });
    expect(loaded.file).toBe(join(cwd, 'stagecraft.config.ts'));
    expect(loaded.config).toEqual({ compare: { alpha: 0.01, budgets: { p95: { fail: 0.08 } }, failOnInconclusive: true } });
  });

  it('parses a .json config, accepting a top-level $schema', async () => {
    const cwd = await folder({ 'stagecraft.config.json': JSON.stringify({ $schema: './schema.json', compare: { budgets: { p50: { fail: null } } } }) });
    const loaded = await loadConfig({ cwd });
    expect(loaded).toEqual({ config: { compare: { budgets: { p50: { fail: null } } } }, file: join(cwd, 'stagecraft.config.json') });
  });

  it('prefers stagecraft.config.ts, then .js, then .json', async () => {
    const js = 'export default { compare: { alpha: 0.02 } };\n';
    const json = '{ "compare": { "alpha": 0.03 } }';
    const ts = 'export default { compare: { alpha: 0.01 } };\n';
    const all = await folder({ 'stagecraft.config.json': json, 'stagecraft.config.js': js, 'stagecraft.config.ts': ts });
    expect((await loadConfig({ cwd: all })).config.compare?.alpha).toBe(0.01);
    const jsAndJson = await folder({ 'stagecraft.config.json': json, 'stagecraft.config.js': js });
    expect((await loadConfig({ cwd: jsAndJson })).config.compare?.alpha).toBe(0.02);
    const onlyJson = await folder({ 'stagecraft.config.json': json });
    expect((await loadConfig({ cwd: onlyJson })).config.compare?.alpha).toBe(0.03);
  });

  it('loads an explicit file relative to cwd, whatever its name', async () => {
    const cwd = await folder({ 'configs/ci.json': '{ "compare": { "power": 0.9 } }', 'stagecraft.config.json': '{ "compare": { "power": 0.5 } }' });
    const loaded = await loadConfig({ cwd, file: 'configs/ci.json' });
    expect(loaded).toEqual({ config: { compare: { power: 0.9 } }, file: join(cwd, 'configs', 'ci.json') });
  });

  it('fails clearly when an explicit file does not exist', async () => {
    const cwd = await folder();
    const error = await loadError({ cwd, file: 'missing.config.ts' });
    expect(error.code).toBe('file-not-found');
    expect(error.message).toContain(join(cwd, 'missing.config.ts'));
    expect(error.fix).toContain(cwd);
    expect(error.fix).toContain('stagecraft.config.ts');
  });

  it('rejects a folder or an unsupported extension as the config file', async () => {
    const cwd = await folder({ 'configs/a.json': '{}', 'stagecraft.yaml': 'compare: {}' });
    expect((await loadError({ cwd, file: 'configs' })).message).toContain('is a folder');
    const yaml = await loadError({ cwd, file: 'stagecraft.yaml' });
    expect(yaml.code).toBe('invalid-input');
    expect(yaml.fix).toContain('.ts, .js or .json');
  });

  it('reports the line and column of a JSON syntax error', async () => {
    const cwd = await folder({ 'stagecraft.config.json': '{\n  "compare": {\n    "alpha": 0.05,\n  }\n}\n' });
    const error = await loadError({ cwd });
    expect(error.code).toBe('invalid-input');
    expect(error.location).toEqual({ file: join(cwd, 'stagecraft.config.json'), line: 4, column: 3 });
    expect(error.message).toContain('line 4, column 3');
    expect(error.fix).toContain('trailing commas');
  });

  it('reports a JSON error V8 gives no position for, and an empty file', async () => {
    const cwd = await folder({ 'a.json': '{\n  "compare": { "alpha": tru }\n}', 'b.json': '  \n' });
    expect((await loadError({ cwd, file: 'a.json' })).location).toEqual({ file: join(cwd, 'a.json'), line: 2, column: 25 });
    const empty = await loadError({ cwd, file: 'b.json' });
    expect(empty.message).toContain('the file is empty');
  });

  it('reports a module that throws while loading, and one without a default export', async () => {
    const cwd = await folder({ 'throws.js': 'const x = 1;\nthrow new Error("boom");\nexport default {};\n', 'named.js': 'export const compare = {};\n' });
    const thrown = await loadError({ cwd, file: 'throws.js' });
    expect(thrown.code).toBe('invalid-input');
    expect(thrown.message).toContain('boom');
    expect(thrown.location).toEqual({ file: join(cwd, 'throws.js'), line: 2, column: 7 });
    const named = await loadError({ cwd, file: 'named.js' });
    expect(named.message).toContain('no default export');
    expect(named.fix).toContain('export default defineConfig');
  });

  it('reports a .ts config with a syntax error at its file', async () => {
    const cwd = await folder({ 'stagecraft.config.ts': 'export default { compare: { alpha: 0.01 }\n' });
    const error = await loadError({ cwd });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(`the config file ${join(cwd, 'stagecraft.config.ts')} failed while loading`);
    expect(error.location?.file).toBe(join(cwd, 'stagecraft.config.ts'));
  });

  it('resolves calibration relative to the config file, not to cwd', async () => {
    const cwd = await folder({ 'ci/stagecraft.json': '{ "compare": { "calibration": "../calibration/aa.json" } }' });
    const loaded = await loadConfig({ cwd, file: 'ci/stagecraft.json' });
    expect(loaded.config.compare?.calibration).toBe(join(cwd, 'calibration', 'aa.json'));
    const absolute = join(cwd, 'elsewhere', 'aa.json');
    const other = await folder({ 'stagecraft.config.json': JSON.stringify({ compare: { calibration: absolute } }) });
    expect((await loadConfig({ cwd: other })).config.compare?.calibration).toBe(absolute);
  });
});

describe('loadConfig: validation', () => {
  it('collects every problem with its key path, rule and line into one invalid-input error', async () => {
    const config = {
      compare: {
        alpha: 1.5,
        confidence: '95%',
        power: 0,
        budgets: { p95: { fail: -0.1, warn: 0.02 }, p99: { fail: 0.01, warn: 0.05 }, mean: { fail: null, warn: Number.MAX_VALUE }, errorRate: { minRatio: 'x' } },
        minSamples: { p95: { floor: 100, recommended: 50 }, p99: { floor: 1.5 } },
        services: {
          catalog: {
            throughput: 'fast',
            endpoints: { 'get-item': { p95: { fail: '5%' } }, 'list-items': [] },
          },
          orders: 7,
        },
        failOnInconclusive: 'yes',
        calibration: '',
      },
    };
    const cwd = await folder({ 'stagecraft.config.json': JSON.stringify(config, null, 2) });
    const error = await loadError({ cwd });
    expect(error.code).toBe('invalid-input');
    const file = join(cwd, 'stagecraft.config.json');
    expect(error.message).toContain(file);
    const found = error.problems.map((problem) => [problem.rule, problem.message.split(':')[0]]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['out-of-range', 'compare.alpha'],
        ['wrong-type', 'compare.confidence'],
        ['out-of-range', 'compare.power'],
        ['out-of-range', 'compare.budgets.p95.fail'],
        ['fail-below-warn', 'compare.budgets.p99.fail'],
        ['wrong-type', 'compare.budgets.errorRate.minRatio'],
        ['recommended-below-floor', 'compare.minSamples.p95.recommended'],
        ['out-of-range', 'compare.minSamples.p99.floor'],
        ['wrong-type', 'compare.services.catalog.throughput'],
        ['wrong-type', 'compare.services.catalog.endpoints.get-item.p95.fail'],
        ['wrong-type', 'compare.services.catalog.endpoints.list-items'],
        ['wrong-type', 'compare.services.orders'],
        ['wrong-type', 'compare.failOnInconclusive'],
        ['wrong-type', 'compare.calibration'],
      ]),
    );
    expect(found).toHaveLength(14);
    for (const problem of error.problems) expect(problem.code).toBe('invalid-input');
    // The CLI prints every problem (with its location) before the summary, which points at them.
    expect(error.message).toContain('14 problem(s)');
    expect(error.message).toContain('listed above');
    const endpoint = error.problems.find((problem) => problem.message.startsWith('compare.services.catalog.endpoints.get-item.p95.fail'));
    expect(endpoint?.fix).toContain('write 0.05 for 5%');
    expect(endpoint?.location?.file).toBe(file);
    const line = JSON.stringify(config, null, 2).split('\n').findIndex((text) => text.includes('"fail": "5%"')) + 1;
    expect(endpoint?.location).toEqual({ file, line, column: expect.any(Number) });
  });

  it('says "did you mean" for unknown keys that are close to a known one', async () => {
    const config = {
      compare: {
        budget: {},
        budgets: { P95: { fail: 0.1 }, 'error-rate': { minRatio: 2 }, throughtput: { warn: 0.01 }, p90: {} },
        services: { catalog: { p95: { failure: 0.1 }, 'get-item': { p95: { fail: 0.1 } }, endpoint: {} } },
        zzz: true,
      },
      comapre: {},
    };
    const cwd = await folder({ 'stagecraft.config.json': JSON.stringify(config, null, 2) });
    const messages = (await loadError({ cwd })).problems.map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'compare.budget: unknown key "budget"; did you mean "budgets"?',
        'compare.budgets.P95: unknown key "P95"; did you mean "p95"?',
        'compare.budgets.error-rate: unknown key "error-rate"; did you mean "errorRate"?',
        'compare.budgets.throughtput: unknown key "throughtput"; did you mean "throughput"?',
        'compare.budgets.p90: unknown key "p90"; did you mean "p50", "p95" or "p99"?',
        'compare.services.catalog.p95.failure: unknown key "failure"; did you mean "fail"?',
        'compare.services.catalog.get-item: unknown key "get-item"; endpoint budgets go under "endpoints": did you mean compare.services.catalog.endpoints.get-item?',
        'compare.services.catalog.endpoint: unknown key "endpoint"; did you mean "endpoints"?',
        'compare.zzz: unknown key "zzz"',
        'comapre: unknown key "comapre"; did you mean "compare"?',
      ]),
    );
    expect(messages).toHaveLength(10);
  });

  it('checks fail >= warn after merging defaults, global, service and endpoint settings', async () => {
    const config = {
      compare: {
        budgets: { p95: { warn: 0.06 }, p99: { warn: 0.03 } },
        services: {
          catalog: { p99: { fail: 0.02 }, endpoints: { 'get-item': { p99: { warn: 0.01 } }, search: { p95: { fail: 0.07 } } } },
          '127.0.0.1:8080': { throughput: { warn: 0.2 } },
        },
      },
    };
    const cwd = await folder({ 'stagecraft.config.json': JSON.stringify(config) });
    const messages = (await loadError({ cwd })).problems.map((problem) => problem.message);
    expect(messages).toEqual([
      'compare.budgets.p95.warn: the warn threshold 0.06 is above the fail budget 0.05 it inherits from the defaults',
      'compare.services.catalog.p99.fail: the fail budget 0.02 is below the warn threshold 0.03 it inherits from compare.budgets',
      'compare.services["127.0.0.1:8080"].throughput.warn: the warn threshold 0.2 is above the fail budget 0.05 it inherits from the defaults',
    ]);
  });

  it('accepts informational metrics and a valid full config', async () => {
    const config = {
      compare: {
        alpha: 0.01,
        confidence: 0.99,
        power: 0.9,
        budgets: { p50: { fail: null, warn: 0.5 }, p95: { fail: 0.05, warn: 0.05 }, errorRate: { minIncrease: 0, minRatio: 2 } },
        minSamples: { p99: { floor: 100, recommended: 500 } },
        services: { catalog: { endpoints: { 'get-item': { p99: { fail: null } } } } },
        failOnInconclusive: true,
      },
    };
    const cwd = await folder({ 'stagecraft.config.json': JSON.stringify(config) });
    await expect(loadConfig({ cwd })).resolves.toEqual({ config, file: join(cwd, 'stagecraft.config.json') });
  });

  it('rejects a config that is not an object, and non-finite numbers from JS', async () => {
    const array = await folder({ 'stagecraft.config.json': '[]' });
    expect((await loadError({ cwd: array })).problems.map((problem) => problem.message)).toEqual(['expected an object (the stagecraft config), got an array']);
    const js = await folder({ 'stagecraft.config.js': 'export default { compare: { budgets: { p95: { fail: Infinity } }, alpha: NaN } };\n' });
    const error = await loadError({ cwd: js });
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'compare.alpha: must be strictly between 0 and 1, got NaN',
      'compare.budgets.p95.fail: must be a finite number >= 0, got Infinity',
    ]);
    expect(error.problems[1]?.location).toEqual({ file: join(js, 'stagecraft.config.js'), line: 1, column: 47 });
  });
});
