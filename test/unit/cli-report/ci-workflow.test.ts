/**
 * docs/ci/github-actions.yml is meant to be copied, so it must at least parse. No YAML parser is
 * installed, so this checks the YAML subset the file uses line by line (mappings, sequences,
 * block scalars, comments, two-space indentation) and then the workflow's structure; the
 * github-script step's JavaScript is compiled.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_MARKER } from '../../../analysis/report/markdown.js';
import { REPO_ROOT } from '../analysis/helpers.js';

const WORKFLOW = join(REPO_ROOT, 'docs/ci/github-actions.yml');

interface Line {
  readonly number: number;
  readonly indent: number;
  readonly text: string;
}

/** Lines that are YAML structure (not comments, blank lines or block scalar content). */
function structure(source: string): { lines: Line[]; problems: string[]; blocks: Map<string, string> } {
  const lines: Line[] = [];
  const problems: string[] = [];
  const blocks = new Map<string, string>();
  let block: { indent: number; key: string; body: string[] } | null = null;
  source.split('\n').forEach((raw, i) => {
    const number = i + 1;
    if (raw.includes('\t')) problems.push(`line ${number}: tab`);
    if (/\s+$/.test(raw)) problems.push(`line ${number}: trailing space`);
    const indent = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (block !== null) {
      if (text === '' || indent > block.indent) {
        block.body.push(raw.slice(block.indent + 2));
        return;
      }
      blocks.set(`${block.key}@${lines.length}`, block.body.join('\n'));
      block = null;
    }
    if (text === '' || text.startsWith('#')) return;
    if (indent % 2 !== 0) problems.push(`line ${number}: odd indentation`);
    const item = /^(- )?([A-Za-z_][\w-]*|'[^']*'|"[^"]*"): ?(.*)$/.exec(text);
    const bare = /^- (.+)$/.exec(text);
    if (item === null && bare === null) problems.push(`line ${number}: neither "key: value" nor "- item": ${text}`);
    const value = (item?.[3] ?? bare?.[1] ?? '').replace(/\s+#.*$/, '');
    if (/^[|>][-+]?$/.test(value)) block = { indent: indent + (item?.[1] === undefined ? 0 : 2), key: item?.[2] ?? '', body: [] };
    if ((value.match(/\$\{\{/g)?.length ?? 0) !== (value.match(/\}\}/g)?.length ?? 0)) problems.push(`line ${number}: unbalanced \${{ }}`);
    for (const quote of ["'", '"']) {
      if (value.startsWith(quote) && !value.endsWith(quote)) problems.push(`line ${number}: unclosed ${quote}`);
    }
    lines.push({ number, indent, text });
  });
  const last = block as { key: string; body: string[] } | null;
  if (last !== null) blocks.set(`${last.key}@${lines.length}`, last.body.join('\n'));
  return { lines, problems, blocks };
}

describe('docs/ci/github-actions.yml', () => {
  let source: string;
  let parsed: ReturnType<typeof structure>;
  beforeAll(async () => {
    source = await readFile(WORKFLOW, 'utf8');
    parsed = structure(source);
  });

  it('is well-formed YAML (the subset it uses)', () => {
    expect(parsed.problems).toEqual([]);
    const top = parsed.lines.filter((line) => line.indent === 0).map((line) => line.text.replace(/:.*$/, ''));
    expect(top).toEqual(['name', 'on', 'permissions', 'concurrency', 'jobs']);
    // Indentation grows by one level at a time.
    parsed.lines.forEach((line, i) => {
      const previous = parsed.lines[i - 1];
      if (previous !== undefined) expect(line.indent - previous.indent, `line ${line.number}`).toBeLessThanOrEqual(previous.text.startsWith('- ') ? 4 : 2);
    });
  });

  it('installs k6, compiles, runs both sides, uploads, comments once and fails on a regression', () => {
    expect(source).toMatch(/uses: grafana\/setup-k6-action@v1\n\s+with:\n\s+k6-version: '2\.2\.0'/);
    expect(source).toContain('go install go.k6.io/k6/v2@v2.2.0');
    expect(source).toContain('npx stagecraft compile --check');
    expect(source).toContain('git worktree add "$BASELINE_DIR" "${{ github.event.pull_request.base.sha }}"');
    expect(source).toMatch(/npx stagecraft ab "\$SCENARIO" --repeat "\$RUNS_PER_SIDE" \\\n\s+--baseline-env .*\\\n\s+--candidate-env .*\\\n\s+--out "\$REPORT_DIR"/);
    expect(source).toContain('REPORT_DIR: reports/perf');
    expect(source).toContain('uses: actions/upload-artifact@v4');
    expect(source).toContain('uses: actions/github-script@v7');
    expect(source).toContain('pull-requests: write');
    expect(source).toMatch(/if: always\(\) && steps\.compare\.outputs\.exit-code != '0'/);
    expect(source).toMatch(/exit 1\n$/);
  });

  it('finds its comment by the marker renderMarkdown writes, and the comment script compiles', () => {
    expect(source).toContain(`const marker = '${REPORT_MARKER}';`);
    const script = [...parsed.blocks.entries()].find(([key]) => key.startsWith('script@'))?.[1];
    expect(script).toContain('updateComment');
    // Compiling is enough to catch a syntax error; github-script wraps the script in an async function.
    expect(() => new Script(`(async (github, context, require, process) => {\n${script ?? ''}\n})`)).not.toThrow();
  });

  it('is explained in docs/ci/README.md', async () => {
    const readme = await readFile(join(REPO_ROOT, 'docs/ci/README.md'), 'utf8');
    expect(readme).toContain('github-actions.yml');
    expect(readme).toContain(REPORT_MARKER);
  });
});
