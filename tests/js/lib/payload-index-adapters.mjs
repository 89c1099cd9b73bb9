// The payload-index operations through each official client, in the REST shapes the scenario speaks.
import { QdrantClient as RestClient } from '@qdrant/js-client-rest';
import {
  QdrantClient as GrpcClient, ConnectError, ConnectErrorCode, Direction, FieldType, PayloadSchemaType, TokenizerType,
} from '@qdrant/js-client-grpc';
import { toPointId, fromPointId, toValueMap } from './grpc-adapter.mjs';

export function restIndexAdapter(port) {
  const client = new RestClient({ url: `http://127.0.0.1:${port}`, checkCompatibility: true });
  return {
    name: 'REST (@qdrant/js-client-rest)',
    createCollection: (name, size) => client.createCollection(name, { vectors: { size, distance: 'Cosine' } }),
    upsert: (name, points) => client.upsert(name, { wait: true, points }),
    createIndex: async (name, field, schema) => (await client.createPayloadIndex(name, { field_name: field, field_schema: schema, wait: true })).status,
    deleteIndex: async (name, field) => (await client.deletePayloadIndex(name, field, { wait: true })).status,
    async payloadSchema(name) {
      const schema = (await client.getCollection(name)).payload_schema;
      return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, { type: v.data_type, points: v.points, params: v.params ?? null }]));
    },
    count: async (name, filter) => (await client.count(name, { filter, exact: true })).count,
    async query(name, query, filter, limit) {
      return (await client.query(name, { query, filter, limit })).points.map((p) => ({ id: p.id, score: p.score }));
    },
    async facet(name, key, filter, limit) {
      return (await client.facet(name, { key, filter, limit, exact: true })).hits.map((h) => ({ value: h.value, count: h.count }));
    },
    async scrollOrdered(name, key, direction, limit) {
      return (await client.scroll(name, { order_by: { key, direction }, limit, with_payload: false })).points.map((p) => p.id);
    },
    isBadRequest: (e) => e?.status === 400,
    errorText: (e) => e?.data?.status?.error ?? String(e),
  };
}

const TYPE_NAMES = {
  [PayloadSchemaType.Keyword]: 'keyword', [PayloadSchemaType.Integer]: 'integer', [PayloadSchemaType.Float]: 'float',
  [PayloadSchemaType.Geo]: 'geo', [PayloadSchemaType.Text]: 'text', [PayloadSchemaType.Bool]: 'bool',
  [PayloadSchemaType.Datetime]: 'datetime', [PayloadSchemaType.Uuid]: 'uuid',
};
const FIELD_TYPES = {
  keyword: FieldType.FieldTypeKeyword, integer: FieldType.FieldTypeInteger, float: FieldType.FieldTypeFloat, geo: FieldType.FieldTypeGeo,
  text: FieldType.FieldTypeText, bool: FieldType.FieldTypeBool, datetime: FieldType.FieldTypeDatetime, uuid: FieldType.FieldTypeUuid,
};

function indexParams(schema) {
  switch (schema.type) {
    case 'keyword': return { indexParams: { case: 'keywordIndexParams', value: { isTenant: schema.is_tenant } } };
    case 'integer': return { indexParams: { case: 'integerIndexParams', value: { lookup: schema.lookup, range: schema.range } } };
    case 'text': return {
      indexParams: {
        case: 'textIndexParams',
        value: { tokenizer: TokenizerType.Word, lowercase: schema.lowercase, minTokenLen: BigInt(schema.min_token_len) },
      },
    };
    default: throw new Error(`no params conversion for ${schema.type}`);
  }
}

const timestamp = (iso) => {
  const ms = Date.parse(iso);
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
};

function toMatch(m) {
  if ('text' in m) return { matchValue: { case: 'text', value: m.text } };
  if ('any' in m) return { matchValue: { case: 'keywords', value: { strings: m.any } } };
  const v = m.value;
  if (typeof v === 'string') return { matchValue: { case: 'keyword', value: v } };
  if (typeof v === 'boolean') return { matchValue: { case: 'boolean', value: v } };
  return { matchValue: { case: 'integer', value: BigInt(v) } };
}

function toCondition(c) {
  const field = { key: c.key };
  if (c.match) field.match = toMatch(c.match);
  if (c.range) {
    if (Object.values(c.range).some((v) => typeof v === 'string')) {
      field.datetimeRange = Object.fromEntries(Object.entries(c.range).map(([k, v]) => [k, timestamp(v)]));
    } else {
      field.range = { ...c.range };
    }
  }
  if (c.geo_radius) field.geoRadius = { center: c.geo_radius.center, radius: c.geo_radius.radius };
  if (c.geo_bounding_box) field.geoBoundingBox = { topLeft: c.geo_bounding_box.top_left, bottomRight: c.geo_bounding_box.bottom_right };
  return { conditionOneOf: { case: 'field', value: field } };
}

function toFilter(f) {
  if (!f) return undefined;
  return { must: (f.must ?? []).map(toCondition), should: (f.should ?? []).map(toCondition), mustNot: (f.must_not ?? []).map(toCondition) };
}

export function grpcIndexAdapter(port) {
  const client = new GrpcClient({ host: '127.0.0.1', port, https: false, checkCompatibility: true });
  const collections = client.api('collections');
  const points = client.api('points');
  const status = (r) => (r.result.status === 2 ? 'completed' : `status ${r.result.status}`);
  return {
    name: 'gRPC (@qdrant/js-client-grpc)',
    createCollection: (name, size) => collections.create({
      collectionName: name, vectorsConfig: { config: { case: 'params', value: { size: BigInt(size), distance: 1 } } },
    }),
    upsert: (name, list) => points.upsert({
      collectionName: name,
      wait: true,
      points: list.map((p) => ({ id: toPointId(p.id), vectors: { vectorsOptions: { case: 'vector', value: { vector: { case: 'dense', value: { data: p.vector } } } } }, payload: toValueMap(p.payload) })),
    }),
    async createIndex(name, field, schema) {
      const type = typeof schema === 'string' ? schema : schema.type;
      const request = { collectionName: name, fieldName: field, fieldType: FIELD_TYPES[type], wait: true };
      if (typeof schema !== 'string') request.fieldIndexParams = indexParams(schema);
      return status(await points.createFieldIndex(request));
    },
    deleteIndex: async (name, field) => status(await points.deleteFieldIndex({ collectionName: name, fieldName: field, wait: true })),
    async payloadSchema(name) {
      const schema = (await collections.get({ collectionName: name })).result.payloadSchema;
      return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, { type: TYPE_NAMES[v.dataType], points: Number(v.points), params: v.params?.indexParams?.case ?? null }]));
    },
    count: async (name, filter) => Number((await points.count({ collectionName: name, filter: toFilter(filter), exact: true })).result.count),
    async query(name, query, filter, limit) {
      const r = await points.query({
        collectionName: name,
        query: { variant: { case: 'nearest', value: { variant: { case: 'dense', value: { data: query } } } } },
        filter: toFilter(filter),
        limit: BigInt(limit),
      });
      return r.result.map((p) => ({ id: fromPointId(p.id), score: p.score }));
    },
    async facet(name, key, filter, limit) {
      const r = await points.facet({ collectionName: name, key, filter: toFilter(filter), limit: BigInt(limit), exact: true });
      return r.hits.map((h) => {
        const v = h.value.variant;
        return { value: v.case === 'integerValue' ? Number(v.value) : v.value, count: Number(h.count) };
      });
    },
    async scrollOrdered(name, key, direction, limit) {
      const r = await points.scroll({
        collectionName: name, limit, orderBy: { key, direction: direction === 'desc' ? Direction.Desc : Direction.Asc },
      });
      return r.result.map((p) => fromPointId(p.id));
    },
    isBadRequest: (e) => e instanceof ConnectError && e.code === ConnectErrorCode.InvalidArgument,
    errorText: (e) => e?.rawMessage ?? String(e),
  };
}
