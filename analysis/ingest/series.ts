/**
 * Column storage for samples: parallel `Float64Array`s of times (ms since epoch) and values,
 * never arrays of objects, so that millions of samples stay compact and sort fast.
 */

/** A finished series of samples: `time[i]` and `value[i]` belong together; both have one length. */
export interface Series {
  /** Sample times, ms since the Unix epoch (fractional ms allowed). */
  readonly time: Float64Array;
  /** Sample values (ms for durations, 0/1 for rates, increments for counters). */
  readonly value: Float64Array;
}

/** An empty {@link Series}. */
export function emptySeries(): Series {
  return { time: new Float64Array(0), value: new Float64Array(0) };
}

/** Builds a {@link Series} from plain arrays (tests, synthetic data). Lengths must match. */
export function seriesFrom(time: ArrayLike<number>, value: ArrayLike<number>): Series {
  if (time.length !== value.length) {
    throw new RangeError(`seriesFrom requires equal lengths, got ${time.length} times and ${value.length} values`);
  }
  return { time: Float64Array.from(time), value: Float64Array.from(value) };
}

/**
 * The samples of `parts` with `start <= time <= end`, concatenated in order, in new arrays: the
 * steady-window rule of the ingest (loading with trims) and of `trimSamples` (trimming after).
 */
export function seriesInWindow(parts: readonly Series[], start: number, end: number): Series {
  if (parts.length === 0) return emptySeries();
  let kept = 0;
  for (const { time } of parts) for (const t of time) if (t >= start && t <= end) kept += 1;
  const time = new Float64Array(kept);
  const value = new Float64Array(kept);
  let j = 0;
  for (const part of parts) {
    const times = part.time;
    const values = part.value;
    for (let i = 0; i < times.length; i += 1) {
      const t = times[i] as number;
      if (t >= start && t <= end) {
        time[j] = t;
        value[j] = values[i] as number;
        j += 1;
      }
    }
  }
  return { time, value };
}

/** A growable (time, value) buffer that doubles its capacity when full. */
export class SeriesBuffer {
  private times: Float64Array;
  private values: Float64Array;
  private size = 0;

  constructor(initialCapacity = 256) {
    this.times = new Float64Array(initialCapacity);
    this.values = new Float64Array(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  push(time: number, value: number): void {
    if (this.size === this.times.length) this.grow();
    this.times[this.size] = time;
    this.values[this.size] = value;
    this.size += 1;
  }

  /**
   * The samples with `start <= time <= end`, copied into exactly-sized arrays. Pass infinite
   * bounds to keep everything.
   */
  toSeries(start = Number.NEGATIVE_INFINITY, end = Number.POSITIVE_INFINITY): Series {
    let kept = 0;
    for (let i = 0; i < this.size; i += 1) {
      const t = this.times[i] as number;
      if (t >= start && t <= end) kept += 1;
    }
    const time = new Float64Array(kept);
    const value = new Float64Array(kept);
    let j = 0;
    for (let i = 0; i < this.size; i += 1) {
      const t = this.times[i] as number;
      if (t >= start && t <= end) {
        time[j] = t;
        value[j] = this.values[i] as number;
        j += 1;
      }
    }
    return { time, value };
  }

  private grow(): void {
    const capacity = Math.max(16, this.times.length * 2);
    const times = new Float64Array(capacity);
    const values = new Float64Array(capacity);
    times.set(this.times);
    values.set(this.values);
    this.times = times;
    this.values = values;
  }
}
