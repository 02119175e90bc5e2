/**
 * `junit.xml`: the comparison as JUnit test results for CI systems. One test case per
 * service × endpoint × gating metric (p95, p99, error rate, closed-model throughput) and per SLO:
 *
 * - FAIL → `<failure>` with the numbers (ratio, CI, adjusted p, budget) in its message;
 * - WARN that could not be decided (a reason in `INCONCLUSIVE_REASONS`) → `<skipped>`, so CI
 *   shows it as "not decided" without failing the build;
 * - other WARN (a change within budget, a data warning) → a passing case with the warning in
 *   `<system-out>`: WARN never fails a build;
 * - PASS → a passing case.
 */
import { formatMs } from '../compare/format.js';
import type { SloJudgment } from '../compare/slo-judgments.js';
import { INCONCLUSIVE_REASONS, type Comparison, type ComparisonRow, type ReasonCode, type Verdict } from '../compare/types.js';
import { escapeXml } from './escape.js';
import { formatBudget, formatRowChange, formatRowP, formatSide, rowsByService } from './row-text.js';

/** Name of the test suite holding the SLO judgments. */
export const SLO_SUITE = 'SLOs';

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly verdict: Verdict;
  readonly reason: ReasonCode;
  /** One line with the numbers. */
  readonly summary: string;
  /** Longer text: the human sentence and the values. */
  readonly detail: string;
}

function attr(text: string): string {
  return `"${escapeXml(text, 'attribute')}"`;
}

function rowCase(comparison: Comparison, row: ComparisonRow): TestCase {
  const ratio = row.ratio === null ? 'ratio —' : `ratio ×${row.ratio.toFixed(3)}`;
  const summary = `${row.verdict} ${row.reason}: ${row.metric} ${ratio}, change ${formatRowChange(row)}, p (Holm) ${formatRowP(row)}, budget ${formatBudget(comparison, row)}`;
  const detail = [
    row.message,
    `baseline: ${formatSide(row.baseline, row.unit)}, ${row.baseline.samples} samples`,
    `candidate: ${formatSide(row.candidate, row.unit)}, ${row.candidate.samples} samples`,
  ].join('\n');
  return { classname: row.service, name: `${row.endpoint} ${row.metric}`, verdict: row.verdict, reason: row.reason, summary, detail };
}

function sloSide(side: SloJudgment['baseline']): string {
  return side === null ? 'no value' : `${formatMs(side.value)} (${side.status})`;
}

function sloCase(slo: SloJudgment): TestCase {
  const tiers = (['target', 'acceptable', 'critical'] as const)
    .flatMap((tier) => (slo.tiers[tier] === null ? [] : [`${tier} ${formatMs(slo.tiers[tier])}`]))
    .join(', ');
  const summary = `${slo.verdict} ${slo.reason}: candidate ${sloSide(slo.candidate)}, baseline ${sloSide(slo.baseline)}; tiers ${tiers || 'none'}`;
  return {
    classname: slo.service,
    name: `SLO ${slo.endpoint ?? '(all endpoints)'} ${slo.statistic}`,
    verdict: slo.verdict,
    reason: slo.reason,
    summary,
    detail: slo.message,
  };
}

function testCaseXml(test: TestCase): string[] {
  const open = `    <testcase classname=${attr(test.classname)} name=${attr(test.name)}`;
  if (test.verdict === 'FAIL') {
    return [`${open}>`, `      <failure type=${attr(test.reason)} message=${attr(test.summary)}>${escapeXml(test.detail)}</failure>`, '    </testcase>'];
  }
  if (test.verdict === 'WARN' && INCONCLUSIVE_REASONS.includes(test.reason)) {
    return [`${open}>`, `      <skipped message=${attr(`inconclusive: ${test.summary}`)}/>`, `      <system-out>${escapeXml(test.detail)}</system-out>`, '    </testcase>'];
  }
  if (test.verdict === 'WARN') {
    return [`${open}>`, `      <system-out>${escapeXml(`${test.summary}\n${test.detail}`)}</system-out>`, '    </testcase>'];
  }
  return [`${open}/>`];
}

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

function countsOf(tests: readonly TestCase[]): Counts {
  return {
    tests: tests.length,
    failures: tests.filter((test) => test.verdict === 'FAIL').length,
    skipped: tests.filter((test) => test.verdict === 'WARN' && INCONCLUSIVE_REASONS.includes(test.reason)).length,
  };
}

function countAttrs(counts: Counts): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}"`;
}

function suiteXml(name: string, tests: readonly TestCase[]): string[] {
  return [`  <testsuite name=${attr(name)} ${countAttrs(countsOf(tests))}>`, ...tests.flatMap(testCaseXml), '  </testsuite>'];
}

/**
 * Renders a comparison as JUnit XML (the common Jenkins/GitLab/GitHub-reporter dialect): one
 * `<testsuite>` per service, in the comparison's order, plus one named {@link SLO_SUITE} when
 * the scenario has SLOs. Every string is escaped for XML 1.0, control characters included.
 */
export function renderJunit(comparison: Comparison): string {
  const groups = rowsByService(comparison);
  const suites: (readonly [string, TestCase[]])[] = comparison.services.map((service) => [
    service.service,
    (groups.get(service.service) ?? []).filter((row) => row.gating).map((row) => rowCase(comparison, row)),
  ] as const);
  if (comparison.slos.length > 0) suites.push([SLO_SUITE, comparison.slos.map(sloCase)]);
  const total = countsOf(suites.flatMap(([, tests]) => tests));
  const name = `stagecraft performance comparison: ${comparison.overall.verdict}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${attr(name)} ${countAttrs(total)}>`,
    ...suites.flatMap(([suite, tests]) => suiteXml(suite, tests)),
    '</testsuites>',
    '',
  ].join('\n');
}
