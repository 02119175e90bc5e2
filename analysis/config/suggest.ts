/**
 * "Did you mean" helpers for config keys: optimal-string-alignment distance (Levenshtein plus
 * adjacent transpositions) on names compared without case, `-`, `_` and spaces.
 */

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** Edit distance counting insertions, deletions, substitutions and adjacent transpositions as 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * The candidates closest to `name`: those equal to it up to case and `-`/`_`, else the ones at
 * the smallest edit distance if that is at most a third of the name's length (at least 1),
 * else those that start the name or that it starts (3 characters or more). Empty when nothing is close.
 */
export function closestNames(name: string, candidates: readonly string[]): string[] {
  const wanted = normalize(name);
  const same = candidates.filter((candidate) => normalize(candidate) === wanted);
  if (same.length > 0) return same;
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best = Number.POSITIVE_INFINITY;
  let closest: string[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < best) {
      best = distance;
      closest = [candidate];
    } else if (distance === best) {
      closest.push(candidate);
    }
  }
  if (best <= limit) return closest;
  // A known key cut short or with a suffix (`failure` for `fail`, `minInc` for `minIncrease`).
  return candidates.filter((candidate) => {
    const known = normalize(candidate);
    return Math.min(known.length, wanted.length) >= 3 && (known.startsWith(wanted) || wanted.startsWith(known));
  });
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}
