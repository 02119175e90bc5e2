/**
 * Go's garbage-collector trace (`GODEBUG=gctrace=1`), which k6 prints to stderr: one line per
 * collection. The overhead benchmark reads it to show how much of k6's CPU time went to
 * collecting garbage, because a script that keeps more objects alive per VU makes every
 * collection mark more, a cost that instruction counts with the collector off cannot show.
 *
 * A line looks like this (Go 1.2x; fields after the heap goal vary between Go versions):
 *
 *     gc 7 @1.234s 2%: 0.021+3.1+0.004 ms clock, 0.021+0.52/1.4/2.9+0.004 ms cpu, 9->10->5 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 1 P
 *
 * In `A+B/C/D+E ms cpu`: A and E are the stop-the-world phases, B the marking that allocating
 * goroutines were made to do (assist), C the dedicated and fractional background marking, D the
 * marking done by otherwise idle processors. `X->Y->Z MB` is the heap at the start and end of
 * marking and the live heap it found.
 */
import { median } from './stats.js';

/** What the collections of one k6 run added up to. */
export interface GcTotals {
  /** Number of collections. */
  readonly cycles: number;
  /** CPU time of the stop-the-world phases, assists and background marking (A+B+C+E), ms. */
  readonly markCpuMs: number;
  /** CPU time of marking on otherwise idle processors (D), ms: time k6 would have left idle, but in its CPU time all the same. */
  readonly idleMarkCpuMs: number;
  /** Median live heap after marking (Z), MB; 0 without collections. */
  readonly medianLiveHeapMb: number;
}

const GC_LINE = /^gc \d+ @[\d.]+s \d+%: [\d.+]+ ms clock, ([\d.]+)\+([\d.]+)\/([\d.]+)\/([\d.]+)\+([\d.]+) ms cpu, \d+->\d+->(\d+) MB/;

/** One collection from a gctrace line; undefined for any other line. */
export function parseGcLine(line: string): { markCpuMs: number; idleMarkCpuMs: number; liveHeapMb: number } | undefined {
  const match = GC_LINE.exec(line);
  if (match === null) return undefined;
  const [stopStart, assist, background, idle, stopEnd, live] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return { markCpuMs: stopStart + assist + background + stopEnd, idleMarkCpuMs: idle, liveHeapMb: live };
}

/**
 * Separates gctrace lines from the rest of a stream of output chunks (a line may be split
 * across chunks) and adds them up.
 */
export class GcTraceCollector {
  private pending = '';
  private cycles = 0;
  private markCpuMs = 0;
  private idleMarkCpuMs = 0;
  private readonly liveHeapsMb: number[] = [];

  /** Feeds a chunk of output; returns the lines it completed that are not gctrace lines. */
  add(chunk: string): string {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    return lines.filter((line) => !this.took(line)).map((line) => `${line}\n`).join('');
  }

  /** At the end of the stream: the last line if it had no newline and is not a gctrace line. */
  finish(): string {
    const last = this.pending;
    this.pending = '';
    return this.took(last) ? '' : last;
  }

  /** What the gctrace lines so far add up to. */
  totals(): GcTotals {
    return {
      cycles: this.cycles,
      markCpuMs: this.markCpuMs,
      idleMarkCpuMs: this.idleMarkCpuMs,
      medianLiveHeapMb: this.liveHeapsMb.length === 0 ? 0 : median(this.liveHeapsMb),
    };
  }

  /** Adds `line` to the totals when it is a gctrace line; false for any other line. */
  private took(line: string): boolean {
    const gc = parseGcLine(line);
    if (gc === undefined) return false;
    this.cycles += 1;
    this.markCpuMs += gc.markCpuMs;
    this.idleMarkCpuMs += gc.idleMarkCpuMs;
    this.liveHeapsMb.push(gc.liveHeapMb);
    return true;
  }
}
