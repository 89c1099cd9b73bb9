// The query API through each official client, with one request shape (Qdrant's REST JSON) for both: the gRPC
// transport converts it to the protobuf messages. Results come back in one plain shape too:
// hits {id, score, payload, vector, orderValue}, groups {id, hits, lookup}, matrices {pairs} / {offsets}.
import { QdrantClient as RestClient } from '@qdrant/js-client-rest';
import {
  QdrantClient as GrpcClient, ConnectError, Direction, Fusion, RecommendStrategy, Sample, toDenseVector,
} from '@qdrant/js-client-grpc';
import { fromPointId, fromValueMap, toFilter, toPointId } from './grpc-adapter.mjs';

const restHit = (p) => ({ id: p.id, score: p.score, payload: p.payload ?? null, vector: p.vector ?? null, orderValue: p.order_value ?? null });
const restGroups = (r) => r.groups.map((g) => ({ id: g.id, hits: g.hits.map(restHit), lookup: g.lookup ?? null }));

export function restQueries(port) {
  const url = `http://127.0.0.1:${port}`;
  const client = new RestClient({ url, checkCompatibility: false });

  // The legacy explore endpoints are not wrapped by the 1.19 client; they are called as any REST user would.
  async function post(collection, path, body) {
    const res = await fetch(`${url}/collections/${encodeURIComponent(collection)}/points/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status !== 200) {
      const e = new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
      e.status = res.status;
      e.message2 = json.status?.error;
      throw e;
    }
    return json.result;
  }

  return {
    name: 'REST',
    client,
    query: async (c, r) => (await client.query(c, r)).points.map(restHit),
    queryBatch: async (c, searches) => (await client.queryBatch(c, { searches })).map((b) => b.points.map(restHit)),
    queryGroups: async (c, r) => restGroups(await client.queryGroups(c, r)),
    searchGroups: async (c, r) => restGroups(await post(c, 'search/groups', r)),
    recommend: async (c, r) => (await post(c, 'recommend', r)).map(restHit),
    recommendBatch: async (c, searches) => (await post(c, 'recommend/batch', { searches })).map((b) => b.map(restHit)),
    recommendGroups: async (c, r) => restGroups(await post(c, 'recommend/groups', r)),
    discover: async (c, r) => (await post(c, 'discover', r)).map(restHit),
    discoverBatch: async (c, searches) => (await post(c, 'discover/batch', { searches })).map((b) => b.map(restHit)),
    matrixPairs: async (c, r) => (await client.searchMatrixPairs(c, r)).pairs,
    matrixOffsets: async (c, r) => client.searchMatrixOffsets(c, r),
    /** The status and Qdrant message of a failed call. */
    async failure(promise) {
      try {
        await promise;
      } catch (e) {
        return { status: e.status, message: e.data?.status?.error ?? e.message2 };
      }
      throw new Error('the call succeeded');
    },
  };
}

// ---- REST JSON → protobuf ----------------------------------------------------------------------------------------
const enable = (value) => ({ selectorOptions: { case: 'enable', value } });
const u64 = (n) => (n === undefined ? undefined : BigInt(n));

function vectorInput(v) {
  if (Array.isArray(v)) return { variant: { case: 'dense', value: { data: v } } };
  return { variant: { case: 'id', value: toPointId(v) } };
}

const pairs = (list) => ({ pairs: (Array.isArray(list) ? list : [list]).map((p) => ({ positive: vectorInput(p.positive), negative: vectorInput(p.negative) })) });
const STRATEGIES = { average_vector: RecommendStrategy.AverageVector, best_score: RecommendStrategy.BestScore, sum_scores: RecommendStrategy.SumScores };

function query(q) {
  if (q === undefined) return undefined;
  if (Array.isArray(q) || typeof q !== 'object') return { variant: { case: 'nearest', value: vectorInput(q) } };
  if ('nearest' in q) return { variant: { case: 'nearest', value: vectorInput(q.nearest) } };
  if ('recommend' in q) {
    const r = q.recommend;
    return { variant: { case: 'recommend', value: { positive: (r.positive ?? []).map(vectorInput), negative: (r.negative ?? []).map(vectorInput), strategy: r.strategy && STRATEGIES[r.strategy] } } };
  }
  if ('discover' in q) return { variant: { case: 'discover', value: { target: vectorInput(q.discover.target), context: pairs(q.discover.context) } } };
  if ('context' in q) return { variant: { case: 'context', value: pairs(q.context) } };
  if ('order_by' in q) {
    const o = typeof q.order_by === 'string' ? { key: q.order_by } : q.order_by;
    return { variant: { case: 'orderBy', value: { key: o.key, direction: o.direction === 'desc' ? Direction.Desc : undefined } } };
  }
  if ('fusion' in q) return { variant: { case: 'fusion', value: q.fusion === 'rrf' ? Fusion.RRF : Fusion.DBSF } };
  if ('rrf' in q) return { variant: { case: 'rrf', value: { k: q.rrf.k, weights: q.rrf.weights ?? [] } } };
  if ('sample' in q) return { variant: { case: 'sample', value: Sample.Random } };
  throw new Error(`no gRPC form for query ${JSON.stringify(q)}`);
}

const lookup = (l) => (l ? { collectionName: l.collection, vectorName: l.vector } : undefined);

function prefetch(p) {
  return {
    prefetch: (p.prefetch === undefined ? [] : [p.prefetch].flat()).map(prefetch),
    query: query(p.query),
    using: p.using,
    filter: toFilter(p.filter),
    scoreThreshold: p.score_threshold,
    limit: u64(p.limit),
    lookupFrom: lookup(p.lookup_from),
  };
}

function queryPoints(collectionName, r) {
  return {
    ...prefetch(r),
    collectionName,
    offset: u64(r.offset),
    withPayload: enable(Boolean(r.with_payload)),
    withVectors: enable(Boolean(r.with_vector)),
  };
}

function withLookup(w) {
  if (!w) return undefined;
  if (typeof w === 'string') return { collection: w };
  return { collection: w.collection, withPayload: w.with_payload === undefined ? undefined : enable(w.with_payload), withVectors: w.with_vectors === undefined ? undefined : enable(w.with_vectors) };
}

function examples(list) {
  const ids = (list ?? []).filter((x) => !Array.isArray(x)).map(toPointId);
  const vectors = (list ?? []).filter(Array.isArray).map((data) => ({ vector: { case: 'dense', value: { data } } }));
  return { ids, vectors };
}

function recommendPoints(collectionName, r) {
  const pos = examples(r.positive);
  const neg = examples(r.negative);
  return {
    collectionName,
    positive: pos.ids,
    positiveVectors: pos.vectors,
    negative: neg.ids,
    negativeVectors: neg.vectors,
    strategy: r.strategy && STRATEGIES[r.strategy],
    filter: toFilter(r.filter),
    limit: u64(r.limit),
    offset: u64(r.offset),
    scoreThreshold: r.score_threshold,
    using: r.using,
    lookupFrom: lookup(r.lookup_from),
    withPayload: enable(Boolean(r.with_payload)),
    withVectors: enable(Boolean(r.with_vector)),
  };
}

const example = (x) => (Array.isArray(x) ? { example: { case: 'vector', value: { vector: { case: 'dense', value: { data: x } } } } } : { example: { case: 'id', value: toPointId(x) } });

function discoverPoints(collectionName, r) {
  return {
    collectionName,
    target: r.target === undefined ? undefined : { target: { case: 'single', value: example(r.target) } },
    context: (r.context ?? []).map((p) => ({ positive: example(p.positive), negative: example(p.negative) })),
    filter: toFilter(r.filter),
    limit: u64(r.limit),
    offset: u64(r.offset),
    using: r.using,
    lookupFrom: lookup(r.lookup_from),
    withPayload: enable(Boolean(r.with_payload)),
    withVectors: enable(Boolean(r.with_vector)),
  };
}

// ---- protobuf → plain ------------------------------------------------------------------------------------------
function fromVectors(out) {
  const o = out?.vectorsOptions;
  if (!o || o.case === undefined) return null;
  if (o.case === 'vector') return toDenseVector(o.value)?.data ?? null;
  return Object.fromEntries(Object.entries(o.value.vectors).map(([n, v]) => [n, toDenseVector(v)?.data ?? null]));
}

const orderValue = (v) => (v?.variant?.case === undefined ? null : Number(v.variant.value));
const grpcHit = (p) => ({ id: fromPointId(p.id), score: p.score, payload: fromValueMap(p.payload), vector: fromVectors(p.vectors), orderValue: orderValue(p.orderValue) });
const groupId = (g) => (g.kind.case === 'stringValue' ? g.kind.value : Number(g.kind.value));
const grpcGroups = (r) => r.result.groups.map((g) => ({
  id: groupId(g.id),
  hits: g.hits.map(grpcHit),
  lookup: g.lookup ? { id: fromPointId(g.lookup.id), payload: fromValueMap(g.lookup.payload), vector: fromVectors(g.lookup.vectors) } : null,
}));

export function grpcQueries(port) {
  const client = new GrpcClient({ host: '127.0.0.1', port, https: false, checkCompatibility: false });
  const points = client.api('points');

  return {
    name: 'gRPC',
    client,
    query: async (c, r) => (await points.query(queryPoints(c, r))).result.map(grpcHit),
    queryBatch: async (c, searches) => (await points.queryBatch({ collectionName: c, queryPoints: searches.map((r) => queryPoints(c, r)) })).result.map((b) => b.result.map(grpcHit)),
    queryGroups: async (c, r) => grpcGroups(await points.queryGroups({
      ...queryPoints(c, r), offset: undefined, groupBy: r.group_by, groupSize: u64(r.group_size), withLookup: withLookup(r.with_lookup),
    })),
    searchGroups: async (c, r) => grpcGroups(await points.searchGroups({
      collectionName: c,
      vector: r.vector.vector ?? r.vector,
      vectorName: r.vector.name,
      filter: toFilter(r.filter),
      limit: r.limit,
      groupSize: r.group_size,
      groupBy: r.group_by,
      withPayload: enable(Boolean(r.with_payload)),
      withLookup: withLookup(r.with_lookup),
    })),
    recommend: async (c, r) => (await points.recommend(recommendPoints(c, r))).result.map(grpcHit),
    recommendBatch: async (c, searches) => (await points.recommendBatch({ collectionName: c, recommendPoints: searches.map((r) => recommendPoints(c, r)) })).result.map((b) => b.result.map(grpcHit)),
    recommendGroups: async (c, r) => grpcGroups(await points.recommendGroups({
      ...recommendPoints(c, r), limit: r.limit, offset: undefined, groupBy: r.group_by, groupSize: r.group_size, withLookup: withLookup(r.with_lookup),
    })),
    discover: async (c, r) => (await points.discover(discoverPoints(c, r))).result.map(grpcHit),
    discoverBatch: async (c, searches) => (await points.discoverBatch({ collectionName: c, discoverPoints: searches.map((r) => discoverPoints(c, r)) })).result.map((b) => b.result.map(grpcHit)),
    matrixPairs: async (c, r) => (await points.searchMatrixPairs({ collectionName: c, filter: toFilter(r.filter), sample: u64(r.sample), limit: u64(r.limit), using: r.using })).result.pairs
      .map((p) => ({ a: fromPointId(p.a), b: fromPointId(p.b), score: p.score })),
    matrixOffsets: async (c, r) => {
      const m = (await points.searchMatrixOffsets({ collectionName: c, filter: toFilter(r.filter), sample: u64(r.sample), limit: u64(r.limit), using: r.using })).result;
      return { offsets_row: m.offsetsRow.map(Number), offsets_col: m.offsetsCol.map(Number), scores: m.scores, ids: m.ids.map(fromPointId) };
    },
    async failure(promise) {
      try {
        await promise;
      } catch (e) {
        if (!(e instanceof ConnectError)) throw e;
        return { status: e.code, message: e.rawMessage };
      }
      throw new Error('the call succeeded');
    },
  };
}
