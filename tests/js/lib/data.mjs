// Deterministic data and a brute-force reference: the scenarios compare what the server answers with what these
// functions compute from the same inputs.

/** mulberry32: a small, fast, seedable PRNG (same sequence on every run and platform). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vector of `dim` values in [-1, 1), rounded through float32 so that what is sent is what is stored. */
export function randomVector(next, dim) {
  return Array.from({ length: dim }, () => Math.fround(next() * 2 - 1));
}

const COLORS = ['red', 'green', 'blue', 'yellow', 'black'];
const TAGS = ['a', 'b', 'c', 'd', 'e'];
const KINDS = ['x', 'y', 'z'];

/**
 * A payload with every kind of field the filters exercise: keyword, int, float, bool, nested object, array of
 * keywords, array of objects, and a field that is sometimes missing, null, an empty array or a value.
 */
export function randomPayload(next, id) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const tags = [];
  for (const t of TAGS) if (next() < 0.3) tags.push(t);
  const items = Array.from({ length: Math.floor(next() * 4) }, () => ({ kind: pick(KINDS), qty: Math.floor(next() * 10) }));
  const payload = {
    color: pick(COLORS),
    n: Math.floor(next() * 1000),
    price: Math.round(next() * 10000) / 100 + 0.001,
    active: next() < 0.5,
    meta: { level: Math.floor(next() * 10), color: pick(COLORS), label: `p${id}` },
    tags,
    items,
  };
  const opt = Math.floor(next() * 4);
  if (opt === 1) payload.opt = null;
  else if (opt === 2) payload.opt = [];
  else if (opt === 3) payload.opt = 'v';
  return payload;
}

/** UUIDs used as point ids next to the integer ids. */
export function uuidFor(i) {
  const hex = (i + 1).toString(16).padStart(12, '0');
  return `5c56c793-69f3-4fbf-87e6-${hex}`;
}

/** The main data set: `count` integer ids 1..count and `uuids` UUID ids, 64-d vectors, payloads. */
export function mainDataset({ seed = 1234, count = 10000, uuids = 10, dim = 64 } = {}) {
  const next = rng(seed);
  const points = [];
  for (let i = 1; i <= count; i++) {
    points.push({ id: i, vector: randomVector(next, dim), payload: randomPayload(next, i) });
  }
  for (let i = 0; i < uuids; i++) {
    const id = uuidFor(i);
    points.push({ id, vector: randomVector(next, dim), payload: randomPayload(next, 100000 + i) });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------------------------
// Filters (Qdrant's REST JSON shape), evaluated against a plain payload.

/** Values at a dotted key; arrays along the way are flattened, as Qdrant's `get_value` does. */
export function valuesAt(payload, key) {
  let current = [payload];
  for (const part of key.split('.')) {
    const nextValues = [];
    for (const v of current) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && part in v) {
        const child = v[part];
        if (Array.isArray(child)) nextValues.push(...child);
        else nextValues.push(child);
      }
    }
    current = nextValues;
  }
  return current;
}

function rawAt(payload, key) {
  let v = payload;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !(part in v)) return undefined;
    v = v[part];
  }
  return v;
}

function matches(cond, point) {
  if ('must' in cond || 'should' in cond || 'must_not' in cond || 'min_should' in cond) {
    return filterMatches(cond, point);
  }
  if ('has_id' in cond) {
    return cond.has_id.some((id) => String(id).toLowerCase() === String(point.id).toLowerCase());
  }
  if ('is_empty' in cond) {
    const raw = rawAt(point.payload, cond.is_empty.key);
    return raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0);
  }
  if ('nested' in cond) {
    const arr = rawAt(point.payload, cond.nested.key);
    const elements = Array.isArray(arr) ? arr : arr !== undefined && arr !== null ? [arr] : [];
    return elements.some((el) => filterMatches(cond.nested.filter, { id: point.id, payload: el }));
  }
  const values = valuesAt(point.payload, cond.key);
  if (cond.match) {
    const m = cond.match;
    if ('value' in m) return values.some((v) => v === m.value);
    if ('any' in m) return values.some((v) => m.any.includes(v));
    if ('except' in m) return values.some((v) => (typeof v === 'string' || Number.isInteger(v)) && !m.except.includes(v));
    throw new Error(`unsupported match ${JSON.stringify(m)}`);
  }
  if (cond.range) {
    const r = cond.range;
    return values.some((v) => typeof v === 'number'
      && (r.gt === undefined || v > r.gt) && (r.gte === undefined || v >= r.gte)
      && (r.lt === undefined || v < r.lt) && (r.lte === undefined || v <= r.lte));
  }
  throw new Error(`unsupported condition ${JSON.stringify(cond)}`);
}

/** Qdrant's filter semantics: all `must`, none of `must_not`, at least one `should` (if any), `min_should`. */
export function filterMatches(filter, point) {
  if (!filter) return true;
  const list = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  if (!list(filter.must).every((c) => matches(c, point))) return false;
  if (list(filter.must_not).some((c) => matches(c, point))) return false;
  const should = list(filter.should);
  if (should.length > 0 && !should.some((c) => matches(c, point))) return false;
  if (filter.min_should) {
    const hits = filter.min_should.conditions.filter((c) => matches(c, point)).length;
    if (hits < filter.min_should.min_count) return false;
  }
  return true;
}

/** Filters that cover every condition kind the scenarios need; each must select a non-trivial subset. */
export const FILTERS = {
  'match value (keyword)': { must: [{ key: 'color', match: { value: 'red' } }] },
  'match value (int)': { must: [{ key: 'n', match: { value: 7 } }] },
  'match value (bool)': { must: [{ key: 'active', match: { value: true } }] },
  'match any (array field)': { must: [{ key: 'tags', match: { any: ['a', 'c'] } }] },
  'match except': { must: [{ key: 'color', match: { except: ['red', 'blue'] } }] },
  'range int and float': { must: [{ key: 'price', range: { gte: 20.5, lt: 60 } }, { key: 'n', range: { gt: 100, lte: 800 } }] },
  'nested key': { must: [{ key: 'meta.level', range: { gte: 3, lte: 5 } }, { key: 'meta.color', match: { value: 'green' } }] },
  'is_empty': { must: [{ is_empty: { key: 'opt' } }] },
  'has_id': { must: [{ has_id: [1, 5, 17, 300, 4242, 9999, uuidFor(0), uuidFor(3)] }] },
  'must_not': { must_not: [{ key: 'active', match: { value: true } }, { key: 'color', match: { value: 'black' } }] },
  'should': { should: [{ key: 'color', match: { value: 'yellow' } }, { key: 'meta.level', match: { value: 7 } }] },
  'min_should': {
    min_should: {
      conditions: [
        { key: 'color', match: { value: 'red' } },
        { key: 'active', match: { value: true } },
        { key: 'tags', match: { value: 'b' } },
      ],
      min_count: 2,
    },
  },
  'nested array of objects': {
    must: [{ nested: { key: 'items', filter: { must: [{ key: 'kind', match: { value: 'x' } }, { key: 'qty', range: { gte: 5 } }] } } }],
  },
  'filter inside filter': {
    must: [
      { should: [{ key: 'tags', match: { value: 'd' } }, { key: 'meta.level', range: { lt: 2 } }] },
      { must_not: [{ is_empty: { key: 'tags' } }] },
    ],
    must_not: [{ key: 'color', match: { value: 'green' } }],
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Brute-force search.

export function normalize(v) {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm === 0 ? v.slice() : v.map((x) => x / norm);
}

const dot = (a, b) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Score of a stored vector for a query, as Qdrant reports it (Cosine: dot of normalised vectors; Euclid: distance). */
export function score(distance, query, stored) {
  switch (distance) {
    case 'Cosine': return dot(normalize(query), normalize(stored));
    case 'Dot': return dot(query, stored);
    case 'Euclid': return Math.sqrt(stored.reduce((s, x, i) => s + (x - query[i]) ** 2, 0));
    default: throw new Error(`unsupported distance ${distance}`);
  }
}

const higherIsBetter = (distance) => distance !== 'Euclid';

function compareIds(a, b) {
  const an = typeof a === 'number';
  const bn = typeof b === 'number';
  if (an && bn) return a - b;
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every candidate that passes the filter, best first; ties by id (integers before UUIDs). */
export function bruteForce(points, { distance, query, filter, vectorOf = (p) => p.vector }) {
  const ranked = [];
  for (const p of points) {
    const v = vectorOf(p);
    if (!v || !filterMatches(filter, p)) continue;
    ranked.push({ id: p.id, score: score(distance, query, v) });
  }
  const better = higherIsBetter(distance);
  ranked.sort((x, y) => (x.score !== y.score ? (better ? y.score - x.score : x.score - y.score) : compareIds(x.id, y.id)));
  return ranked;
}

/**
 * Asserts that `actual` (best first, `{id, score}`) is the top `limit` of `ranked`. Scores must agree to 1e-4
 * (the server computes in float32); ids must be equal rank by rank, except that two candidates whose reference
 * scores are within 1e-5 of each other are a tie and may come in either order.
 */
export function assertTopK(actual, ranked, limit, label) {
  const expected = ranked.slice(0, limit);
  const describe = () => `${label}\n  expected ${JSON.stringify(expected.map((e) => [e.id, +e.score.toFixed(6)]))}`
    + `\n  actual   ${JSON.stringify(actual.map((e) => [e.id, +Number(e.score).toFixed(6)]))}`;
  if (actual.length !== expected.length) {
    throw new Error(`wrong number of hits (${actual.length} instead of ${expected.length}): ${describe()}`);
  }
  const refScore = new Map(ranked.map((r) => [String(r.id), r.score]));
  const seen = new Set();
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const key = String(a.id);
    if (seen.has(key)) throw new Error(`id ${a.id} returned twice: ${describe()}`);
    seen.add(key);
    if (Math.abs(a.score - e.score) > 1e-4) throw new Error(`score at rank ${i} differs: ${describe()}`);
    if (key !== String(e.id)) {
      const own = refScore.get(key);
      if (own === undefined || Math.abs(own - e.score) > 1e-5) {
        throw new Error(`id at rank ${i} differs (not a tie): ${describe()}`);
      }
    }
  }
}

/** Deep copy through JSON (payloads are plain JSON). */
export const clone = (x) => JSON.parse(JSON.stringify(x));
