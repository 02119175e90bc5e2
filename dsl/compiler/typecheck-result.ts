import { isAbsolute, relative, sep } from 'node:path';
import type { Problem } from '../../core/errors.js';

/**
 * What both type checkers (`typecheck.ts` in process, `typecheck-native.ts` with the native
 * `tsc`) share: the fix text of a type error, the order of problems, which files count as the
 * project's, and which scenarios a failing file blocks.
 */

/**
 * Options that make the check check-only and fast, whatever the project's tsconfig says.
 * `types: []`: scenario files run in k6, not Node, so Node's global types (the bulk of the
 * program's files) are left out; a scenario that relies on them is wrong anyway.
 */
export const CHECK_ONLY_OPTIONS: {
  readonly types: string[];
  readonly noEmit: true;
  readonly skipLibCheck: true;
  readonly incremental: false;
  readonly composite: false;
  readonly declaration: false;
} = { types: [], noEmit: true, skipLibCheck: true, incremental: false, composite: false, declaration: false };

/** The fix of every `type-error` problem. */
export const TYPE_ERROR_FIX = 'fix the type error at this location (the DSL types reject values k6 would misread or refuse); "npx tsc --noEmit" shows it in context';

/** Orders problems by file, then line, then column. */
export function compareProblems(a: Problem, b: Problem): number {
  const fileA = a.location?.file ?? '';
  const fileB = b.location?.file ?? '';
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  return (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);
}

/** True for a project file the check reports on: inside `root`, outside `node_modules`. */
export function isProjectFile(root: string, file: string): boolean {
  const path = relative(root, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path) && !path.split(sep).includes('node_modules');
}

/** Scenario files whose import closure (themselves included) contains a file with errors. */
export function blockedScenarios(scenarios: readonly string[], graph: ReadonlyMap<string, readonly string[]>, failing: ReadonlySet<string>): Set<string> {
  const blocked = new Set<string>();
  for (const scenario of scenarios) {
    const seen = new Set<string>();
    const pending = [scenario];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      if (failing.has(file)) {
        blocked.add(scenario);
        break;
      }
      pending.push(...(graph.get(file) ?? []));
    }
  }
  return blocked;
}
