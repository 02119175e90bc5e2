import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../cli/context.js';
import { main } from '../../../cli/main.js';
import { ExitCode } from '../../../core/exit-codes.js';
import type { Comparison } from '../../../analysis/index.js';
import { renderJunit } from '../../../analysis/report/junit.js';
import { renderMarkdown } from '../../../analysis/report/markdown.js';
import { writeReport } from '../../../analysis/report/write-report.js';
import { regressionComparison } from '../report-markdown/comparisons.js';

function capture(): CliContext & { out: (line: string) => void; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { exitCode: ExitCode.ok, stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

async function report(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const context = capture();
  const code = await main(['node', 'stagecraft', 'report', ...args], context);
  return { code, stdout: context.stdout.join('\n'), stderr: context.stderr.join('\n') };
}

describe('stagecraft report', () => {
  let scratch: string;
  let comparison: Comparison;
  let saved: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'stagecraft-cli-report-'));
    comparison = regressionComparison();
    saved = (await writeReport(comparison, join(scratch, 'saved'))).json;
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('re-renders report.md, junit.xml and report.json from a saved report.json into --out', async () => {
    const out = join(scratch, 'again');
    const run = await report([saved, '--out', out]);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'report.json', 'report.md']);
    const reread = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Comparison;
    expect(reread).toEqual(JSON.parse(JSON.stringify(comparison)));
    expect(await readFile(join(out, 'report.md'), 'utf8')).toBe(renderMarkdown(comparison));
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toBe(renderJunit(comparison));
    expect(run.stdout).toBe(renderMarkdown(comparison));
    expect(run.stderr).toMatch(/report written to .*index\.html, .*report\.md, .*junit\.xml and .*report\.json \(verdict FAIL; no chart data in the input, so no charts\)/);
  });

  it('writes beside the report.json by default, byte for byte the same, and prints JSON with --format json', async () => {
    const before = await readFile(saved, 'utf8');
    const run = await report([saved, '--format', 'json']);
    expect(run.code).toBe(ExitCode.ok);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(before));
    expect(await readFile(saved, 'utf8')).toBe(before);
    expect((await readdir(join(scratch, 'saved'))).sort()).toEqual(['index.html', 'junit.xml', 'report.json', 'report.md']);
  });

  it('exits 3 with error[file-not-found] naming a missing file', async () => {
    const missing = join(scratch, 'nope', 'report.json');
    const run = await report([missing]);
    expect(run.code).toBe(ExitCode.input);
    expect(run.stderr).toContain(`error[file-not-found] ${missing} does not exist`);
  });

  it('exits 3 with error[invalid-input] for a file that is not JSON', async () => {
    const file = join(scratch, 'broken.json');
    await writeFile(file, '{"schemaVersion": 1, "rows": [');
    const run = await report([file, '--out', join(scratch, 'unused')]);
    expect(run.code).toBe(ExitCode.input);
    expect(run.stderr).toMatch(/^error\[invalid-input\] \S*broken\.json is not JSON \(/m);
  });

  it('exits 3 with error[invalid-input] for JSON that is not a comparison, saying what is wrong', async () => {
    const file = join(scratch, 'summary.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 2, runs: [], series: [] }));
    const run = await report([file, '--out', join(scratch, 'unused')]);
    expect(run.code).toBe(ExitCode.input);
    expect(run.stderr).toContain('summary.json is not a stagecraft comparison (report.json, schemaVersion 1): schemaVersion is 2, expected 1; "rows" is not an array');
    expect(run.stderr).toContain('fix: pass the report.json that `stagecraft compare` or `stagecraft ab` wrote');
    const array = join(scratch, 'array.json');
    await writeFile(array, '[]');
    expect((await report([array])).stderr).toContain('array.json is not a stagecraft comparison (report.json, schemaVersion 1): the top level is an array, not an object');
  });

  it('exits 2 without the report.json argument', async () => {
    expect((await report([])).code).toBe(ExitCode.usage);
  });
});
