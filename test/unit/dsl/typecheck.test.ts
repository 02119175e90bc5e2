import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeCheckInBackground } from '../../../dsl/compiler/typecheck-background.js';
import { nativeTscPath, parseDiagnostics, parseImportGraph, typeCheckNative } from '../../../dsl/compiler/typecheck-native.js';
import { typeCheckScenarios } from '../../../dsl/compiler/typecheck.js';
import { ROOT } from '../../support/cli.js';

/** A temporary ESM project with `scenarios/<name>` files; `DSL` in a file becomes the import path of this repo's DSL. */
async function project(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'stagecraft-typecheck-'));
  await mkdir(join(root, 'scenarios'));
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  const dsl = relative(join(root, 'scenarios'), join(ROOT, 'dsl/index.js')).split(sep).join('/');
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, 'scenarios', name), text.replaceAll('DSL', dsl));
  return root;
}

const GOOD = `import { defineTest, httpService, load } from 'DSL';
const catalog = httpService('catalog', { baseUrl: 'http://127.0.0.1:3000' });
export default defineTest({ services: [catalog], scenarios: { a: { load: load.constantVus({ vus: 1, duration: '1s' }), flow: () => undefined } } });
`;

describe('typeCheckScenarios', () => {
  it('reports nothing for well-typed scenarios and blocks none', async () => {
    const root = await project({ 'good.ts': GOOD });
    const result = typeCheckScenarios([join(root, 'scenarios', 'good.ts')], { root });
    expect(result.problems).toEqual([]);
    expect(result.blocked.size).toBe(0);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('reports errors in imported project files and blocks exactly the scenarios that import them', async () => {
    const root = await project({
      '_shared.ts': `import type { Duration } from 'DSL';\nexport const hold: Duration = 30;\n`,
      'uses-shared.ts': `import { hold } from './_shared.js';\n${GOOD.replace("'1s'", 'hold')}`,
      'good.ts': GOOD,
    });
    const scenarios = ['uses-shared.ts', 'good.ts'].map((name) => join(root, 'scenarios', name));
    const result = typeCheckScenarios(scenarios, { root });
    expect(result.problems).toEqual([
      {
        code: 'invalid-scenario',
        rule: 'type-error',
        message: "TS2322: Type '30' is not assignable to type 'Duration'.",
        fix: expect.stringMatching(/type error/),
        location: { file: join(root, 'scenarios', '_shared.ts'), line: 2, column: 14 },
      },
    ]);
    expect([...result.blocked]).toEqual([join(root, 'scenarios', 'uses-shared.ts')]);
  });

  it('checks with the project options and flattens a chained message into one line', async () => {
    const root = await project({
      'chained.ts': `import type { LoadProfile } from 'DSL';\nimport { load } from 'DSL';\nconst raw = { executor: 'constant-vus' as const, vus: 1, duration: '30' };\nexport const profile: LoadProfile = raw;\n`,
    });
    const messages = typeCheckScenarios([join(root, 'scenarios', 'chained.ts')], { root }).problems.map((problem) => problem.message);
    expect(messages).toEqual([
      // noUnusedLocals, from the project's tsconfig.json.
      "TS6133: 'load' is declared but its value is never read.",
      expect.stringMatching(/^TS2322: Type '.+' is not assignable to type 'LoadProfile'\. .+ Type 'string' is not assignable to type 'Duration'\.$/),
    ]);
  });

  it('gives the same result in a worker thread (typeCheckInBackground without the native tsc)', async () => {
    const root = await project({
      '_shared.ts': `import type { Duration } from 'DSL';\nexport const hold: Duration = 30;\n`,
      'uses-shared.ts': `import { hold } from './_shared.js';\n${GOOD.replace("'1s'", 'hold')}`,
      'good.ts': GOOD,
    });
    const scenarios = ['uses-shared.ts', 'good.ts'].map((name) => join(root, 'scenarios', name));
    const inThread = typeCheckScenarios(scenarios, { root });
    const [first, second] = await Promise.all([typeCheckInBackground(scenarios, { root }, 'in-process'), typeCheckInBackground(scenarios.slice(1), { root }, 'in-process')]);
    expect(first.problems).toEqual(inThread.problems);
    expect([...first.blocked]).toEqual([...inThread.blocked]);
    expect(second.problems).toEqual([]);
  });
});

/** The projects of the tests above, for comparing the two checkers. */
const CASES: Readonly<Record<string, { files: Readonly<Record<string, string>>; scenarios: readonly string[] }>> = {
  good: { files: { 'good.ts': GOOD }, scenarios: ['good.ts'] },
  'error in an imported file': {
    files: {
      '_shared.ts': `import type { Duration } from 'DSL';\nexport const hold: Duration = 30;\n`,
      'uses-shared.ts': `import { hold } from './_shared.js';\n${GOOD.replace("'1s'", 'hold')}`,
      'good.ts': GOOD,
    },
    scenarios: ['uses-shared.ts', 'good.ts'],
  },
  'chained message and project options': {
    files: { 'chained.ts': `import type { LoadProfile } from 'DSL';\nimport { load } from 'DSL';\nconst raw = { executor: 'constant-vus' as const, vus: 1, duration: '30' };\nexport const profile: LoadProfile = raw;\n` },
    scenarios: ['chained.ts'],
  },
  'errors in two scenarios, one importing the other': {
    files: {
      'a.ts': `import { extra } from './b.js';\nexport const broken: number = 'x';\nexport { extra };\n`,
      'b.ts': `export const extra: string = 1;\n`,
      'c.ts': GOOD,
    },
    scenarios: ['a.ts', 'b.ts', 'c.ts'],
  },
};

const native = nativeTscPath();

describe.skipIf(native === undefined)('typeCheckNative (TypeScript 7 native tsc)', () => {
  for (const [name, { files, scenarios }] of Object.entries(CASES)) {
    it(`finds what the TypeScript 5 API finds: ${name}`, async () => {
      const root = await project(files);
      const paths = scenarios.map((file) => join(root, 'scenarios', file));
      const expected = typeCheckScenarios(paths, { root });
      const actual = await typeCheckNative(native as string, paths, { root });
      // Two differences of TypeScript 7 that are not ours: string literal types print in single
      // quotes ('constant-vus'; 5.9: double), and an unused import points at the name, not at
      // the start of the import declaration (columns are checked in compile.test.ts).
      const comparable = (problems: typeof expected.problems) =>
        problems.map(({ location, ...problem }) => ({ ...problem, file: location?.file, line: location?.line, message: problem.message.replaceAll('"', "'") }));
      expect(comparable(actual.problems)).toEqual(comparable(expected.problems));
      expect([...actual.blocked].sort()).toEqual([...expected.blocked].sort());
    });
  }

  it('is what typeCheckInBackground uses by default when installed', async () => {
    const root = await project(CASES['error in an imported file']?.files ?? {});
    const result = await typeCheckInBackground([join(root, 'scenarios', 'uses-shared.ts')], { root }, 'native');
    expect(result.problems.map((problem) => problem.message)).toEqual(["TS2322: Type '30' is not assignable to type 'Duration'."]);
    expect([...result.blocked]).toEqual([join(root, 'scenarios', 'uses-shared.ts')]);
  });
});

describe('parsing tsc --pretty false output', () => {
  it('reads located and unlocated diagnostics with their chained lines', () => {
    const output = [
      "scenarios/a.ts(4,14): error TS2322: Type '{ a: string; }' is not assignable to type 'LoadProfile'.",
      "  Types of property 'duration' are incompatible.",
      "    Type 'string' is not assignable to type 'Duration'.",
      "error TS5023: Unknown compiler option 'nope'.",
      'Found 2 errors.',
    ].join('\n');
    expect(parseDiagnostics(output, '/p')).toEqual([
      { file: '/p/scenarios/a.ts', line: 4, column: 14, code: 2322, text: "Type '{ a: string; }' is not assignable to type 'LoadProfile'. Types of property 'duration' are incompatible. Type 'string' is not assignable to type 'Duration'." },
      { file: undefined, line: undefined, column: undefined, code: 5023, text: "Unknown compiler option 'nope'." },
    ]);
  });

  it('reads the import graph of --explainFiles, skipping diagnostics and other reasons', () => {
    const output = [
      "scenarios/a.ts(2,14): error TS2322: Type 'string' is not assignable to type 'number'.",
      'scenarios/b.ts',
      "   Imported via './b.js' from file 'scenarios/a.ts'",
      '   Matched by include pattern',
      'dsl/index.ts',
      "   Imported via '../dsl/index.js' from file 'scenarios/a.ts'",
      "   Imported via '../dsl/index.js' from file 'scenarios/b.ts'",
    ].join('\n');
    expect(parseImportGraph(output, '/p')).toEqual(
      new Map([
        ['/p/scenarios/a.ts', ['/p/scenarios/b.ts', '/p/dsl/index.ts']],
        ['/p/scenarios/b.ts', ['/p/dsl/index.ts']],
      ]),
    );
  });
});
