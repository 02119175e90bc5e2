import type { Variant } from './latency-model.js';

/**
 * The refactor's memory effect, known in advance so the report can be checked against it: the
 * refactored catalog keeps a pre-rendered response cache of {@link REFACTOR_CACHE_MIB} MiB,
 * allocated and written (so every page is resident) when the service starts. The baseline has
 * none. Server-side sampling (`--resource`) sees the catalog's RSS rise by about that much.
 */
export const REFACTOR_CACHE_MIB = 64;

/** The cache of a variant: a touched buffer of {@link REFACTOR_CACHE_MIB} MiB for `refactor`, null for `baseline`. */
export function createResponseCache(variant: Variant): Buffer | null {
  return variant === 'refactor' ? Buffer.alloc(REFACTOR_CACHE_MIB * 1024 * 1024, 0x5a) : null;
}
