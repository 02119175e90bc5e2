/**
 * The one parser for k6 duration strings, shared by the DSL validator and the analyser's
 * trimming options. It follows k6's `types.ParseExtendedDuration`: a unitless number means
 * milliseconds; otherwise Go's `time.ParseDuration` grammar (`ns us µs ms s m h`, compound
 * values such as `1h30m`, decimals such as `1.5s`) with an optional whole-days prefix (`2d12h`).
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const DAY_MS = 86_400_000;

/**
 * Go's duration grammar as Unicode regular expressions, built on first use: k6 scripts bundle
 * this module (for think times), every VU evaluates it, and k6's engine compiles a Unicode
 * regular expression slowly, so a script that never parses a duration should not pay for it.
 */
let goPatterns: { readonly whole: RegExp; readonly part: RegExp } | undefined;

function goDurationPatterns(): { readonly whole: RegExp; readonly part: RegExp } {
  goPatterns ??= {
    whole: /^([+-]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/u,
    part: /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gu,
  };
  return goPatterns;
}

/** Result of {@link parseDuration}: the value in milliseconds, or why the text is not a duration. */
export type DurationParse = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * Parses a k6 duration string to milliseconds.
 *
 * @example parseDuration('1m30s') // => { ok: true, ms: 90000 }
 * @example parseDuration('250')   // => { ok: true, ms: 250 } (k6: a bare number is milliseconds)
 */
export function parseDuration(text: string): DurationParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'an empty string is not a duration' };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return { ok: true, ms: Number(trimmed) };

  const days = /^([+-]?)(\d+)d(.*)$/u.exec(trimmed);
  if (days) {
    const [, sign = '', count = '0', rest = ''] = days;
    const restMs = rest === '' ? 0 : parseGoDuration(rest);
    if (restMs === undefined || rest.startsWith('-') || rest.startsWith('+')) {
      return { ok: false, reason: `"${text}" has a day count followed by an invalid remainder "${rest}"` };
    }
    const ms = Number(count) * DAY_MS + restMs;
    return { ok: true, ms: sign === '-' ? -ms : ms };
  }

  const ms = parseGoDuration(trimmed);
  if (ms === undefined) {
    return {
      ok: false,
      reason: `"${text}" is not a k6 duration: use a number with a unit (ms, s, m, h; e.g. "500ms", "30s", "1m30s", "2d12h")`,
    };
  }
  return { ok: true, ms };
}

/** Like {@link parseDuration} but throws a `RangeError` naming the text. */
export function durationToMs(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.ms;
}

function parseGoDuration(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  const patterns = goDurationPatterns();
  const match = patterns.whole.exec(text);
  if (!match) return undefined;
  const [, sign = '', body = ''] = match;
  let total = 0;
  for (const part of body.matchAll(patterns.part)) {
    const [, amount = '0', unit = 's'] = part;
    total += Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
  }
  return sign === '-' ? -total : total;
}

/**
 * Formats milliseconds as the shortest k6 duration string (`90000` → `"1m30s"`), for generated
 * scripts and human-readable plans. Sub-millisecond remainders are rounded to whole ms.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration requires a finite number, got ${ms}`);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  return parts.join('');
}
