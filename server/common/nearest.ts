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
 * The candidates closest to `name`, best first: those within a distance that grows with the
 * name's length, plus any that contain it or that it contains (so `coherance` finds `coherence`
 * and `access` finds `digital_access`).
 */
export function nearestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(name.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate) || candidate === name) continue;
    seen.add(candidate);
    const distance = editDistance(lower, candidate.toLowerCase());
    const contains = lower.length >= 3 && (candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()));
    if (distance <= threshold || contains) scored.push({ candidate, score: contains ? Math.min(distance, threshold) : distance });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}
