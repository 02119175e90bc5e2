import exec from 'k6/execution';
import { isEnvValue, type Configurable } from '../env.js';

/**
 * Resolves a configurable value from `__ENV` at run time. A missing variable without a default
 * aborts the test (k6 exit code 108) with a message naming the variable and how to set it.
 */
export function resolveConfigurable(value: Configurable, what: string): string {
  if (!isEnvValue(value)) return value;
  const fromEnv = __ENV[value.name];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (value.fallback !== undefined) return value.fallback;
  const message = `stagecraft: ${what} needs the environment variable ${value.name}; set it with "k6 run -e ${value.name}=..." or export it`;
  if (__VU === 0) throw new Error(message);
  exec.test.abort(message);
  throw new Error(message);
}

/** Resolves every value of a record of configurables, caching nothing (values may differ per scenario env). */
export function resolveRecord(values: Readonly<Record<string, Configurable>> | undefined, what: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  // for...in, not Object.entries: no array per key.
  for (const key in values) resolved[key] = resolveConfigurable(values[key] as Configurable, `${what} "${key}"`);
  return resolved;
}
