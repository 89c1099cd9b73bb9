// Data, filters and independent reference answers for the payload-index scenario: every filter is given in Qdrant's
// REST shape together with a plain-JavaScript predicate written from the documented semantics.
import { rng, randomVector } from './data.mjs';

export const DIM = 4;
const CITIES = ['Berlin', 'Paris', 'Rome', 'Oslo', 'Madrid', 'Lisbon', 'Vienna'];
const UIDS = [
  '6f1b8c2e-1d3a-4c5b-9e7f-0a1b2c3d4e5f',
  '00000000-0000-4000-8000-000000000001',
  'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4',
];
const WORDS = ['quick', 'brown', 'fox', 'lazy', 'dog', 'jumps', 'over', 'river'];
const HOUR = 3600 * 1000;
const START = Date.UTC(2024, 0, 1);

/** Points 1..count with vectors and a payload holding one field per index type (some fields sometimes missing). */
export function dataset(count = 800) {
  const next = rng(4242);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const points = [];
  for (let id = 1; id <= count; id++) {
    const payload = {
      city: next() < 0.1 ? [pick(CITIES), pick(CITIES)] : pick(CITIES),
      price: Math.round(next() * 10000) / 100,
      ok: next() < 0.4,
      ts: new Date(START + Math.floor(next() * 24 * 20) * HOUR).toISOString(),
      uid: pick(UIDS),
      loc: { lon: Math.round((next() * 60 - 20) * 1000) / 1000, lat: Math.round((next() * 40 + 30) * 1000) / 1000 },
      desc: Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(WORDS)).join(next() < 0.5 ? ' ' : ', '),
    };
    if (next() < 0.9) payload.n = Math.floor(next() * 50);
    points.push({ id, vector: randomVector(next, DIM), payload });
  }
  return points;
}

/** The index created for each field: type names and params objects, both forms Qdrant accepts. */
export const INDEXES = [
  ['city', { type: 'keyword', is_tenant: true }],
  ['n', { type: 'integer', lookup: true, range: true }],
  ['price', 'float'],
  ['ok', 'bool'],
  ['ts', 'datetime'],
  ['uid', 'uuid'],
  ['loc', 'geo'],
  ['desc', { type: 'text', tokenizer: 'word', lowercase: true, min_token_len: 2 }],
];

const values = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const tokens = (s) => s.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2).map((t) => t.toLowerCase());

function haversineMeters(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 6371008.8 * 2 * Math.asin(Math.sqrt(h));
}

const at = (key, value) => ({ key, ...value });

/** Filters over every indexed field, each with its reference predicate. */
export const FILTERS = [
  {
    name: 'keyword match',
    filter: { must: [at('city', { match: { value: 'Berlin' } })] },
    matches: (p) => values(p.city).includes('Berlin'),
  },
  {
    name: 'keyword any',
    filter: { must: [at('city', { match: { any: ['Oslo', 'Rome'] } })] },
    matches: (p) => values(p.city).some((c) => c === 'Oslo' || c === 'Rome'),
  },
  {
    name: 'integer range and must_not',
    filter: { must: [at('n', { range: { gte: 10, lt: 20 } })], must_not: [at('city', { match: { value: 'Paris' } })] },
    matches: (p) => p.n !== undefined && p.n >= 10 && p.n < 20 && !values(p.city).includes('Paris'),
  },
  {
    name: 'integer match',
    filter: { must: [at('n', { match: { value: 7 } })] },
    matches: (p) => p.n === 7,
  },
  {
    name: 'float range',
    filter: { must: [at('price', { range: { gt: 80.5 } })] },
    matches: (p) => p.price > 80.5,
  },
  {
    name: 'bool match',
    filter: { must: [at('ok', { match: { value: true } })] },
    matches: (p) => p.ok === true,
  },
  {
    name: 'datetime range',
    filter: { must: [at('ts', { range: { gte: '2024-01-05T00:00:00Z', lt: '2024-01-10T12:00:00Z' } })] },
    matches: (p) => Date.parse(p.ts) >= Date.parse('2024-01-05T00:00:00Z') && Date.parse(p.ts) < Date.parse('2024-01-10T12:00:00Z'),
  },
  {
    name: 'uuid match',
    filter: { must: [at('uid', { match: { value: UIDS[1] } })] },
    matches: (p) => p.uid === UIDS[1],
  },
  {
    name: 'geo radius',
    filter: { must: [at('loc', { geo_radius: { center: { lon: 10, lat: 50 }, radius: 900000 } })] },
    matches: (p) => haversineMeters({ lon: 10, lat: 50 }, p.loc) < 900000,
  },
  {
    name: 'geo bounding box',
    filter: { must: [at('loc', { geo_bounding_box: { top_left: { lon: 0, lat: 60 }, bottom_right: { lon: 20, lat: 45 } } })] },
    matches: (p) => p.loc.lon > 0 && p.loc.lon < 20 && p.loc.lat > 45 && p.loc.lat < 60,
  },
  {
    name: 'full-text match',
    filter: { must: [at('desc', { match: { text: 'quick FOX' } })] },
    matches: (p) => ['quick', 'fox'].every((t) => tokens(p.desc).includes(t)),
  },
  {
    name: 'should over two indexes',
    filter: { should: [at('ok', { match: { value: false } }), at('city', { match: { value: 'Vienna' } })], must: [at('n', { range: { lte: 25 } })] },
    matches: (p) => (p.ok === false || values(p.city).includes('Vienna')) && p.n !== undefined && p.n <= 25,
  },
];

/** Facet counts computed independently: each point counts once per distinct value, sorted like Qdrant. */
export function facetReference(points, key, predicate = () => true, limit = 10) {
  const counts = new Map();
  for (const p of points) {
    if (!predicate(p)) continue;
    for (const v of new Set(values(p.payload[key]))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const order = (a, b) => (typeof a === 'boolean' ? Number(a) - Number(b) : typeof a === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((x, y) => y.count - x.count || order(x.value, y.value))
    .slice(0, limit);
}

/** How many points have a value of the index's kind at `key`. */
export function indexedPoints(points, key) {
  return points.filter((p) => values(p.payload[key]).length > 0).length;
}
