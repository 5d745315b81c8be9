/** Damerau-free Levenshtein distance, bounded for speed. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The edit distance of two lower-case strings when it is at most `max`, else `max + 1`: only the
 * band of the table within `max` of the diagonal is filled, and the work stops as soon as a whole
 * row exceeds `max`. Suggestions over thousands of names stay fast this way.
 */
function boundedDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const previous = new Array<number>(b.length + 1);
  const current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[from - 1] = from === 1 ? i : max + 1;
    let rowMin = current[from - 1];
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      const above = j <= i - 1 + max ? previous[j] : max + 1;
      const value = Math.min(above + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) current[to + 1] = max + 1;
    if (rowMin > max) return max + 1;
    for (let j = from - 1; j <= Math.min(b.length, to + 1); j++) previous[j] = current[j];
  }
  return Math.min(previous[b.length], max + 1);
}

/**
 * The candidates closest to `name`, best first: those within a distance that grows with the
 * name's length, plus any that contain it or that it contains (so `coherance` finds `coherence`
 * and `access` finds `digital_access`).
 */
export function nearestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  return nearestNamesIn(name, nameIndex(candidates), limit);
}

/** Candidate names prepared once (deduplicated and lower-cased) for many `nearestNamesIn` calls. */
export interface NameIndex {
  readonly names: readonly string[];
  readonly lower: readonly string[];
}

export function nameIndex(candidates: Iterable<string>): NameIndex {
  const names = [...new Set(candidates)];
  return { names, lower: names.map((n) => n.toLowerCase()) };
}

/** `nearestNames` over a prepared index. */
export function nearestNamesIn(name: string, index: NameIndex, limit = 3): string[] {
  const lower = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(name.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (let i = 0; i < index.names.length; i++) {
    const candidate = index.names[i];
    if (candidate === name) continue;
    const candidateLower = index.lower[i];
    const contains = lower.length >= 3 && (candidateLower.includes(lower) || lower.includes(candidateLower));
    // further apart in length than the threshold, the distance is too (and then only containment counts)
    const distance = Math.abs(candidateLower.length - lower.length) > threshold ? threshold + 1 : boundedDistance(lower, candidateLower, threshold);
    if (distance <= threshold || contains) scored.push({ candidate, score: contains ? Math.min(distance, threshold) : distance });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}
