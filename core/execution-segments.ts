/**
 * k6 execution segments as exact fractions: the cut points shared by every instance
 * (`--execution-segment-sequence 0,1/3,2/3,1`) and each instance's slice of them
 * (`--execution-segment 1/3:2/3`). k6 scales VUs, iterations and arrival rates by the slice,
 * so slices that tile [0, 1] exactly, without gap or overlap, add up to the planned load.
 */

/** A non-negative fraction in lowest terms. */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

/** One instance's slice `[from, to)` of the whole test. */
export interface Segment {
  readonly from: Fraction;
  readonly to: Fraction;
}

/** A problem with a set of segments, as a stable code and a sentence. */
export interface SegmentProblem {
  readonly code: 'invalid-fraction' | 'empty-segment' | 'overlap' | 'gap' | 'not-in-sequence';
  readonly message: string;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** `num/den` reduced to lowest terms (den > 0). */
export function fraction(num: number, den: number): Fraction {
  const divisor = gcd(num, den) || 1;
  return { num: num / divisor, den: den / divisor };
}

/** Parses k6's forms: `1/4`, `0.25`, `25%`, `0`, `1`; null for anything else or outside [0, 1]. */
export function parseFraction(text: string): Fraction | null {
  const value = text.trim();
  let result: Fraction | null = null;
  const ratio = /^(\d+)\/(\d+)$/.exec(value);
  const decimal = /^(\d+)(?:\.(\d+))?(%?)$/.exec(value);
  if (ratio) {
    const den = Number(ratio[2]);
    if (den > 0) result = fraction(Number(ratio[1]), den);
  } else if (decimal) {
    const digits = decimal[2] ?? '';
    const scale = 10 ** digits.length * (decimal[3] === '%' ? 100 : 1);
    result = fraction(Number(`${decimal[1] ?? '0'}${digits}`), scale);
  }
  return result !== null && Number.isSafeInteger(result.den) && compare(result, ONE) <= 0 ? result : null;
}

const ZERO: Fraction = { num: 0, den: 1 };
const ONE: Fraction = { num: 1, den: 1 };

/** Sign of a − b. */
export function compare(a: Fraction, b: Fraction): number {
  return Math.sign(a.num * b.den - b.num * a.den);
}

/** `1/3`, `0`, `1`. */
export function formatFraction(value: Fraction): string {
  return value.den === 1 ? String(value.num) : `${value.num}/${value.den}`;
}

/** k6's `--execution-segment` text of a slice: `1/3:2/3`. */
export function formatSegment(segment: Segment): string {
  return `${formatFraction(segment.from)}:${formatFraction(segment.to)}`;
}

/** The length of a slice as a number (its share of the load). */
export function segmentShare(segment: Segment): number {
  return segment.to.num / segment.to.den - segment.from.num / segment.from.den;
}

/** Parses `from:to`, or k6's single value `x` meaning `0:x`; null when malformed. */
export function parseSegment(text: string): Segment | null {
  const parts = text.split(':');
  if (parts.length > 2) return null;
  const from = parts.length === 2 ? parseFraction(parts[0] ?? '') : ZERO;
  const to = parseFraction(parts[parts.length - 1] ?? '');
  return from === null || to === null ? null : { from, to };
}

/** The even split into `instances` slices: cut points `0, 1/n, ..., 1` and one slice per instance. */
export function evenSegments(instances: number): { readonly sequence: readonly Fraction[]; readonly segments: readonly Segment[] } {
  if (!Number.isInteger(instances) || instances < 1) throw new RangeError(`instances must be a whole number >= 1, got ${instances}`);
  const sequence = Array.from({ length: instances + 1 }, (_, i) => fraction(i, instances));
  const segments = sequence.slice(0, -1).map((from, i) => ({ from, to: sequence[i + 1] as Fraction }));
  return { sequence, segments };
}

/** k6's `--execution-segment-sequence` text: `0,1/3,2/3,1`. */
export function formatSequence(sequence: readonly Fraction[]): string {
  return sequence.map(formatFraction).join(',');
}

/** Parses `0,1/3,2/3,1`; null when a cut point is malformed. */
export function parseSequence(text: string): Fraction[] | null {
  const points = text.split(',').map(parseFraction);
  return points.every((point): point is Fraction => point !== null) ? points : null;
}

/**
 * Checks that the instances' slices together are the whole test exactly once: each slice is
 * non-empty and (when a sequence is given) spans two adjacent cut points of it, no two slices
 * overlap, and there is no gap between 0 and 1.
 *
 * @returns every problem found; `[]` when the slices tile [0, 1]
 */
export function checkSegments(segments: readonly { readonly label: string; readonly segment: Segment }[], sequence?: readonly Fraction[]): SegmentProblem[] {
  const problems: SegmentProblem[] = [];
  for (const { label, segment } of segments) {
    if (compare(segment.from, segment.to) >= 0) problems.push({ code: 'empty-segment', message: `${label}: segment ${formatSegment(segment)} is empty (its start must be below its end)` });
    if (sequence !== undefined) {
      const start = sequence.findIndex((point) => compare(point, segment.from) === 0);
      if (start === -1 || compare(sequence[start + 1] ?? ZERO, segment.to) !== 0) {
        problems.push({ code: 'not-in-sequence', message: `${label}: segment ${formatSegment(segment)} is not two adjacent points of the sequence ${formatSequence(sequence)}` });
      }
    }
  }
  const sorted = [...segments].sort((a, b) => compare(a.segment.from, b.segment.from) || compare(a.segment.to, b.segment.to));
  let reached: { readonly at: Fraction; readonly label: string | null } = { at: ZERO, label: null };
  for (const { label, segment } of sorted) {
    const order = compare(segment.from, reached.at);
    if (order < 0) problems.push({ code: 'overlap', message: `${label}: segment ${formatSegment(segment)} overlaps ${reached.label ?? 'another instance'} (both run the load between ${formatFraction(segment.from)} and ${formatFraction(reached.at)})` });
    if (order > 0) problems.push({ code: 'gap', message: `no instance runs the load between ${formatFraction(reached.at)} and ${formatFraction(segment.from)}` });
    if (compare(segment.to, reached.at) > 0) reached = { at: segment.to, label };
  }
  if (compare(reached.at, ONE) < 0) problems.push({ code: 'gap', message: `no instance runs the load between ${formatFraction(reached.at)} and 1` });
  return problems;
}
