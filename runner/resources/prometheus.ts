/**
 * The Prometheus text exposition format (version 0.0.4), as far as resource sampling needs it:
 * sample lines `name{labels} value [timestamp]`, comments and `# HELP`/`# TYPE` lines skipped.
 */

/** Values per metric name, one per series (label set), in file order. */
export type PrometheusValues = ReadonlyMap<string, readonly number[]>;

/** The parsed exposition and the lines that could not be read (1-based line numbers). */
export interface ParsedExposition {
  readonly values: PrometheusValues;
  readonly malformed: readonly { readonly line: number; readonly text: string }[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** The index just past a `{...}` label block starting at `from` (quotes and escapes respected); -1 when unterminated. */
function labelsEnd(line: string, from: number): number {
  let quoted = false;
  for (let i = from + 1; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '\\') i += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '}') return i + 1;
  }
  return -1;
}

/** A sample value: a float, `NaN`, `+Inf` or `-Inf`; null for anything else. */
function sampleValue(text: string): number | null {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** Parses an exposition; never throws (unreadable lines are listed in `malformed`). */
export function parsePrometheusText(text: string): ParsedExposition {
  const values = new Map<string, number[]>();
  const malformed: { line: number; text: string }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const name = NAME.exec(line)?.[0];
    let rest = name === undefined ? '' : line.slice(name.length);
    if (name !== undefined && rest.startsWith('{')) {
      const end = labelsEnd(rest, 0);
      rest = end < 0 ? '' : rest.slice(end);
    }
    const [valueText = '', timestamp, extra] = rest.trim().split(/\s+/);
    const value = sampleValue(valueText);
    if (name === undefined || value === null || !/^\s/.test(rest) || extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
      malformed.push({ line: index + 1, text: line.length > 80 ? `${line.slice(0, 80)}…` : line });
      return;
    }
    const list = values.get(name);
    if (list === undefined) values.set(name, [value]);
    else list.push(value);
  });
  return { values, malformed };
}

/** The sum over a metric's series (e.g. one per worker); null when the metric is absent or not finite. */
export function metricTotal(values: PrometheusValues, name: string): number | null {
  const series = values.get(name);
  if (series === undefined || series.length === 0) return null;
  const total = series.reduce((a, b) => a + b, 0);
  return Number.isFinite(total) ? total : null;
}

/**
 * GETs a metrics endpoint with a timeout.
 *
 * @returns the body, or an error message (unreachable, timeout, non-2xx status)
 */
export async function fetchExposition(url: string, timeoutMs: number): Promise<{ ok: true; body: string } | { ok: false; error: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/plain;version=0.0.4' } });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, error: `HTTP ${response.status} ${response.statusText}` };
    }
    return { ok: true, body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const name = (error as Error).name;
    return { ok: false, error: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message) };
  }
}
