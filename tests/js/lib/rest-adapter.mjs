// The core flow's operations through the official REST client (@qdrant/js-client-rest).
import { QdrantClient } from '@qdrant/js-client-rest';

export function restAdapter(port) {
  const url = `http://127.0.0.1:${port}`;
  const client = new QdrantClient({ url, checkCompatibility: true });
  const point = (p) => ({ id: p.id, score: p.score, payload: p.payload ?? null, vector: p.vector ?? null });

  return {
    name: 'REST (@qdrant/js-client-rest)',
    client,

    async versionInfo() {
      return client.versionInfo();
    },

    async createCollection(name, vectors) {
      return client.createCollection(name, { vectors });
    },

    async collectionExists(name) {
      return (await client.collectionExists(name)).exists;
    },

    async pointsCount(name) {
      return (await client.getCollection(name)).points_count;
    },

    async upsert(name, points) {
      const r = await client.upsert(name, { wait: true, points: points.map((p) => ({ id: p.id, vector: p.vector, payload: p.payload })) });
      return r.status;
    },

    async query(name, { query, using, filter, limit, withPayload = false }) {
      const r = await client.query(name, { query, using, filter, limit, with_payload: withPayload });
      return r.points.map(point);
    },

    // The 1.19 client no longer wraps the legacy endpoint, so it is called as any REST user would.
    async search(name, { vector, using, filter, limit, withPayload = false }) {
      const body = { vector: using ? { name: using, vector } : vector, filter, limit, with_payload: withPayload };
      const res = await fetch(`${url}/collections/${encodeURIComponent(name)}/points/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== 200) throw new Error(`legacy search answered ${res.status}: ${JSON.stringify(json)}`);
      return json.result.map(point);
    },

    async scroll(name, { filter, limit, offset, withPayload = true }) {
      const r = await client.scroll(name, { filter, limit, offset, with_payload: withPayload, with_vector: false });
      return { points: r.points.map(point), next: r.next_page_offset ?? null };
    },

    async count(name, filter) {
      return (await client.count(name, { filter, exact: true })).count;
    },

    async retrieve(name, ids, { withVector = false } = {}) {
      const r = await client.retrieve(name, { ids, with_payload: true, with_vector: withVector });
      return r.map(point);
    },

    async setPayload(name, { points, filter, payload, key }) {
      return (await client.setPayload(name, { points, filter, payload, key, wait: true })).status;
    },

    async overwritePayload(name, { points, payload }) {
      return (await client.overwritePayload(name, { points, payload, wait: true })).status;
    },

    async deletePayload(name, { points, keys }) {
      return (await client.deletePayload(name, { points, keys, wait: true })).status;
    },

    async clearPayload(name, { points }) {
      return (await client.clearPayload(name, { points, wait: true })).status;
    },

    async updateVectors(name, points) {
      return (await client.updateVectors(name, { points: points.map((p) => ({ id: p.id, vector: p.vector })), wait: true })).status;
    },

    async deleteVectors(name, { points, vectors }) {
      return (await client.deleteVectors(name, { points, vector: vectors, wait: true })).status;
    },

    async createAlias(collection, alias) {
      return client.updateCollectionAliases({ actions: [{ create_alias: { collection_name: collection, alias_name: alias } }] });
    },

    async renameAlias(oldName, newName) {
      return client.updateCollectionAliases({ actions: [{ rename_alias: { old_alias_name: oldName, new_alias_name: newName } }] });
    },

    async deleteAlias(alias) {
      return client.updateCollectionAliases({ actions: [{ delete_alias: { alias_name: alias } }] });
    },

    async listAliases() {
      return (await client.getAliases()).aliases.map((a) => ({ alias: a.alias_name, collection: a.collection_name }));
    },

    async collectionAliases(name) {
      return (await client.getCollectionAliases(name)).aliases.map((a) => ({ alias: a.alias_name, collection: a.collection_name }));
    },

    async deleteByFilter(name, filter) {
      return (await client.delete(name, { filter, wait: true })).status;
    },

    async deletePoints(name, ids) {
      return (await client.delete(name, { points: ids, wait: true })).status;
    },

    /** True when the error is the client's rendering of an HTTP 404. */
    isNotFound(e) {
      return e?.status === 404;
    },
  };
}
