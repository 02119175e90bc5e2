/** The tag that carries the script's hash, so outputs of different scripts are never merged. */
export const SCRIPT_HASH_TAG = 'script_hash';

/** The first 16 hex digits of `sha256:<hex>`: enough to tell scripts apart, short enough to tag every sample. */
export function shortHash(contentHash: string): string {
  return contentHash.replace(/^sha256:/, '').slice(0, 16);
}

/** The `script_hash` values among a run's tag sets (the distinct tag combinations of its samples). */
export function scriptHashesOf(tagSets: readonly Readonly<Record<string, string>>[]): Set<string> {
  const hashes = new Set<string>();
  for (const tags of tagSets) {
    const hash = tags[SCRIPT_HASH_TAG];
    if (hash !== undefined) hashes.add(hash);
  }
  return hashes;
}
