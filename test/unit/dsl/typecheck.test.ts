import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeCheckInBackground } from '../../../dsl/compiler/typecheck-background.js';
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

  it('gives the same result in a worker thread (typeCheckInBackground, as compileScenarios runs it)', async () => {
    const root = await project({
      '_shared.ts': `import type { Duration } from 'DSL';\nexport const hold: Duration = 30;\n`,
      'uses-shared.ts': `import { hold } from './_shared.js';\n${GOOD.replace("'1s'", 'hold')}`,
      'good.ts': GOOD,
    });
    const scenarios = ['uses-shared.ts', 'good.ts'].map((name) => join(root, 'scenarios', name));
    const inThread = typeCheckScenarios(scenarios, { root });
    const [first, second] = await Promise.all([typeCheckInBackground(scenarios, { root }), typeCheckInBackground(scenarios.slice(1), { root })]);
    expect(first.problems).toEqual(inThread.problems);
    expect([...first.blocked]).toEqual([...inThread.blocked]);
    expect(second.problems).toEqual([]);
  });
});
