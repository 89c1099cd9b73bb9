// Brute-force reference for the query API: every score is recomputed here in double precision from the vectors the
// scenario sent, following Qdrant's definitions, and compared with what the server answers.
import { filterMatches, normalize } from './data.mjs';

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);

/** What a collection stores for a vector: Cosine vectors normalised, others as sent. */
export function stored(distance, v) {
  return distance === 'Cosine' ? normalize(v) : v;
}

/** Qdrant's internal similarity (larger is closer): dot product, or minus the squared Euclidean distance. */
export function raw(distance, query, storedVector) {
  if (distance === 'Euclid') return -storedVector.reduce((s, x, i) => s + (x - query[i]) ** 2, 0);
  return dot(stored(distance, query), storedVector);
}

/** The score a nearest query reports: the similarity, or the Euclidean distance itself. */
export function reported(distance, query, storedVector) {
  return distance === 'Euclid' ? Math.sqrt(-raw(distance, query, storedVector)) : raw(distance, query, storedVector);
}

export const fastSigmoid = (x) => x / (1 + Math.abs(x));
export const scaledSigmoid = (x) => 0.5 * (fastSigmoid(x) + 1);

/** `average_vector`: nearest to avg(pos) + (avg(pos) − avg(neg)), every example preprocessed first. */
export function averageVector(distance, positives, negatives) {
  const avg = (vs) => vs[0].map((_, i) => vs.reduce((s, v) => s + v[i], 0) / vs.length);
  const pos = avg(positives.map((v) => stored(distance, v)));
  if (negatives.length === 0) return pos;
  const neg = avg(negatives.map((v) => stored(distance, v)));
  return pos.map((p, i) => p + p - neg[i]);
}

/** `best_score`: the closest example decides; a negative at least as close makes the score negative. */
export function bestScore(distance, positives, negatives, s) {
  const best = (vs) => vs.reduce((m, v) => Math.max(m, raw(distance, v, s)), -Infinity);
  const p = best(positives);
  const n = best(negatives);
  return p > n ? scaledSigmoid(p) : -scaledSigmoid(n);
}

/** `sum_scores`: similarities to positives minus similarities to negatives. */
export function sumScores(distance, positives, negatives, s) {
  const sum = (vs) => vs.reduce((acc, v) => acc + raw(distance, v, s), 0);
  return sum(positives) - sum(negatives);
}

/** Discovery: +1/−1 per context pair by side, plus the squashed similarity to the target. */
export function discoverScore(distance, target, pairs, s) {
  const rank = pairs.reduce((acc, [p, n]) => acc + Math.sign(raw(distance, p, s) - raw(distance, n, s)), 0);
  return rank + scaledSigmoid(raw(distance, target, s));
}

/** Context search: a loss per pair, 0 on the positive side. */
export function contextScore(distance, pairs, s) {
  const eps = 1.1920929e-7;
  return pairs.reduce((acc, [p, n]) => acc + fastSigmoid(Math.min(raw(distance, p, s) - raw(distance, n, s) - eps, 0)), 0);
}

function compareIds(a, b) {
  const an = typeof a === 'number';
  const bn = typeof b === 'number';
  if (an && bn) return a - b;
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Candidates (with the vector, matching the filter, not excluded) scored by `score`, best first, ties by id. */
export function rank(points, { score, vectorOf = (p) => p.vector, filter, exclude = [], higherIsBetter = true }) {
  const excluded = new Set(exclude.map(String));
  const ranked = [];
  for (const p of points) {
    const v = vectorOf(p);
    if (!v || excluded.has(String(p.id)) || !filterMatches(filter, p)) continue;
    ranked.push({ id: p.id, score: score(v, p) });
  }
  ranked.sort((x, y) => (x.score !== y.score ? (higherIsBetter ? y.score - x.score : x.score - y.score) : compareIds(x.id, y.id)));
  return ranked;
}

/** Reciprocal rank fusion: 1 / ((pos + 1) / weight + k − 1) summed per point. */
export function rrf(lists, k = 2, weights = null) {
  const fused = new Map();
  lists.forEach((list, s) => {
    const w = weights ? weights[s] : 1;
    list.forEach((p, pos) => {
      const earned = w <= 0 ? 0 : 1 / ((pos + 1) / w + k - 1);
      fused.set(p.id, (fused.get(p.id) ?? 0) + earned);
    });
  });
  return sortFused(fused);
}

/** Distribution-based score fusion: (s − (μ − 3σ)) / 6σ per list (sample σ), summed per point. */
export function dbsf(lists) {
  const fused = new Map();
  for (const list of lists) {
    const n = list.length;
    const mean = list.reduce((s, p) => s + p.score, 0) / n;
    const sigma = n < 2 ? 0 : Math.sqrt(list.reduce((s, p) => s + (p.score - mean) ** 2, 0) / (n - 1));
    for (const p of list) {
      const norm = n < 2 || sigma === 0 ? 0.5 : (p.score - (mean - 3 * sigma)) / (6 * sigma);
      fused.set(p.id, (fused.get(p.id) ?? 0) + norm);
    }
  }
  return sortFused(fused);
}

function sortFused(fused) {
  return [...fused.entries()].map(([id, score]) => ({ id, score })).sort((x, y) => (x.score !== y.score ? y.score - x.score : compareIds(x.id, y.id)));
}

/**
 * The ideal grouping of a ranking: the first `limit` distinct group ids in rank order, each with its first `size`
 * hits. `keysOf(id)` gives a hit's group ids (strings or integers; a point may be in several groups).
 */
export function idealGroups(ranked, keysOf, limit, size) {
  const groups = [];
  for (const hit of ranked) {
    for (const key of new Set(keysOf(hit.id))) {
      let g = groups.find((x) => x.id === key);
      if (!g && groups.length < limit) {
        g = { id: key, hits: [] };
        groups.push(g);
      }
      if (g && g.hits.length < size) g.hits.push(hit);
    }
  }
  return groups;
}

/** The distance matrix over `points` (all sampled): ids sorted, each row its `limit` nearest others. */
export function matrix(points, { distance, vectorOf, limit }) {
  const sorted = [...points].sort((a, b) => compareIds(a.id, b.id));
  const rows = sorted.map((a) => rank(sorted, {
    score: (v) => reported(distance, vectorOf(a), stored(distance, v)),
    vectorOf,
    exclude: [a.id],
    higherIsBetter: distance !== 'Euclid',
  }).slice(0, limit));
  return { ids: sorted.map((p) => p.id), rows };
}
