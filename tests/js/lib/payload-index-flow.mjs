// The payload-index flow both official clients drive: one index per schema type, payload_schema in the collection
// info, filtered counts and queries against a brute-force reference, facets against independent counts, order_by,
// and dropping an index.
import { assert, check } from './check.mjs';
import { assertTopK, bruteForce, randomVector, rng } from './data.mjs';
import { DIM, FILTERS, INDEXES, dataset, facetReference, indexedPoints } from './payload-index-data.mjs';

const NAME = 'indexed';

export async function payloadIndexFlow(api) {
  const points = dataset();
  const byPayload = (predicate) => (p) => predicate(p.payload);
  const next = rng(77);

  await check(`create a collection and upsert ${points.length} points`, async () => {
    await api.createCollection(NAME, DIM);
    await api.upsert(NAME, points);
  });

  await check('create one payload index per schema type (names and params objects)', async () => {
    for (const [field, schema] of INDEXES) {
      assert.equal(await api.createIndex(NAME, field, schema), 'completed', field);
    }
    return `${INDEXES.length} indexes`;
  });

  await check('payload_schema lists every index with its type and indexed point count', async () => {
    const schema = await api.payloadSchema(NAME);
    assert.deepStrictEqual(Object.keys(schema).sort(), INDEXES.map(([f]) => f).sort());
    for (const [field, spec] of INDEXES) {
      const type = typeof spec === 'string' ? spec : spec.type;
      assert.equal(schema[field].type, type, field);
      assert.equal(schema[field].points, indexedPoints(points, field), `${field} points`);
      assert.equal(schema[field].params !== null, typeof spec !== 'string', `${field} params shown only when given`);
    }
  });

  for (const f of FILTERS) {
    await check(`filtered count and query equal brute force: ${f.name}`, async () => {
      const expected = points.filter(byPayload(f.matches));
      assert.ok(expected.length > 0 && expected.length < points.length, `${f.name} selects ${expected.length} points`);
      assert.equal(await api.count(NAME, f.filter), expected.length, 'count');
      const query = randomVector(next, DIM);
      const ranked = bruteForce(points, { distance: 'Cosine', query, filter: undefined, vectorOf: (p) => (f.matches(p.payload) ? p.vector : null) });
      assertTopK(await api.query(NAME, query, f.filter, 10), ranked, 10, f.name);
      return `${expected.length} points`;
    });
  }

  await check('facet counts equal an independent count, in Qdrant order', async () => {
    assert.deepStrictEqual(await api.facet(NAME, 'city', undefined, 100), facetReference(points, 'city', () => true, 100));
    const ok = FILTERS.find((f) => f.name === 'bool match');
    assert.deepStrictEqual(await api.facet(NAME, 'city', ok.filter, 3), facetReference(points, 'city', byPayload(ok.matches), 3));
    assert.deepStrictEqual(await api.facet(NAME, 'n', ok.filter, 5), facetReference(points, 'n', byPayload(ok.matches), 5));
    assert.deepStrictEqual(await api.facet(NAME, 'ok', undefined, 10), facetReference(points, 'ok'));
  });

  await check('facet on a field without a map index is refused with Qdrant\'s message', async () => {
    await assert.rejects(api.facet(NAME, 'price', undefined, 10), (e) => {
      assert.ok(api.isBadRequest(e), String(e));
      assert.match(api.errorText(e), /No appropriate index for faceting: `price`/);
      return true;
    });
  });

  await check('order_by reads the range index in order, one entry per value, ties by id', async () => {
    const expected = points.filter((p) => p.payload.n !== undefined)
      .sort((a, b) => b.payload.n - a.payload.n || a.id - b.id)
      .slice(0, 25)
      .map((p) => p.id);
    assert.deepStrictEqual(await api.scrollOrdered(NAME, 'n', 'desc', 25), expected);
    await assert.rejects(api.scrollOrdered(NAME, 'city', 'asc', 5), (e) => api.isBadRequest(e) && /No range index for `order_by` key: `city`/.test(api.errorText(e)));
  });

  await check('deletePayloadIndex removes the index from payload_schema; results stay the same', async () => {
    assert.equal(await api.deleteIndex(NAME, 'city'), 'completed');
    const schema = await api.payloadSchema(NAME);
    assert.equal(schema.city, undefined);
    assert.equal(Object.keys(schema).length, INDEXES.length - 1);
    const f = FILTERS[0];
    assert.equal(await api.count(NAME, f.filter), points.filter(byPayload(f.matches)).length);
    await assert.rejects(api.facet(NAME, 'city', undefined, 10), (e) => api.isBadRequest(e));
  });
}
