import { describe, expect, it } from 'vitest';
import { checkSegments, evenSegments, formatSegment, formatSequence, parseFraction, parseSegment, parseSequence, segmentShare } from '../../../core/execution-segments.js';
import { planInstances, renderPlan } from '../../../runner/distributed/plan.js';

const seg = (text: string) => {
  const parsed = parseSegment(text);
  if (parsed === null) throw new Error(text);
  return parsed;
};

describe('execution segments', () => {
  it('parses k6 forms exactly', () => {
    expect(parseFraction('1/4')).toEqual({ num: 1, den: 4 });
    expect(parseFraction('0.25')).toEqual({ num: 1, den: 4 });
    expect(parseFraction('25%')).toEqual({ num: 1, den: 4 });
    expect(parseFraction('2/4')).toEqual({ num: 1, den: 2 });
    expect(parseFraction('3/2')).toBeNull();
    expect(parseFraction('x')).toBeNull();
    expect(formatSegment(seg('1/2'))).toBe('0:1/2');
  });
  it('splits evenly into segments that tile [0, 1]', () => {
    const { sequence, segments } = evenSegments(3);
    expect(formatSequence(sequence)).toBe('0,1/3,2/3,1');
    expect(segments.map(formatSegment)).toEqual(['0:1/3', '1/3:2/3', '2/3:1']);
    expect(segments.reduce((sum, segment) => sum + segmentShare(segment), 0)).toBeCloseTo(1, 12);
    expect(checkSegments(segments.map((segment, i) => ({ label: `#${i}`, segment })), sequence)).toEqual([]);
  });
  it('reports overlapping, gappy and foreign segments', () => {
    const sequence = parseSequence('0,1/3,2/3,1') ?? [];
    const overlap = checkSegments([{ label: 'a', segment: seg('0:2/3') }, { label: 'b', segment: seg('1/3:1') }], sequence);
    expect(overlap.map((problem) => problem.code)).toEqual(['not-in-sequence', 'not-in-sequence', 'overlap']);
    expect(overlap[2]?.message).toMatch(/b: segment 1\/3:1 overlaps a/);
    const gap = checkSegments([{ label: 'a', segment: seg('0:1/3') }, { label: 'c', segment: seg('2/3:1') }], sequence);
    expect(gap).toEqual([{ code: 'gap', message: 'no instance runs the load between 1/3 and 2/3' }]);
    expect(checkSegments([{ label: 'a', segment: seg('0:1/3') }]).map((problem) => problem.message)).toEqual(['no instance runs the load between 1/3 and 1']);
    expect(checkSegments([{ label: 'a', segment: seg('1/2:1/3') }, { label: 'b', segment: seg('0:1') }]).map((problem) => problem.code)).toContain('empty-segment');
  });
});

describe('planInstances', () => {
  it('gives every instance its segment, outputs and instance tags, and splits the arrival rate', () => {
    const plan = planInstances({
      script: 'shop.js',
      instances: 2,
      testRunName: 'shop',
      tags: { script_hash: 'abc' },
      scenarios: [{ name: 'buy', executor: 'constant-arrival-rate', model: 'open', startTimeMs: 0, durationMs: 1000, rampUpMs: 0, options: { rate: 30, timeUnit: '2s' } }],
    });
    expect(plan.sequence).toBe('0,1/2,1');
    expect(plan.members[1]?.argv).toEqual([
      'run', '--execution-segment', '1/2:1', '--execution-segment-sequence', '0,1/2,1',
      '--out', 'json=samples-2.json.gz', '--summary-export', 'summary-2.json',
      '--tag', 'instance_id=2', '--tag', 'testrun_name=shop', '--tag', 'script_hash=abc', 'shop.js',
    ]);
    expect(plan.rates).toEqual([{ scenario: 'buy', executor: 'constant-arrival-rate', totalPerSecond: 15, perInstance: [7.5, 7.5] }]);
    expect(renderPlan(plan)).toContain('K6_NO_USAGE_REPORT=true k6 run --execution-segment 0:1/2');
  });
});
