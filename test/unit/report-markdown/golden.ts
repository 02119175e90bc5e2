/**
 * Golden-file comparison: `expectGolden(name, text)` checks `text` against
 * test/fixtures/golden/<name>; with UPDATE_GOLDEN=1 it rewrites the file instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../analysis/helpers.js';

/** Folder of the golden files. */
export const GOLDEN_DIR = join(REPO_ROOT, 'test/fixtures/golden');

/** Whether this run rewrites golden files (`UPDATE_GOLDEN=1`). */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/** Asserts `actual` equals the golden file `name` (or rewrites it under UPDATE_GOLDEN=1). */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/unit/report-markdown test/unit/report-junit`).toBe(true);
  expect(actual, `${name} differs from its golden file; if the change is intended, run with UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}
