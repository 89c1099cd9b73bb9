// The core flow both official clients drive: collections, a 10,010-point upsert, searches and filters checked
// against a brute-force reference, scroll, count, payload and vector updates, aliases, deletes and retrieval.
import { assert, check } from './check.mjs';
import {
  FILTERS, assertTopK, bruteForce, filterMatches, mainDataset, normalize, randomVector, rng, uuidFor,
} from './data.mjs';

const MAIN = 'main';
const NAMED = 'named';
const DIM = 64;
const BATCH = 500;

const sortIds = (ids) => [...ids].map(String).sort();

function assertVectorClose(actual, expected, label) {
  assert.ok(Array.isArray(actual), `${label}: no vector returned`);
  assert.equal(actual.length, expected.length, `${label}: dimension`);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > 1e-6) {
      assert.fail(`${label}: component ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

export async function coreFlow(api) {
  const data = mainDataset({ dim: DIM });
  const byId = new Map(data.map((p) => [String(p.id), p]));
  const live = () => [...byId.values()];
  const matching = (filter) => live().filter((p) => filterMatches(filter, p));
  const next = rng(99);
  const queries = Array.from({ length: 4 }, () => randomVector(next, DIM));

  await check('server version is compatible with the 1.19 client', async () => {
    const info = await api.versionInfo();
    const [major, minor] = info.version.split('.').map(Number);
    assert.equal(major, 1);
    assert.ok(Math.abs(minor - 19) <= 1, `server version ${info.version}`);
    return `server ${info.version}`;
  });

  await check('create a Cosine 64-d collection and a named-vector collection', async () => {
    assert.equal(await api.createCollection(MAIN, { size: DIM, distance: 'Cosine' }), true);
    assert.equal(await api.createCollection(NAMED, { image: { size: 4, distance: 'Dot' }, text: { size: 8, distance: 'Euclid' } }), true);
    assert.equal(await api.collectionExists(MAIN), true);
    assert.equal(await api.collectionExists(NAMED), true);
    assert.equal(await api.collectionExists('never-created'), false);
  });

  await check(`upsert ${data.length} points in batches of ${BATCH} with wait=true`, async () => {
    for (let i = 0; i < data.length; i += BATCH) {
      assert.equal(await api.upsert(MAIN, data.slice(i, i + BATCH)), 'completed');
    }
    assert.equal(await api.count(MAIN), data.length);
    assert.equal(await api.pointsCount(MAIN), data.length);
    return `${Math.ceil(data.length / BATCH)} batches`;
  });

  // Named vectors: every point has `image`; every tenth has no `text`.
  const namedNext = rng(7);
  const named = Array.from({ length: 300 }, (_, i) => {
    const vector = { image: randomVector(namedNext, 4) };
    if (i % 10 !== 0) vector.text = randomVector(namedNext, 8);
    return { id: i + 1, vector, payload: { group: i % 3 } };
  });
  const namedById = new Map(named.map((p) => [p.id, p]));
  await check('upsert points with named vectors (some without `text`)', async () => {
    assert.equal(await api.upsert(NAMED, named), 'completed');
    assert.equal(await api.count(NAMED), named.length);
  });

  await check('query without filter equals the brute-force top 10 (and top 1, top 100)', async () => {
    for (const [qi, q] of queries.entries()) {
      const ranked = bruteForce(live(), { distance: 'Cosine', query: q });
      assertTopK(await api.query(MAIN, { query: q, limit: 10 }), ranked, 10, `query ${qi}`);
      if (qi === 0) {
        assertTopK(await api.query(MAIN, { query: q, limit: 1 }), ranked, 1, 'query limit 1');
        assertTopK(await api.query(MAIN, { query: q, limit: 100 }), ranked, 100, 'query limit 100');
      }
    }
    return `${queries.length} query vectors`;
  });

  await check('legacy search without filter equals the brute-force top 10', async () => {
    for (const [qi, q] of queries.entries()) {
      const ranked = bruteForce(live(), { distance: 'Cosine', query: q });
      assertTopK(await api.search(MAIN, { vector: q, limit: 10 }), ranked, 10, `search ${qi}`);
    }
  });

  await check('query returns the stored payload with the hits', async () => {
    const hits = await api.query(MAIN, { query: queries[0], limit: 5, withPayload: true });
    for (const h of hits) assert.deepStrictEqual(h.payload, byId.get(String(h.id)).payload, `payload of ${h.id}`);
  });

  for (const [name, filter] of Object.entries(FILTERS)) {
    await check(`filter "${name}": query, legacy search and exact count equal the reference`, async () => {
      const expected = matching(filter).length;
      assert.ok(expected > 0, 'the reference selects nothing: the filter proves nothing');
      for (const [qi, q] of queries.slice(0, 2).entries()) {
        const ranked = bruteForce(live(), { distance: 'Cosine', query: q, filter });
        assertTopK(await api.query(MAIN, { query: q, filter, limit: 10 }), ranked, 10, `query ${qi} with ${name}`);
        assertTopK(await api.search(MAIN, { vector: q, filter, limit: 10 }), ranked, 10, `search ${qi} with ${name}`);
      }
      assert.equal(await api.count(MAIN, filter), expected, 'exact count');
      return `${expected} matching points`;
    });
  }

  await check('named vectors: query and search by `text` (Euclid) and `image` (Dot) equal the reference', async () => {
    const qText = randomVector(namedNext, 8);
    const qImage = randomVector(namedNext, 4);
    const filter = { must: [{ key: 'group', match: { value: 1 } }] };
    const text = (f) => bruteForce(named, { distance: 'Euclid', query: qText, filter: f, vectorOf: (p) => p.vector.text });
    const image = (f) => bruteForce(named, { distance: 'Dot', query: qImage, filter: f, vectorOf: (p) => p.vector.image });
    assertTopK(await api.query(NAMED, { query: qText, using: 'text', limit: 10 }), text(), 10, 'query text');
    assertTopK(await api.query(NAMED, { query: qImage, using: 'image', limit: 10 }), image(), 10, 'query image');
    assertTopK(await api.query(NAMED, { query: qText, using: 'text', filter, limit: 10 }), text(filter), 10, 'query text filtered');
    assertTopK(await api.search(NAMED, { vector: qText, using: 'text', limit: 10 }), text(), 10, 'search text');
    assertTopK(await api.search(NAMED, { vector: qImage, using: 'image', filter, limit: 10 }), image(filter), 10, 'search image filtered');
    const all = await api.query(NAMED, { query: qText, using: 'text', limit: 300 });
    assert.equal(all.length, 270, 'points without a `text` vector are not candidates for `text`');
  });

  await check('scroll through everything (limit 1000, following next_page_offset): every id exactly once', async () => {
    const seen = new Map();
    let offset = null;
    let pages = 0;
    do {
      const page = await api.scroll(MAIN, { limit: 1000, offset });
      assert.ok(page.points.length <= 1000, 'page larger than the limit');
      for (const p of page.points) {
        const key = String(p.id);
        assert.ok(!seen.has(key), `id ${p.id} returned twice`);
        seen.set(key, p);
        assert.deepStrictEqual(p.payload, byId.get(key)?.payload, `payload of ${p.id}`);
      }
      offset = page.next;
      pages++;
      assert.ok(pages <= 20, 'scroll does not end');
    } while (offset !== null);
    assert.deepStrictEqual(sortIds(seen.keys()), sortIds(byId.keys()));
    return `${seen.size} points in ${pages} pages`;
  });

  await check('scroll with a filter returns exactly the matching ids', async () => {
    for (const name of ['nested key', 'min_should', 'has_id']) {
      const filter = FILTERS[name];
      const ids = [];
      let offset = null;
      do {
        const page = await api.scroll(MAIN, { filter, limit: 1000, offset, withPayload: false });
        ids.push(...page.points.map((p) => p.id));
        offset = page.next;
      } while (offset !== null);
      assert.deepStrictEqual(sortIds(ids), sortIds(matching(filter).map((p) => p.id)), name);
    }
  });

  await check('exact count with and without a filter', async () => {
    assert.equal(await api.count(MAIN), byId.size);
    assert.equal(await api.count(MAIN, FILTERS['match value (keyword)']), matching(FILTERS['match value (keyword)']).length);
  });

  await check('retrieve by ids, including UUID ids, an upper-case UUID and a missing id', async () => {
    const ids = [1, 2, 9999, uuidFor(0), uuidFor(9).toUpperCase(), 123456789];
    const got = await api.retrieve(MAIN, ids, { withVector: true });
    assert.deepStrictEqual(sortIds(got.map((p) => p.id)), sortIds([1, 2, 9999, uuidFor(0), uuidFor(9)]), 'ids (UUIDs come back lower-case)');
    for (const p of got) {
      const ref = byId.get(String(p.id));
      assert.deepStrictEqual(p.payload, ref.payload, `payload of ${p.id}`);
      assertVectorClose(p.vector, normalize(ref.vector), `vector of ${p.id} (stored normalised for Cosine)`);
    }
  });

  // Payload operations; the reference model follows each one.
  const payloadOf = async (id) => (await api.retrieve(MAIN, [id]))[0].payload;

  await check('set payload merges keys into the existing payload', async () => {
    assert.equal(await api.setPayload(MAIN, { points: [1, 2], payload: { extra: 'x', n: 5000 } }), 'completed');
    for (const id of [1, 2]) {
      Object.assign(byId.get(String(id)).payload, { extra: 'x', n: 5000 });
      assert.deepStrictEqual(await payloadOf(id), byId.get(String(id)).payload, `payload of ${id}`);
    }
    assert.equal(await api.count(MAIN, { must: [{ key: 'extra', match: { value: 'x' } }] }), 2);
  });

  await check('set payload with `key` merges into the nested object only', async () => {
    assert.equal(await api.setPayload(MAIN, { points: [3], payload: { deep: { k: 1 } }, key: 'meta' }), 'completed');
    const ref = byId.get('3').payload;
    ref.meta = { ...ref.meta, deep: { k: 1 } };
    assert.deepStrictEqual(await payloadOf(3), ref);
  });

  await check('set payload selected by a filter', async () => {
    const filter = { must: [{ has_id: [7, 8, uuidFor(1)] }] };
    assert.equal(await api.setPayload(MAIN, { filter, payload: { via_filter: true } }), 'completed');
    for (const id of [7, 8, uuidFor(1)]) byId.get(String(id)).payload.via_filter = true;
    assert.equal(await api.count(MAIN, { must: [{ key: 'via_filter', match: { value: true } }] }), 3);
    assert.deepStrictEqual(await payloadOf(uuidFor(1)), byId.get(uuidFor(1)).payload);
  });

  await check('overwrite payload replaces it whole', async () => {
    assert.equal(await api.overwritePayload(MAIN, { points: [4], payload: { only: 1 } }), 'completed');
    byId.get('4').payload = { only: 1 };
    assert.deepStrictEqual(await payloadOf(4), { only: 1 });
  });

  await check('delete payload keys, including a nested key', async () => {
    assert.equal(await api.deletePayload(MAIN, { points: [5], keys: ['color', 'meta.level'] }), 'completed');
    const ref = byId.get('5').payload;
    delete ref.color;
    delete ref.meta.level;
    const got = await payloadOf(5);
    assert.deepStrictEqual(got, ref);
    assert.ok(!('color' in got) && !('level' in got.meta) && 'color' in got.meta);
  });

  await check('clear payload leaves an empty payload', async () => {
    assert.equal(await api.clearPayload(MAIN, { points: [6] }), 'completed');
    byId.get('6').payload = {};
    assert.deepStrictEqual(await payloadOf(6), {});
  });

  await check('after payload operations, filtered counts still equal the reference', async () => {
    for (const name of ['match value (keyword)', 'nested key', 'is_empty', 'min_should']) {
      assert.equal(await api.count(MAIN, FILTERS[name]), matching(FILTERS[name]).length, name);
    }
  });

  await check('update a vector: retrieve shows it and it becomes the nearest neighbour of itself', async () => {
    const v = randomVector(next, DIM);
    assert.equal(await api.updateVectors(MAIN, [{ id: 10, vector: v }]), 'completed');
    byId.get('10').vector = v;
    const [p] = await api.retrieve(MAIN, [10], { withVector: true });
    assertVectorClose(p.vector, normalize(v), 'updated vector');
    assert.deepStrictEqual(p.payload, byId.get('10').payload, 'payload untouched by a vector update');
    const hits = await api.query(MAIN, { query: v, limit: 3 });
    assert.equal(hits[0].id, 10);
    assert.ok(Math.abs(hits[0].score - 1) < 1e-5, `self-similarity ${hits[0].score}`);
    assertTopK(hits, bruteForce(live(), { distance: 'Cosine', query: v }), 3, 'query with updated vector');
  });

  await check('delete a named vector: the point keeps the other one and drops out of that vector\'s search', async () => {
    assert.equal(await api.deleteVectors(NAMED, { points: [2, 3], vectors: ['text'] }), 'completed');
    for (const id of [2, 3]) delete namedById.get(id).vector.text;
    const got = await api.retrieve(NAMED, [2, 3], { withVector: true });
    for (const p of got) {
      assert.deepStrictEqual(Object.keys(p.vector).sort(), ['image'], `vectors of ${p.id}`);
      assertVectorClose(p.vector.image, namedById.get(p.id).vector.image, `image of ${p.id}`);
    }
    const q = namedById.get(2).vector.image.concat([0, 0, 0, 0]);
    const all = await api.query(NAMED, { query: q, using: 'text', limit: 300 });
    assert.equal(all.length, 268);
    assert.ok(!all.some((h) => h.id === 2 || h.id === 3), 'deleted vectors are not searched');
  });

  await check('aliases: create, list, search through, rename, delete', async () => {
    assert.equal(await api.createAlias(MAIN, 'main_alias'), true);
    assert.deepStrictEqual(await api.listAliases(), [{ alias: 'main_alias', collection: MAIN }]);
    const direct = await api.query(MAIN, { query: queries[1], limit: 10 });
    const viaAlias = await api.query('main_alias', { query: queries[1], limit: 10 });
    assert.deepStrictEqual(viaAlias.map((h) => [h.id, h.score]), direct.map((h) => [h.id, h.score]));
    assertTopK(await api.search('main_alias', { vector: queries[1], limit: 10 }), bruteForce(live(), { distance: 'Cosine', query: queries[1] }), 10, 'search via alias');
    assert.equal(await api.count('main_alias'), byId.size);
    assert.equal(await api.renameAlias('main_alias', 'main_alias2'), true);
    assert.deepStrictEqual(await api.listAliases(), [{ alias: 'main_alias2', collection: MAIN }]);
    assert.deepStrictEqual(await api.collectionAliases(MAIN), [{ alias: 'main_alias2', collection: MAIN }]);
    assert.deepStrictEqual(await api.collectionAliases(NAMED), []);
    await assert.rejects(api.count('main_alias'), (e) => api.isNotFound(e), 'the old alias name is gone');
    assert.equal(await api.deleteAlias('main_alias2'), true);
    assert.deepStrictEqual(await api.listAliases(), []);
    await assert.rejects(api.query('main_alias2', { query: queries[1], limit: 1 }), (e) => api.isNotFound(e), 'a deleted alias is not found');
  });

  await check('delete by filter, then exact counts', async () => {
    const filter = FILTERS['match value (keyword)'];
    const doomed = matching(filter).map((p) => String(p.id));
    assert.ok(doomed.length > 100);
    assert.equal(await api.deleteByFilter(MAIN, filter), 'completed');
    for (const id of doomed) byId.delete(id);
    assert.equal(await api.count(MAIN, filter), 0);
    assert.equal(await api.count(MAIN), byId.size);
    return `${doomed.length} deleted, ${byId.size} left`;
  });

  await check('delete by ids (integer and UUID)', async () => {
    const ids = [live().find((p) => typeof p.id === 'number').id, uuidFor(2)];
    assert.equal(await api.deletePoints(MAIN, ids), 'completed');
    for (const id of ids) byId.delete(String(id));
    assert.deepStrictEqual(await api.retrieve(MAIN, ids), []);
    assert.equal(await api.count(MAIN), byId.size);
  });

  await check('after all updates, query and filtered search still equal the reference', async () => {
    for (const q of queries) {
      assertTopK(await api.query(MAIN, { query: q, limit: 10 }), bruteForce(live(), { distance: 'Cosine', query: q }), 10, 'final query');
    }
    const filter = FILTERS['filter inside filter'];
    assertTopK(await api.search(MAIN, { vector: queries[2], filter, limit: 10 }), bruteForce(live(), { distance: 'Cosine', query: queries[2], filter }), 10, 'final filtered search');
  });

  await check('an unknown collection is reported as not found', async () => {
    await assert.rejects(api.count('no_such_collection'), (e) => api.isNotFound(e));
    await assert.rejects(api.query('no_such_collection', { query: queries[0], limit: 1 }), (e) => api.isNotFound(e));
  });

  return { points: byId.size };
}
