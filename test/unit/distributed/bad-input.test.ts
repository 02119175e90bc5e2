/** Bad input of distributed runs: outputs of different scripts, a lost instance among loose files. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../../analysis/ingest/load-runs.js';

/** Hand-made NDJSON in k6 v2's format: one declaration and one http_reqs point per second. */
function ndjson(instance: string, hash: string, startSecond: number): string {
  const tags = (second: number) => JSON.stringify({ instance_id: instance, method: 'GET', script_hash: hash, testrun_name: 'shop', url: `http://127.0.0.1/${second}` });
  const lines = [JSON.stringify({ type: 'Metric', data: { name: 'http_reqs', type: 'counter', contains: 'default', thresholds: [], submetrics: null }, metric: 'http_reqs' })];
  for (let s = 0; s < 3; s += 1) lines.push(`{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-23T10:00:0${startSecond + s}.000000000Z","value":1,"tags":${tags(s)}}}`);
  return `${lines.join('\n')}\n`;
}

describe('distributed bad input', () => {
  it('refuses to merge instances of different scripts (script_hash tags differ)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stagecraft-hash-'));
    await writeFile(join(dir, 'a.json'), ndjson('1', 'aaaa', 0));
    await writeFile(join(dir, 'b.json'), ndjson('2', 'bbbb', 0));
    await expect(loadInputs([join(dir, 'a.json'), join(dir, 'b.json')])).rejects.toThrow(/ran different scripts: .*script_hash=aaaa.*script_hash=bbbb/);
  });
  it('flags a distributed run whose instance_id 2 of 3 is missing as incomplete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stagecraft-gap-'));
    await writeFile(join(dir, 'a.json'), ndjson('1', 'aaaa', 0));
    await writeFile(join(dir, 'c.json'), ndjson('3', 'aaaa', 0));
    const [input] = await loadInputs([join(dir, 'a.json'), join(dir, 'c.json')]);
    expect(input?.kind).toBe('samples');
    const quality = input?.kind === 'samples' ? input.run.quality : [];
    expect(quality).toContainEqual({ code: 'incomplete-run', message: 'distributed run shop has no output of instance_id 2: its share of the load is missing' });
  });
});
