// The query API flow both transports drive: every query kind checked against the brute-force reference in
// query-reference.mjs over the same data (a 3-shard Cosine collection and a 1-shard named-vector collection).
import { assert, check } from './check.mjs';
import { assertTopK, randomVector, rng } from './data.mjs';
import {
  averageVector, bestScore, contextScore, dbsf, discoverScore, idealGroups, matrix, rank, raw, reported, rrf, stored, sumScores,
} from './query-reference.mjs';

export const MAIN = 'q_main';
export const NAMED = 'q_named';
export const OTHER = 'q_other';
export const DOCS = 'q_docs';
const DIM = 16;
const CITIES = ['Berlin', 'Paris', 'Oslo', 'Rome'];
const TAGS = ['a', 'b', 'c', 'd', 'e'];

/** Deterministic data for the four collections. */
export function queryDataset() {
  const next = rng(2024);
  const main = Array.from({ length: 400 }, (_, i) => {
    const id = i + 1;
    const tags = TAGS.filter(() => next() < 0.35);
    return { id, vector: randomVector(next, DIM), payload: { group: id % 7, n: id, city: CITIES[id % 4], tags } };
  });
  const named = Array.from({ length: 200 }, (_, i) => {
    const id = i + 1;
    const vector = { img: randomVector(next, 8) };
    if (id % 10 !== 0) vector.txt = randomVector(next, 6);
    return { id, vector, payload: { group: id % 5, n: id } };
  });
  const other = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, vector: { other: randomVector(next, DIM) } }));
  const docs = Array.from({ length: 7 }, (_, i) => ({ id: i, vector: [1, 0], payload: { title: `group ${i}` } }));
  return { main, named, other, docs, next };
}

/** Creates and fills the collections through the REST client. */
export async function createQueryCollections(client, data) {
  await client.createCollection(MAIN, { vectors: { size: DIM, distance: 'Cosine' }, shard_number: 3 });
  await client.createCollection(NAMED, { vectors: { img: { size: 8, distance: 'Dot' }, txt: { size: 6, distance: 'Euclid' } } });
  await client.createCollection(OTHER, { vectors: { other: { size: DIM, distance: 'Dot' } } });
  await client.createCollection(DOCS, { vectors: { size: 2, distance: 'Dot' } });
  for (const [name, points] of [[MAIN, data.main], [NAMED, data.named], [OTHER, data.other], [DOCS, data.docs]]) {
    await client.upsert(name, { wait: true, points });
  }
  // Qdrant orders by a field only with a range index on it; a server without payload indexes (501) orders anyway.
  try {
    await client.createPayloadIndex(MAIN, { field_name: 'n', field_schema: 'integer', wait: true });
  } catch (e) {
    if (e.status !== 501) throw e;
  }
}

const byId = (points, id) => points.find((p) => p.id === id);
const group = (g) => ({ must: [{ key: 'group', match: { value: g } }] });
const sortedIds = (ids) => [...ids].map(String).sort();

function assertGroups(actual, expected, label) {
  assert.deepStrictEqual(actual.map((g) => g.id), expected.map((g) => g.id), `${label}: group ids`);
  expected.forEach((g, i) => assertTopK(actual[i].hits, g.hits, g.hits.length, `${label}: hits of group ${g.id}`));
}

export async function queryFlow(api, data) {
  const { main, named, other } = data;
  const t = api.name;
  const q = Array.from({ length: 6 }, () => randomVector(data.next, DIM));
  const qImg = [randomVector(data.next, 8), randomVector(data.next, 8)];
  const qTxt = randomVector(data.next, 6);
  const img = (p) => p.vector.img;
  const txt = (p) => p.vector.txt;
  const cosine = (query) => (v) => reported('Cosine', query, stored('Cosine', v));

  await check(`${t}: nearest by point id uses its stored vector and leaves the point out`, async () => {
    const self = byId(main, 17).vector;
    assertTopK(await api.query(MAIN, { query: 17, limit: 10 }), rank(main, { score: cosine(self), exclude: [17] }), 10, 'bare id');
    assertTopK(await api.query(MAIN, { query: { nearest: 17 }, limit: 10 }), rank(main, { score: cosine(self), exclude: [17] }), 10, 'nearest id');
  });

  await check(`${t}: recommend average_vector is nearest to avg(pos) + (avg(pos) - avg(neg))`, async () => {
    const filter = { must_not: [{ key: 'group', match: { value: 0 } }] };
    const query = averageVector('Cosine', [byId(main, 1).vector, byId(main, 2).vector], [byId(main, 3).vector]);
    const hits = await api.query(MAIN, { query: { recommend: { positive: [1, 2], negative: [3] } }, filter, limit: 10 });
    assertTopK(hits, rank(main, { score: cosine(query), filter, exclude: [1, 2, 3] }), 10, 'average_vector');
  });

  await check(`${t}: recommend best_score (Euclid, ids and vectors) scores the closest example`, async () => {
    const extra = randomVector(rng(5), 6);
    const pos = [txt(byId(named, 5)), extra];
    const neg = [txt(byId(named, 6))];
    const hits = await api.query(NAMED, { query: { recommend: { positive: [5, extra], negative: [6], strategy: 'best_score' } }, using: 'txt', limit: 10 });
    assertTopK(hits, rank(named, { score: (v) => bestScore('Euclid', pos, neg, v), vectorOf: txt, exclude: [5, 6] }), 10, 'best_score');
  });

  await check(`${t}: recommend sum_scores (Dot) adds positive and subtracts negative similarities`, async () => {
    const extra = randomVector(rng(6), 8);
    const pos = [img(byId(named, 7))];
    const neg = [img(byId(named, 8)), extra];
    const hits = await api.query(NAMED, { query: { recommend: { positive: [7], negative: [8, extra], strategy: 'sum_scores' } }, using: 'img', limit: 12 });
    assertTopK(hits, rank(named, { score: (v) => sumScores('Dot', pos, neg, v), vectorOf: img, exclude: [7, 8] }), 12, 'sum_scores');
  });

  const pairsOf = (points, list, vectorOf = (p) => p.vector) => list.map(([p, n]) => [vectorOf(byId(points, p)), vectorOf(byId(points, n))]);

  await check(`${t}: discover ranks by context pairs, then by the target`, async () => {
    const pairs = pairsOf(main, [[11, 12], [13, 14]]);
    const hits = await api.query(MAIN, { query: { discover: { target: 10, context: [{ positive: 11, negative: 12 }, { positive: 13, negative: 14 }] } }, limit: 15 });
    const target = byId(main, 10).vector;
    assertTopK(hits, rank(main, { score: (v) => discoverScore('Cosine', target, pairs, stored('Cosine', v)), exclude: [10, 11, 12, 13, 14] }), 15, 'discover');
  });

  await check(`${t}: context search scores losses, 0 on the positive side of every pair`, async () => {
    const pairs = pairsOf(named, [[20, 21]], img);
    const hits = await api.query(NAMED, { query: { context: [{ positive: 20, negative: 21 }] }, using: 'img', limit: 20 });
    assert.ok(hits.every((h) => h.score <= 0), 'context scores are at most 0');
    assertTopK(hits, rank(named, { score: (v) => contextScore('Dot', pairs, v), vectorOf: img, exclude: [20, 21] }), 20, 'context');
  });

  await check(`${t}: a root query rescores only the prefetched candidates`, async () => {
    const candidates = rank(named, { score: (v) => raw('Dot', qImg[0], v), vectorOf: img }).slice(0, 25).map((h) => h.id);
    const hits = await api.query(NAMED, { prefetch: { query: qImg[0], using: 'img', limit: 25 }, query: qTxt, using: 'txt', limit: 8 });
    const ranked = rank(named.filter((p) => candidates.includes(p.id)), { score: (v) => reported('Euclid', qTxt, v), vectorOf: txt, higherIsBetter: false });
    assertTopK(hits, ranked, 8, 'rescored prefetch');
  });

  await check(`${t}: nested prefetches fuse inside, then the root rescores`, async () => {
    const l1 = rank(named, { score: (v) => raw('Dot', qImg[0], v), vectorOf: img }).slice(0, 30);
    const l2 = rank(named, { score: (v) => raw('Dot', qImg[1], v), vectorOf: img }).slice(0, 30);
    const fused = rrf([l1, l2]).slice(0, 15).map((h) => h.id);
    const hits = await api.query(NAMED, {
      prefetch: [{ prefetch: [{ query: qImg[0], using: 'img', limit: 30 }, { query: qImg[1], using: 'img', limit: 30 }], query: { fusion: 'rrf' }, limit: 15 }],
      query: qTxt,
      using: 'txt',
      limit: 5,
    });
    const ranked = rank(named.filter((p) => fused.includes(p.id)), { score: (v) => reported('Euclid', qTxt, v), vectorOf: txt, higherIsBetter: false });
    assertTopK(hits, ranked, 5, 'nested');
  });

  const fusionFilter = { must_not: [{ key: 'group', match: { value: 3 } }] };
  const prefetches = [{ query: q[0], limit: 20 }, { query: q[1], limit: 15 }];
  const lists = () => [
    rank(main, { score: cosine(q[0]), filter: fusionFilter }).slice(0, 20),
    rank(main, { score: cosine(q[1]), filter: fusionFilter }).slice(0, 15),
  ];

  await check(`${t}: fusion rrf over prefetches on 3 shards (root filter propagated)`, async () => {
    const hits = await api.query(MAIN, { prefetch: prefetches, query: { fusion: 'rrf' }, filter: fusionFilter, limit: 10 });
    assertTopK(hits, rrf(lists()), 10, 'rrf');
  });

  await check(`${t}: rrf with k and weights`, async () => {
    const hits = await api.query(MAIN, { prefetch: prefetches, query: { rrf: { k: 60, weights: [3, 1] } }, filter: fusionFilter, limit: 10 });
    assertTopK(hits, rrf(lists(), 60, [3, 1]), 10, 'rrf k=60 weights [3, 1]');
  });

  await check(`${t}: fusion dbsf normalises each prefetch by three sigmas`, async () => {
    const hits = await api.query(MAIN, { prefetch: prefetches, query: { fusion: 'dbsf' }, filter: fusionFilter, limit: 10 });
    assertTopK(hits, dbsf(lists()), 10, 'dbsf');
  });

  await check(`${t}: order_by as a query (desc), with offset and payload`, async () => {
    const hits = await api.query(MAIN, { query: { order_by: { key: 'n', direction: 'desc' } }, filter: group(2), offset: 2, limit: 7, with_payload: true });
    const expected = main.filter((p) => p.payload.group === 2).map((p) => p.id).sort((a, b) => b - a).slice(2, 9);
    assert.deepStrictEqual(hits.map((h) => h.id), expected);
    assert.deepStrictEqual(hits.map((h) => h.orderValue), expected);
    hits.forEach((h) => assert.deepStrictEqual(h.payload, byId(main, h.id).payload));
  });

  await check(`${t}: sample random returns distinct points matching the filter`, async () => {
    const hits = await api.query(MAIN, { query: { sample: 'random' }, filter: group(1), limit: 1000 });
    assert.deepStrictEqual(sortedIds(hits.map((h) => h.id)), sortedIds(main.filter((p) => p.payload.group === 1).map((p) => p.id)));
  });

  await check(`${t}: score_threshold and offset on Euclid distances`, async () => {
    const ranked = rank(named, { score: (v) => reported('Euclid', qTxt, v), vectorOf: txt, higherIsBetter: false });
    const threshold = (ranked[15].score + ranked[16].score) / 2;
    const hits = await api.query(NAMED, { query: qTxt, using: 'txt', score_threshold: threshold, offset: 3, limit: 100 });
    assertTopK(hits, ranked.slice(3, 16), 13, 'threshold');
  });

  await check(`${t}: lookup_from takes examples from another collection and keeps those ids in the results`, async () => {
    const filter = { must: [{ has_id: [1, 2, 3, 50, 60] }] };
    const example = byId(other, 1).vector.other;
    const hits = await api.query(MAIN, { query: { recommend: { positive: [1], strategy: 'best_score' } }, lookup_from: { collection: OTHER, vector: 'other' }, filter, limit: 10 });
    assertTopK(hits, rank(main, { score: (v) => bestScore('Cosine', [example], [], stored('Cosine', v)), filter }), 5, 'lookup_from');
    assert.ok(hits.some((h) => h.id === 1), 'id 1 of the searched collection is not excluded');
  });

  await check(`${t}: query batch answers each request in order`, async () => {
    const [a, b] = await api.queryBatch(MAIN, [{ query: q[2], limit: 3 }, { query: { nearest: 5 }, filter: group(1), limit: 4 }]);
    assertTopK(a, rank(main, { score: cosine(q[2]) }), 3, 'batch 0');
    assertTopK(b, rank(main, { score: cosine(byId(main, 5).vector), filter: group(1), exclude: [5] }), 4, 'batch 1');
  });

  await check(`${t}: query groups (integer key) with with_lookup and payload`, async () => {
    const groups = await api.queryGroups(MAIN, { query: q[3], group_by: 'group', group_size: 3, limit: 4, with_payload: true, with_lookup: DOCS });
    const expected = idealGroups(rank(main, { score: cosine(q[3]) }), (id) => [byId(main, id).payload.group], 4, 3);
    assertGroups(groups, expected, 'groups');
    for (const g of groups) {
      assert.equal(g.lookup?.payload?.title, `group ${g.id}`, `lookup of group ${g.id}`);
      g.hits.forEach((h) => assert.equal(h.payload.group, g.id));
    }
  });

  await check(`${t}: query groups by a multi-valued string key`, async () => {
    const groups = await api.queryGroups(MAIN, { query: q[4], group_by: 'tags', group_size: 2, limit: 3 });
    assertGroups(groups, idealGroups(rank(main, { score: cosine(q[4]) }), (id) => byId(main, id).payload.tags, 3, 2), 'tag groups');
    const empty = (payload) => payload === null || Object.keys(payload).length === 0;
    assert.ok(groups.every((g) => g.hits.every((h) => empty(h.payload)) && g.lookup === null), 'no payload or lookup unless asked for');
  });

  await check(`${t}: legacy search groups`, async () => {
    const groups = await api.searchGroups(MAIN, { vector: q[5], group_by: 'city', group_size: 2, limit: 3 });
    assertGroups(groups, idealGroups(rank(main, { score: cosine(q[5]) }), (id) => [byId(main, id).payload.city], 3, 2), 'search groups');
  });

  const avgRanked = (filter) => rank(main, {
    score: cosine(averageVector('Cosine', [byId(main, 1).vector, byId(main, 2).vector], [byId(main, 3).vector])), filter, exclude: [1, 2, 3],
  });

  await check(`${t}: legacy recommend, recommend batch and recommend groups`, async () => {
    assertTopK(await api.recommend(MAIN, { positive: [1, 2], negative: [3], limit: 10 }), avgRanked(), 10, 'recommend');
    const [a, b] = await api.recommendBatch(MAIN, [
      { positive: [1, 2], negative: [3], limit: 5, filter: group(4) },
      { positive: [4], strategy: 'best_score', limit: 6 },
    ]);
    assertTopK(a, avgRanked(group(4)), 5, 'recommend batch 0');
    const bestOf4 = rank(main, { score: (v) => bestScore('Cosine', [byId(main, 4).vector], [], stored('Cosine', v)), exclude: [4] });
    assertTopK(b, bestOf4, 6, 'recommend batch 1');
    const groups = await api.recommendGroups(MAIN, { positive: [4], strategy: 'best_score', group_by: 'group', group_size: 2, limit: 3 });
    assertGroups(groups, idealGroups(bestOf4, (id) => [byId(main, id).payload.group], 3, 2), 'recommend groups');
  });

  await check(`${t}: legacy discover and discover batch (with and without a target)`, async () => {
    const pairs = pairsOf(main, [[11, 12]]);
    const target = byId(main, 10).vector;
    const discovered = rank(main, { score: (v) => discoverScore('Cosine', target, pairs, stored('Cosine', v)), exclude: [10, 11, 12] });
    const contextual = rank(main, { score: (v) => contextScore('Cosine', pairs, stored('Cosine', v)), exclude: [11, 12] });
    assertTopK(await api.discover(MAIN, { target: 10, context: [{ positive: 11, negative: 12 }], limit: 10 }), discovered, 10, 'discover');
    const [a, b] = await api.discoverBatch(MAIN, [
      { target: 10, context: [{ positive: 11, negative: 12 }], limit: 4 },
      { context: [{ positive: 11, negative: 12 }], limit: 30 },
    ]);
    assertTopK(a, discovered, 4, 'discover batch 0');
    assertTopK(b, contextual, 30, 'discover batch 1 (context)');
  });

  await check(`${t}: distance matrix as pairs and as offsets`, async () => {
    const points = named.filter((p) => p.payload.group === 0);
    const expected = matrix(points, { distance: 'Dot', vectorOf: img, limit: 3 });
    const request = { filter: group(0), sample: 100, limit: 3, using: 'img' };
    const pairs = await api.matrixPairs(NAMED, request);
    const expectedPairs = expected.ids.flatMap((a, i) => expected.rows[i].map((b) => ({ a, b: b.id, score: b.score })));
    assert.deepStrictEqual(pairs.map((p) => [p.a, p.b]), expectedPairs.map((p) => [p.a, p.b]));
    pairs.forEach((p, i) => assert.ok(Math.abs(p.score - expectedPairs[i].score) < 1e-4, `pair ${i} score`));
    const offsets = await api.matrixOffsets(NAMED, request);
    assert.deepStrictEqual(offsets.ids, expected.ids);
    assert.deepStrictEqual(offsets.offsets_row, expectedPairs.map((p) => expected.ids.indexOf(p.a)));
    assert.deepStrictEqual(offsets.offsets_col, expectedPairs.map((p) => expected.ids.indexOf(p.b)));
    return `${expected.ids.length} sampled points`;
  });
}
