/**
 * Server-side resources end to end: the demo catalog (baseline and refactor) each in its own
 * process, `runAb` with real k6 sampling each side's process by pid, and the comparison's
 * resource rows: the refactor's 64 MiB response cache shows as a peak-RSS FAIL.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../core/run-manifest.js';
import { startChildService, type ChildService } from '../../demo/child-service.js';
import { REFACTOR_CACHE_MIB } from '../../demo/response-cache.js';
import { runAb } from '../../runner/ab.js';
import { parseResourceTarget } from '../../runner/resources/targets.js';
import { k6ForTests } from '../support/k6.js';

const k6 = await k6ForTests();

const SCRIPT = `import http from 'k6/http';
export const options = { vus: 2, duration: '3s' };
export default function () {
  http.get(__ENV.CATALOG_URL + '/items?limit=5', { tags: { service: 'catalog', endpoint: 'list-items' } });
}
`;

describe.skipIf(!k6)('resource sampling during stagecraft ab', () => {
  let baseline: ChildService;
  let refactor: ChildService;
  beforeAll(async () => {
    baseline = await startChildService('http', 'baseline', 1);
    refactor = await startChildService('http', 'refactor', 2);
  });
  afterAll(async () => {
    await Promise.all([baseline?.stop(), refactor?.stop()]);
  });

  it('records CPU and memory of each side and compares them run by run', async () => {
    const work = await mkdtemp(join(tmpdir(), 'stagecraft-resources-e2e-'));
    const script = join(work, 'catalog-load.js');
    await writeFile(script, SCRIPT);
    const result = await runAb({
      scenario: script,
      root: work,
      repeat: 3,
      labels: { baseline: 'baseline', candidate: 'refactor' },
      baselineEnv: { CATALOG_URL: baseline.url },
      candidateEnv: { CATALOG_URL: refactor.url },
      baselineResources: [parseResourceTarget(`catalog=pid:${baseline.pid}`)],
      candidateResources: [parseResourceTarget(`catalog=pid:${refactor.pid}`)],
      ...(k6 ? { k6 } : {}),
    });

    const folder = result.folders.baseline[0] as string;
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as RunManifest;
    expect(existsSync(join(folder, 'resources.ndjson'))).toBe(true);
    expect(manifest.resources?.targets[0]).toMatchObject({ service: 'catalog', target: `pid:${baseline.pid}`, source: 'proc' });
    expect(manifest.resources?.warnings).toEqual([]);
    expect(manifest.resources?.overhead.percentOfCore).toBeLessThan(1);

    const resources = result.comparison.comparison.resources;
    expect(resources?.runs.baseline).toHaveLength(3);
    const row = (metric: string) => resources?.rows.find((r) => r.service === 'catalog' && r.metric === metric);
    const cpu = row('cpu');
    const peak = row('rss-peak');
    console.log(`e2e: catalog CPU ${cpu?.baseline.aggregate?.toFixed(1)}% → ${cpu?.candidate.aggregate?.toFixed(1)}% (${cpu?.verdict} ${cpu?.reason}); peak RSS ${((peak?.baseline.aggregate ?? 0) / 2 ** 20).toFixed(1)} → ${((peak?.candidate.aggregate ?? 0) / 2 ** 20).toFixed(1)} MiB (${peak?.verdict} ${peak?.reason}); sampler ${manifest.resources?.overhead.percentOfCore}% of a core`);
    // The service served requests: it used CPU on both sides.
    expect(cpu?.baseline.aggregate).toBeGreaterThan(0);
    expect(cpu?.test).toBe('welch-log');
    // The refactor's cache: RSS higher by about REFACTOR_CACHE_MIB.
    const growthMiB = ((peak?.candidate.aggregate ?? 0) - (peak?.baseline.aggregate ?? 0)) / 2 ** 20;
    expect(growthMiB).toBeGreaterThan(REFACTOR_CACHE_MIB * 0.7);
    expect(growthMiB).toBeLessThan(REFACTOR_CACHE_MIB * 1.5);
    expect(peak).toMatchObject({ verdict: 'FAIL', reason: 'regressed', test: 'welch-log' });
    expect(result.comparison.verdict).toBe('FAIL');
    expect(await readFile(result.comparison.markdownFile, 'utf8')).toContain('## Resources (server side)');
    expect(result.comparison.charts.resources?.filter((timeline) => timeline.service === 'catalog')).toHaveLength(6);
  });
});
