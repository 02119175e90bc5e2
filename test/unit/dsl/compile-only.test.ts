import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_ONLY_MODULES } from '../../../dsl/compiler/bundle.js';
import { compileScenarios } from '../../../dsl/compiler/compile.js';
import * as durations from '../../../dsl/duration.js';
import { defineTest, env, httpService, load } from '../../../dsl/index.js';
import * as standIns from '../../../dsl/k6/compile-only.js';
import * as shapes from '../../../dsl/shapes/index.js';
import * as thresholds from '../../../dsl/thresholds.js';
import { ROOT } from '../../support/cli.js';

const catalog = httpService('catalog', { baseUrl: env('CATALOG_URL', 'http://127.0.0.1:3000') });
const getItem = catalog.endpoint('get-item', { method: 'GET', path: '/items/{id}' });

describe('compile-only stand-ins (dsl/k6/compile-only.ts)', () => {
  it('exist for every file listed in COMPILE_ONLY_MODULES', () => {
    for (const file of COMPILE_ONLY_MODULES) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it('export every value the replaced modules export, with the same kind of value', () => {
    const standInValues: Record<string, unknown> = standIns;
    for (const module of [thresholds, shapes, durations] as Record<string, unknown>[]) {
      for (const [name, value] of Object.entries(module)) {
        expect(name in standInValues, `stand-in for ${name}`).toBe(true);
        expect(typeof standInValues[name], name).toBe(typeof value);
      }
    }
    for (const name of Object.keys(shapes.shapes)) expect(typeof standIns.shapes[name as keyof typeof shapes.shapes], `shapes.${name}`).toBe('function');
  });

  it('accept the calls scenario files make and return placeholders of the same shape', () => {
    const rules = [
      standIns.latency(getItem).p(95).below('300ms'),
      standIns.latency(catalog).avg.atMost('1s'),
      standIns.errorRate(catalog).below(0.01),
      standIns.rate('custom_rate').above(0.5),
      standIns.trend('custom_trend', { tag: 'x' }).max.below('2s'),
      standIns.counter('custom_counter').count('>', 10),
      standIns.gauge('custom_gauge').value('<', 5),
    ];
    for (const rule of rules) expect(rule.kind).toBe('threshold');
    const slo = standIns.slo(getItem, 'p(95)', { target: '20ms', critical: '500ms' });
    expect(slo).toMatchObject({ kind: 'slo', scope: getItem, statistic: 'p(95)', enforce: 'critical' });
    expect(standIns.duration('1m30s')).toBe('1m30s');
    expect(standIns.shapes.spike().executor).toBe('ramping-arrival-rate');
    expect(standIns.serviceTagValue(catalog)).toBe(thresholds.serviceTagValue(catalog));
    // A definition built with stand-ins is still a definition the runtime can run.
    const test = defineTest({ services: [catalog], scenarios: { browse: { load: load.constantVus({ vus: 1, duration: '1s' }), flow: () => undefined } }, thresholds: rules, slos: [slo] });
    expect(test.kind).toBe('stagecraft-test');
  });

  it('replace the compile-only modules in generated scripts that use the runtime, whose options still hold the real thresholds', async () => {
    const out = await mkdtemp(join(tmpdir(), 'stagecraft-compile-only-'));
    const [compiled] = (await compileScenarios({ root: ROOT, outDir: out, names: ['catalog-spike'], typeCheck: false, directEntry: false })).compiled;
    const script = await readFile(compiled?.script ?? '', 'utf8');
    expect(script).toContain('// dsl/k6/compile-only.ts');
    for (const file of COMPILE_ONLY_MODULES) expect(script).not.toContain(`// ${file}\n`);
    expect(script).not.toContain('// dsl/shapes/');
    expect(script).toMatch(/"thresholds": \{\n\s+"http_req_duration\{service:catalog,endpoint:search\}": \[\n\s+\{\n\s+"threshold": "p\(95\)<1000"/);
  });

  it('are not needed at all in a script with a direct entry, which has the same options', async () => {
    const out = await mkdtemp(join(tmpdir(), 'stagecraft-compile-only-'));
    const [direct] = (await compileScenarios({ root: ROOT, outDir: join(out, 'direct'), names: ['catalog-spike'], typeCheck: false })).compiled;
    const [runtime] = (await compileScenarios({ root: ROOT, outDir: join(out, 'runtime'), names: ['catalog-spike'], typeCheck: false, directEntry: false })).compiled;
    expect(direct?.entry).toEqual({ direct: true });
    const script = await readFile(direct?.script ?? '', 'utf8');
    expect(script).not.toContain('// dsl/k6/compile-only.ts');
    expect(script).not.toContain('// dsl/k6/runtime.ts\nvar');
    const options = (text: string): string | undefined => /^var options = [\s\S]*?^\};$/m.exec(text)?.[0];
    expect(options(script)).toBeDefined();
    expect(options(script)).toBe(options(await readFile(runtime?.script ?? '', 'utf8')));
  });
});
