import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, parseJsonWithLocation } from '../../../analysis/config/json.js';
import { closestNames, editDistance, orList } from '../../../analysis/config/suggest.js';
import { formatKeyPath } from '../../../analysis/config/index.js';

describe('JSON syntax errors', () => {
  it('finds the first error offset, agreeing with JSON.parse on what is valid', () => {
    const valid = ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0'];
    for (const text of valid) expect(jsonErrorOffset(text)).toBeNull();
    const invalid: [string, number][] = [
      ['{"a": 1,}', 8],
      ['{"a" 1}', 5],
      ['{a: 1}', 1],
      ['[1,,2]', 3],
      ['{"a": 01}', 7],
      ['{"a": "x\ny"}', 8],
      ['{"a": "\\x"}', 7],
      ['{} {}', 3],
      ['{"a": 1', 7],
      ["{'a': 1}", 1],
    ];
    for (const [text, offset] of invalid) {
      expect(() => JSON.parse(text) as unknown).toThrow();
      expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
    }
  });

  it('gives line and column, 1-based, and ignores a byte-order mark', () => {
    expect(parseJsonWithLocation('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    const parsed = parseJsonWithLocation('{\n  "a": 1,\n  "b": ]\n}');
    expect(parsed.ok ? null : parsed.error).toMatchObject({ line: 3, column: 8, offset: 19 });
    const truncated = parseJsonWithLocation('{\n  "a": 1');
    expect(truncated.ok ? null : truncated.error).toMatchObject({ line: 2, column: 9, message: 'unexpected end of the file' });
  });
});

describe('did you mean', () => {
  it('counts adjacent transpositions as one edit', () => {
    expect(editDistance('p59', 'p95')).toBe(1);
    expect(editDistance('comapre', 'compare')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('prefers names equal up to case and separators, then the closest, then prefixes', () => {
    expect(closestNames('error_rate', ['errorRate', 'p95'])).toEqual(['errorRate']);
    expect(closestNames('througput', ['throughput'])).toEqual(['throughput']);
    expect(closestNames('minInc', ['minIncrease', 'minRatio'])).toEqual(['minIncrease']);
    expect(closestNames('latency', ['p50', 'p95'])).toEqual([]);
  });

  it('lists alternatives in prose and formats key paths', () => {
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
    expect(formatKeyPath(['compare', 'services', 'catalog', 'endpoints', 'get-item', 'p95', 'fail'])).toBe('compare.services.catalog.endpoints.get-item.p95.fail');
    expect(formatKeyPath(['compare', 'services', 'api.example.com', 'endpoints', 'GET /items'])).toBe('compare.services["api.example.com"].endpoints["GET /items"]');
  });
});
