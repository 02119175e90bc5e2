import { describe, it } from 'vitest';
import { renderMarkdown } from '../../../analysis/report/markdown.js';
import { GOLDEN_CASES } from './comparisons.js';
import { expectGolden } from './golden.js';

describe('report.md golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
  for (const [name, make] of GOLDEN_CASES) {
    it(`${name}.md`, () => {
      expectGolden(`${name}.md`, renderMarkdown(make()));
    });
  }
});
