import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioComparison } from '../../../analysis/index.js';
import { renderMarkdown } from '../../../analysis/report/markdown.js';
import { appendStepSummary } from '../../../analysis/report/step-summary.js';
import { reportComparison } from '../../../cli/commands/compare.js';
import { ExitCode, type ExitCodeValue } from '../../../core/exit-codes.js';
import { regressionComparison } from '../report-markdown/comparisons.js';

describe('GITHUB_STEP_SUMMARY', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'stagecraft-step-summary-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('appends, never overwrites', async () => {
    const file = join(scratch, 'summary.md');
    await writeFile(file, '# earlier step\n');
    expect(appendStepSummary('# one', { GITHUB_STEP_SUMMARY: file })).toBe(file);
    expect(appendStepSummary('# two\n', { GITHUB_STEP_SUMMARY: file })).toBe(file);
    expect(await readFile(file, 'utf8')).toBe('# earlier step\n\n# one\n\n# two\n');
  });

  it('does nothing when the variable is unset or empty', () => {
    expect(appendStepSummary('# x', {})).toBeNull();
    expect(appendStepSummary('# x', { GITHUB_STEP_SUMMARY: '' })).toBeNull();
  });

  it('gets report.md from compare and ab (reportComparison), and a write failure is only a warning', async () => {
    const comparison = regressionComparison();
    // Only what reportComparison reads (ScenarioComparison also carries the chart data).
    const used: Pick<ScenarioComparison, 'comparison' | 'verdict' | 'markdownFile' | 'jsonFile' | 'files' | 'trim' | 'exitCode' | 'calibrationFile'> = {
      comparison, verdict: comparison.overall.verdict, markdownFile: '', jsonFile: '', files: null,
      trim: { startMs: 0, endMs: 0 }, exitCode: ExitCode.regression, calibrationFile: null,
    };
    const result = used as ScenarioComparison;
    const file = join(scratch, 'compare.md');
    const lines: string[] = [];
    const context = { exitCode: ExitCode.ok as ExitCodeValue, out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    reportComparison(result, context, { GITHUB_STEP_SUMMARY: file });
    expect(await readFile(file, 'utf8')).toBe(`\n${renderMarkdown(comparison)}`);
    expect(context.exitCode).toBe(ExitCode.regression);

    reportComparison(result, context, { GITHUB_STEP_SUMMARY: join(scratch, 'no-such-folder', 'x.md') });
    expect(lines.join('\n')).toMatch(/warning: could not append the report to GITHUB_STEP_SUMMARY/);
    expect(context.exitCode).toBe(ExitCode.regression);
  });
});
