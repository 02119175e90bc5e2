/**
 * bench/support/gc-trace.ts: reading Go's gctrace lines out of k6's stderr. The lines below
 * were printed by k6 v2.2.0 (go1.26.8) running bench/hand-written/overhead.js with
 * GODEBUG=gctrace=1, pinned to one CPU (`1 P`) and on two (`2 P`).
 */
import { describe, expect, it } from 'vitest';
import { GcTraceCollector, parseGcLine } from '../../../bench/support/gc-trace.js';

const EARLY = 'gc 3 @0.040s 13%: 0.059+6.2+0.006 ms clock, 0.059+0.90/1.7/0+0.006 ms cpu, 6->7->4 MB, 7 MB goal, 0 MB stacks, 0 MB globals, 1 P';
const IDLE = 'gc 12 @3.008s 0%: 0.066+12+0.008 ms clock, 0.066+0.12/0.15/12+0.008 ms cpu, 18->18->10 MB, 21 MB goal, 0 MB stacks, 0 MB globals, 1 P';
const TWO_PROCS = 'gc 1 @0.033s 1%: 0.15+2.4+0.068 ms clock, 0.30+0.075/0.73/1.4+0.13 ms cpu, 3->4->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P';

describe('parseGcLine', () => {
  it('adds the stop-the-world phases, assists and background marking, keeps idle marking apart, and reads the live heap', () => {
    const early = parseGcLine(EARLY);
    expect(early?.markCpuMs).toBeCloseTo(0.059 + 0.9 + 1.7 + 0.006, 9);
    expect(early?.idleMarkCpuMs).toBe(0);
    expect(early?.liveHeapMb).toBe(4);
    const idle = parseGcLine(IDLE);
    expect(idle?.markCpuMs).toBeCloseTo(0.066 + 0.12 + 0.15 + 0.008, 9);
    expect(idle?.idleMarkCpuMs).toBe(12);
    expect(idle?.liveHeapMb).toBe(10);
    expect(parseGcLine(TWO_PROCS)?.markCpuMs).toBeCloseTo(0.3 + 0.075 + 0.73 + 0.13, 9);
  });

  it('ignores every other line, including k6 log lines that mention gc', () => {
    expect(parseGcLine('time="2026-11-23T21:20:00Z" level=error msg="gc 3 failed"')).toBeUndefined();
    expect(parseGcLine('scavenger: gc 3 @0.040s')).toBeUndefined();
    expect(parseGcLine('')).toBeUndefined();
  });
});

describe('GcTraceCollector', () => {
  it('adds up lines split across chunks and passes the other output through', () => {
    const collector = new GcTraceCollector();
    const stream = `${EARLY}\nlevel=warning msg="slow"\n${IDLE}\n${TWO_PROCS}\nlast words`;
    const cut = [0, 30, 150, 160, 300, stream.length];
    let passed = '';
    for (let i = 1; i < cut.length; i += 1) passed += collector.add(stream.slice(cut[i - 1], cut[i]));
    passed += collector.finish();
    expect(passed).toBe('level=warning msg="slow"\nlast words');
    const totals = collector.totals();
    expect(totals.cycles).toBe(3);
    expect(totals.markCpuMs).toBeCloseTo(2.665 + 0.344 + 1.235, 9);
    expect(totals.idleMarkCpuMs).toBeCloseTo(13.4, 9);
    expect(totals.medianLiveHeapMb).toBe(4);
  });

  it('counts a last gctrace line without a newline, and reports nothing for a run without collections', () => {
    const collector = new GcTraceCollector();
    expect(collector.add(EARLY)).toBe('');
    expect(collector.finish()).toBe('');
    expect(collector.totals()).toEqual({ cycles: 1, markCpuMs: expect.closeTo(2.665, 9) as number, idleMarkCpuMs: 0, medianLiveHeapMb: 4 });
    expect(new GcTraceCollector().totals()).toEqual({ cycles: 0, markCpuMs: 0, idleMarkCpuMs: 0, medianLiveHeapMb: 0 });
  });
});
