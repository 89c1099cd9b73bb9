// The core flow's operations through the official gRPC client (@qdrant/js-client-grpc), converting between the
// flow's plain JSON shapes (REST-style ids, payloads and filters) and the protobuf messages.
import { QdrantClient, Distance, UpdateStatus, ConnectError, ConnectErrorCode, toDenseVector } from '@qdrant/js-client-grpc';

const DISTANCES = { Cosine: Distance.Cosine, Euclid: Distance.Euclid, Dot: Distance.Dot, Manhattan: Distance.Manhattan };

// ---- ids --------------------------------------------------------------------------------------------------------
export function toPointId(id) {
  if (typeof id === 'number') return { pointIdOptions: { case: 'num', value: BigInt(id) } };
  if (typeof id === 'string') return { pointIdOptions: { case: 'uuid', value: id } };
  throw new Error(`unsupported point id ${JSON.stringify(id)}`);
}

export function fromPointId(pid) {
  const o = pid?.pointIdOptions;
  if (o?.case === 'num') return Number(o.value);
  if (o?.case === 'uuid') return o.value;
  throw new Error(`point id without a value: ${JSON.stringify(pid, (k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
}

// ---- payload values ---------------------------------------------------------------------------------------------
export function toValue(v) {
  if (v === null || v === undefined) return { kind: { case: 'nullValue', value: 0 } };
  if (typeof v === 'boolean') return { kind: { case: 'boolValue', value: v } };
  if (typeof v === 'string') return { kind: { case: 'stringValue', value: v } };
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { kind: { case: 'integerValue', value: BigInt(v) } } : { kind: { case: 'doubleValue', value: v } };
  }
  if (Array.isArray(v)) return { kind: { case: 'listValue', value: { values: v.map(toValue) } } };
  return { kind: { case: 'structValue', value: { fields: toValueMap(v) } } };
}

export function toValueMap(obj) {
  return Object.fromEntries(Object.entries(obj ?? {}).map(([k, v]) => [k, toValue(v)]));
}

export function fromValue(v) {
  const k = v?.kind;
  switch (k?.case) {
    case 'nullValue': return null;
    case 'boolValue':
    case 'stringValue':
    case 'doubleValue': return k.value;
    case 'integerValue': return Number(k.value);
    case 'listValue': return k.value.values.map(fromValue);
    case 'structValue': return fromValueMap(k.value.fields);
    default: throw new Error(`payload value without a kind: ${k?.case}`);
  }
}

export function fromValueMap(fields) {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, fromValue(v)]));
}

// ---- filters ----------------------------------------------------------------------------------------------------
function toMatch(m) {
  const ints = (list) => list.every((x) => Number.isInteger(x));
  if ('value' in m) {
    const v = m.value;
    if (typeof v === 'string') return { matchValue: { case: 'keyword', value: v } };
    if (typeof v === 'boolean') return { matchValue: { case: 'boolean', value: v } };
    if (Number.isInteger(v)) return { matchValue: { case: 'integer', value: BigInt(v) } };
  }
  if ('any' in m) {
    return ints(m.any)
      ? { matchValue: { case: 'integers', value: { integers: m.any.map(BigInt) } } }
      : { matchValue: { case: 'keywords', value: { strings: m.any } } };
  }
  if ('except' in m) {
    return ints(m.except)
      ? { matchValue: { case: 'exceptIntegers', value: { integers: m.except.map(BigInt) } } }
      : { matchValue: { case: 'exceptKeywords', value: { strings: m.except } } };
  }
  throw new Error(`unsupported match ${JSON.stringify(m)}`);
}

function toCondition(c) {
  if ('must' in c || 'should' in c || 'must_not' in c || 'min_should' in c) {
    return { conditionOneOf: { case: 'filter', value: toFilter(c) } };
  }
  if ('has_id' in c) return { conditionOneOf: { case: 'hasId', value: { hasId: c.has_id.map(toPointId) } } };
  if ('is_empty' in c) return { conditionOneOf: { case: 'isEmpty', value: { key: c.is_empty.key } } };
  if ('nested' in c) return { conditionOneOf: { case: 'nested', value: { key: c.nested.key, filter: toFilter(c.nested.filter) } } };
  const field = { key: c.key };
  if (c.match) field.match = toMatch(c.match);
  else if (c.range) field.range = { ...c.range };
  else throw new Error(`unsupported condition ${JSON.stringify(c)}`);
  return { conditionOneOf: { case: 'field', value: field } };
}

export function toFilter(f) {
  if (!f) return undefined;
  const list = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  const filter = { must: list(f.must).map(toCondition), should: list(f.should).map(toCondition), mustNot: list(f.must_not).map(toCondition) };
  if (f.min_should) {
    filter.minShould = { conditions: f.min_should.conditions.map(toCondition), minCount: BigInt(f.min_should.min_count) };
  }
  return filter;
}

// ---- vectors ----------------------------------------------------------------------------------------------------
const dense = (data) => ({ vector: { case: 'dense', value: { data } } });

function toVectors(vector) {
  if (Array.isArray(vector)) return { vectorsOptions: { case: 'vector', value: dense(vector) } };
  return { vectorsOptions: { case: 'vectors', value: { vectors: Object.fromEntries(Object.entries(vector).map(([n, v]) => [n, dense(v)])) } } };
}

function fromVectors(out) {
  const o = out?.vectorsOptions;
  if (!o || o.case === undefined) return null;
  if (o.case === 'vector') return toDenseVector(o.value)?.data ?? null;
  return Object.fromEntries(Object.entries(o.value.vectors).map(([n, v]) => [n, toDenseVector(v)?.data ?? null]));
}

const enable = (value) => ({ selectorOptions: { case: 'enable', value } });
const byIds = (ids) => ({ pointsSelectorOneOf: { case: 'points', value: { ids: ids.map(toPointId) } } });
const byFilter = (filter) => ({ pointsSelectorOneOf: { case: 'filter', value: toFilter(filter) } });

function completed(response) {
  // Reported the way REST does, so the flow checks one word for both transports.
  const status = response.result?.status;
  return status === UpdateStatus.Completed ? 'completed' : `status ${UpdateStatus[status] ?? status}`;
}

export function grpcAdapter(port) {
  const client = new QdrantClient({ host: '127.0.0.1', port, https: false, checkCompatibility: true });
  const collections = client.api('collections');
  const points = client.api('points');
  const scored = (p) => ({ id: fromPointId(p.id), score: p.score, payload: fromValueMap(p.payload), vector: fromVectors(p.vectors) });
  const record = (p) => ({ id: fromPointId(p.id), payload: fromValueMap(p.payload), vector: fromVectors(p.vectors) });

  return {
    name: 'gRPC (@qdrant/js-client-grpc)',
    client,

    async versionInfo() {
      return client.api('service').healthCheck({});
    },

    async createCollection(name, vectors) {
      const params = (v) => ({ size: BigInt(v.size), distance: DISTANCES[v.distance] });
      const vectorsConfig = 'size' in vectors
        ? { config: { case: 'params', value: params(vectors) } }
        : { config: { case: 'paramsMap', value: { map: Object.fromEntries(Object.entries(vectors).map(([n, v]) => [n, params(v)])) } } };
      return (await collections.create({ collectionName: name, vectorsConfig })).result;
    },

    async collectionExists(name) {
      return (await collections.collectionExists({ collectionName: name })).result.exists;
    },

    async pointsCount(name) {
      const info = (await collections.get({ collectionName: name })).result;
      return Number(info.pointsCount);
    },

    async upsert(name, list) {
      const r = await points.upsert({
        collectionName: name,
        wait: true,
        points: list.map((p) => ({ id: toPointId(p.id), vectors: toVectors(p.vector), payload: toValueMap(p.payload) })),
      });
      return completed(r);
    },

    async query(name, { query, using, filter, limit, withPayload = false }) {
      const r = await points.query({
        collectionName: name,
        query: { variant: { case: 'nearest', value: { variant: { case: 'dense', value: { data: query } } } } },
        using,
        filter: toFilter(filter),
        limit: BigInt(limit),
        withPayload: enable(withPayload),
      });
      return r.result.map(scored);
    },

    async search(name, { vector, using, filter, limit, withPayload = false }) {
      const r = await points.search({
        collectionName: name,
        vector,
        vectorName: using,
        filter: toFilter(filter),
        limit: BigInt(limit),
        withPayload: enable(withPayload),
      });
      return r.result.map(scored);
    },

    async scroll(name, { filter, limit, offset, withPayload = true }) {
      const r = await points.scroll({
        collectionName: name,
        filter: toFilter(filter),
        limit,
        offset: offset === null || offset === undefined ? undefined : toPointId(offset),
        withPayload: enable(withPayload),
        withVectors: enable(false),
      });
      return { points: r.result.map(record), next: r.nextPageOffset ? fromPointId(r.nextPageOffset) : null };
    },

    async count(name, filter) {
      const r = await points.count({ collectionName: name, filter: toFilter(filter), exact: true });
      return Number(r.result.count);
    },

    async retrieve(name, ids, { withVector = false } = {}) {
      const r = await points.get({ collectionName: name, ids: ids.map(toPointId), withPayload: enable(true), withVectors: enable(withVector) });
      return r.result.map(record);
    },

    async setPayload(name, { points: ids, filter, payload, key }) {
      return completed(await points.setPayload({
        collectionName: name, wait: true, payload: toValueMap(payload), pointsSelector: ids ? byIds(ids) : byFilter(filter), key,
      }));
    },

    async overwritePayload(name, { points: ids, payload }) {
      return completed(await points.overwritePayload({ collectionName: name, wait: true, payload: toValueMap(payload), pointsSelector: byIds(ids) }));
    },

    async deletePayload(name, { points: ids, keys }) {
      return completed(await points.deletePayload({ collectionName: name, wait: true, keys, pointsSelector: byIds(ids) }));
    },

    async clearPayload(name, { points: ids }) {
      return completed(await points.clearPayload({ collectionName: name, wait: true, points: byIds(ids) }));
    },

    async updateVectors(name, list) {
      return completed(await points.updateVectors({
        collectionName: name, wait: true, points: list.map((p) => ({ id: toPointId(p.id), vectors: toVectors(p.vector) })),
      }));
    },

    async deleteVectors(name, { points: ids, vectors }) {
      return completed(await points.deleteVectors({ collectionName: name, wait: true, pointsSelector: byIds(ids), vectors: { names: vectors } }));
    },

    async createAlias(collection, alias) {
      return (await collections.updateAliases({ actions: [{ action: { case: 'createAlias', value: { collectionName: collection, aliasName: alias } } }] })).result;
    },

    async renameAlias(oldName, newName) {
      return (await collections.updateAliases({ actions: [{ action: { case: 'renameAlias', value: { oldAliasName: oldName, newAliasName: newName } } }] })).result;
    },

    async deleteAlias(alias) {
      return (await collections.updateAliases({ actions: [{ action: { case: 'deleteAlias', value: { aliasName: alias } } }] })).result;
    },

    async listAliases() {
      return (await collections.listAliases({})).aliases.map((a) => ({ alias: a.aliasName, collection: a.collectionName }));
    },

    async collectionAliases(name) {
      return (await collections.listCollectionAliases({ collectionName: name })).aliases.map((a) => ({ alias: a.aliasName, collection: a.collectionName }));
    },

    async deleteByFilter(name, filter) {
      return completed(await points.delete({ collectionName: name, wait: true, points: byFilter(filter) }));
    },

    async deletePoints(name, ids) {
      return completed(await points.delete({ collectionName: name, wait: true, points: byIds(ids) }));
    },

    /** True when the error is gRPC NOT_FOUND. */
    isNotFound(e) {
      return e instanceof ConnectError && e.code === ConnectErrorCode.NotFound;
    },
  };
}
