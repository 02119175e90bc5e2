/**
 * `stagecraft ab` with real k6 against the real demo services: baseline vs refactor (the
 * refactor makes `get-item` ×1.25 slower and `search` ×0.70 faster), an A/A calibration that
 * later comparisons pick up, a config file with budgets, and `--fail-on-inconclusive`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, ComparisonRow, NoiseCalibration } from '../../analysis/index.js';
import { ExitCode } from '../../core/exit-codes.js';
import { startDemoServices, type RunningDemo } from '../../demo/services.js';
import { runCli } from '../support/cli.js';
import { k6ForTests } from '../support/k6.js';

const k6 = await k6ForTests();

function row(comparison: Comparison, endpoint: string, metric: ComparisonRow['metric']): ComparisonRow {
  const found = comparison.rows.find((r) => r.service === 'catalog' && r.endpoint === endpoint && r.metric === metric);
  if (found === undefined) throw new Error(`no row catalog ${endpoint} ${metric}`);
  return found;
}

async function readComparison(folder: string): Promise<Comparison> {
  return JSON.parse(await readFile(join(folder, 'report.json'), 'utf8')) as Comparison;
}

/** Run folders of one side, from the `run <folder>: ...` lines `ab` prints. */
function foldersOf(stderr: string, label: string): string[] {
  return [...stderr.matchAll(/^run (\S+): /gm)].map((match) => match[1] ?? '').filter((id) => id.endsWith(`-${label}`));
}

describe.skipIf(!k6)('stagecraft ab on the demo services', () => {
  let baseline: RunningDemo;
  let refactor: RunningDemo;
  let work: string;
  let results: string;
  /** The A/A run's log: it names the run folders the config test reuses. */
  let aaLog = '';

  beforeAll(async () => {
    baseline = await startDemoServices({ variant: 'baseline', seed: 21 });
    refactor = await startDemoServices({ variant: 'refactor', seed: 22 });
    work = await mkdtemp(join(tmpdir(), 'stagecraft-ab-'));
    results = join(work, 'results');
  });
  afterAll(async () => {
    await Promise.all([baseline?.stop(), refactor?.stop()]);
  });

  it('baseline vs refactor: FAIL for the slower endpoint, improved for the faster one, no FAIL elsewhere', async () => {
    const out = join(work, 'ab');
    const run = await runCli([
      'ab', 'demo-http',
      '--baseline-env', `CATALOG_URL=${baseline.http.url}`,
      '--candidate-env', `CATALOG_URL=${refactor.http.url}`,
      '--repeat', '5', '--results', results, '--out', out, '--no-calibration',
    ]);
    expect(run.code, run.stderr).toBe(ExitCode.regression);
    expect(run.stderr).toMatch(/verdict: FAIL .*seed \d+/);
    expect(run.stdout).toContain('# Performance comparison: FAIL');
    const comparison = await readComparison(out);
    expect(comparison.runs.baseline.map((r) => r.label)).toEqual(Array.from({ length: 5 }, () => 'baseline'));
    expect(comparison.runs.candidate.map((r) => r.label)).toEqual(Array.from({ length: 5 }, () => 'candidate'));
    for (const file of ['index.html', 'junit.xml', 'report.md']) expect(existsSync(join(out, file)), file).toBe(true);

    const slower = row(comparison, 'get-item', 'p95');
    expect(slower, slower.message).toMatchObject({ verdict: 'FAIL', reason: 'regressed', test: 'welch-log' });
    expect(slower.ratio ?? 0).toBeGreaterThan(1.1);
    expect(row(comparison, 'search', 'p50')).toMatchObject({ verdict: 'PASS', reason: 'improved' });
    expect(row(comparison, 'search', 'p95').ratio ?? 2).toBeLessThan(0.9);
    for (const each of comparison.rows.filter((r) => r.endpoint !== 'get-item')) {
      expect(each.verdict, `${each.endpoint} ${each.metric}: ${each.message}`).not.toBe('FAIL');
    }
    // The unchanged endpoints' medians are called unchanged (their tails may still need more runs).
    for (const endpoint of ['list-items', 'create-item']) {
      expect(row(comparison, endpoint, 'p50').verdict, row(comparison, endpoint, 'p50').message).toBe('PASS');
    }
    expect(comparison.slos.length).toBeGreaterThan(0);
    expect(comparison.slos.every((slo) => slo.candidate !== null)).toBe(true);
  });

  it('--aa: an A/A run never FAILs, stores the calibration, and compare picks it up', async () => {
    const run = await runCli([
      'ab', 'demo-http', '--aa', '--baseline-env', `CATALOG_URL=${baseline.http.url}`,
      '--repeat', '2', '--results', results, '--out', join(work, 'aa'),
    ]);
    aaLog = run.stderr;
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const comparison = await readComparison(join(work, 'aa'));
    expect(comparison.rows.filter((r) => r.verdict === 'FAIL').map((r) => `${r.endpoint} ${r.metric}: ${r.message}`)).toEqual([]);
    const file = join(results, 'demo-http', 'aa-calibration.json');
    expect(run.stderr).toContain('A/A calibration stored in');
    const calibration = JSON.parse(await readFile(file, 'utf8')) as NoiseCalibration;
    expect(calibration).toMatchObject({ kind: 'stagecraft-aa-calibration', scenario: 'demo-http', runsPerSide: { baseline: 2, candidate: 2 } });
    expect(calibration.noise.p95).toBeGreaterThan(0);
    expect(calibration.runSd.p95).toBeGreaterThan(0);

    // A later compare of this scenario's runs finds the calibration beside the run folders.
    const first = foldersOf(run.stderr, 'aa-first').map((id) => join(results, 'demo-http', id));
    const second = foldersOf(run.stderr, 'aa-second').map((id) => join(results, 'demo-http', id));
    expect(first).toHaveLength(2);
    const compared = await runCli(['compare', '--baseline', ...first, '--candidate', ...second, '--format', 'json']);
    expect(compared.stderr).toContain('A/A calibration: ');
    const withCalibration = JSON.parse(compared.stdout) as Comparison;
    expect(withCalibration.options.calibration?.scenario).toBe('demo-http');
    expect(withCalibration.notes.join(' ')).toContain('A/A calibration from');
  });

  it('a config file sets budgets; --fail-on-inconclusive exits 4 when nothing FAILs but rows are undecided', async () => {
    const config = join(work, 'stagecraft.config.json');
    await writeFile(
      config,
      JSON.stringify({ compare: { budgets: { p95: { fail: null }, p99: { fail: null }, throughput: { fail: null }, errorRate: { minIncrease: 1 } } } }),
    );
    const runsFolder = join(results, 'demo-http');
    const one = (label: string): string => join(runsFolder, foldersOf(aaLog, label)[0] ?? 'missing');
    // One run per side: the rows are single-run, so undecided without a calibration.
    const args = ['compare', '--baseline', one('aa-first'), '--candidate', one('aa-second'), '--config', config, '--no-calibration', '--format', 'json'];
    const plain = await runCli(args);
    expect(plain.code, plain.stderr).toBe(ExitCode.ok);
    const comparison = JSON.parse(plain.stdout) as Comparison;
    expect(comparison.options.budgets.p95.fail).toBeNull();
    expect(comparison.overall.inconclusive).toBe(true);
    expect(row(comparison, 'get-item', 'p50').inference).toBe('within-run-batches');
    const strict = await runCli([...args, '--fail-on-inconclusive']);
    expect(strict.code, strict.stderr).toBe(ExitCode.inconclusive);

    await writeFile(config, JSON.stringify({ compare: { budgets: { p95: { fial: 0.1 } } } }));
    const bad = await runCli(args);
    expect(bad.code).toBe(ExitCode.input);
    expect(bad.stderr).toContain('compare.budgets.p95.fial');
    expect(bad.stderr).toMatch(/did you mean .*fail/);
    expect(existsSync(config)).toBe(true);
  });
});
