/** A run folder of a split run whose samples were made by another script than its manifest names. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs, loadRuns } from '../../../analysis/ingest/load-runs.js';
import { writeSplitRunFolder } from './split-run-fixture.js';

describe('distributed run folder script hash', () => {
  it('refuses samples tagged with another script_hash than the manifest, whether the raw run is kept (summarize) or not (compare)', async () => {
    const folder = await writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'stagecraft-folder-hash-')), { sampleScriptHash: 'bbbbbbbbbbbbbbbb' });
    const refused = /merges outputs of different scripts: samples tagged script_hash=bbbbbbbbbbbbbbbb, but the manifest's script is 5d41402abc4b2a76/;
    await expect(loadInputs([folder])).rejects.toThrow(refused);
    await expect(loadRuns([folder])).rejects.toThrow(refused);
  });

  it('loads the folder when the samples carry the manifest script_hash', async () => {
    const folder = await writeSplitRunFolder(await mkdtemp(join(tmpdir(), 'stagecraft-folder-hash-')), { sampleScriptHash: '5d41402abc4b2a76' });
    const [run] = await loadRuns([folder]);
    expect(run?.input.instances).toBe(2);
  });
});
