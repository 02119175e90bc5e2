/** The tag that carries the script's hash, so outputs of different scripts are never merged. */
export const SCRIPT_HASH_TAG = 'script_hash';

/** The first 16 hex digits of `sha256:<hex>`: enough to tell scripts apart, short enough to tag every sample. */
export function shortHash(contentHash: string): string {
  return contentHash.replace(/^sha256:/, '').slice(0, 16);
}
