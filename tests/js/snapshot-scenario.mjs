// Snapshot round trip through the official @qdrant/js-client-rest: create → list → download (checksum) → delete the
// collection → upload → identical points and payloads; then recover from a file:// location into a second collection.
// Usage: node snapshot-scenario.mjs --port <http port> --snapshots-dir <absolute snapshots_path of the node>
import { createHash } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import { parseArgs, intArg, requireArg } from './lib/args.mjs';
import { assert, check, runMain } from './lib/check.mjs';

const args = parseArgs();
const port = intArg(args, 'port');
const snapshotsDir = requireArg(args, 'snapshots-dir');
const base = `http://127.0.0.1:${port}`;

const points = Array.from({ length: 300 }, (_, i) => ({
  id: i + 1,
  vector: [Math.sin(i), Math.cos(i), i / 300, 1 - i / 300],
  payload: { n: i, tag: `t${i % 7}`, nested: { even: i % 2 === 0, list: [i, `s${i}`] } },
}));

async function allPoints(client, name) {
  const { points: got } = await client.scroll(name, { limit: 1000, with_payload: true, with_vector: true });
  return got.map((p) => ({ id: p.id, vector: p.vector, payload: p.payload })).sort((a, b) => a.id - b.id);
}

function assertSamePoints(actual, expected) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.equal(actual[i].id, expected[i].id);
    assert.deepStrictEqual(actual[i].payload, expected[i].payload);
    assert.deepStrictEqual(actual[i].vector, expected[i].vector);
  }
}

runMain('snapshot-scenario', async () => {
  const client = new QdrantClient({ url: base, checkCompatibility: false });
  const name = 'snap_round_trip';
  await client.createCollection(name, { vectors: { size: 4, distance: 'Euclid' }, shard_number: 2 });
  await client.upsert(name, { wait: true, points });
  const before = await allPoints(client, name);

  let snapshot;
  await check('createSnapshot returns a name, a size and a sha256', async () => {
    snapshot = await client.createSnapshot(name);
    assert.match(snapshot.name, /\.snapshot$/);
    assert.ok(snapshot.size > 0);
    assert.match(snapshot.checksum, /^[0-9a-f]{64}$/);
    return snapshot.name;
  });

  await check('listSnapshots shows it with the same checksum', async () => {
    const list = await client.listSnapshots(name);
    assert.deepStrictEqual(list.map((s) => [s.name, s.checksum, s.size]), [[snapshot.name, snapshot.checksum, snapshot.size]]);
  });

  let bytes;
  await check('the download has the announced size and sha256', async () => {
    const response = await fetch(`${base}/collections/${name}/snapshots/${snapshot.name}`);
    assert.equal(response.status, 200);
    bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.length, snapshot.size);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), snapshot.checksum);
  });

  await check('after deleting the collection, uploading the snapshot restores identical points and payloads', async () => {
    assert.equal(await client.deleteCollection(name), true);
    const form = new FormData();
    form.append('snapshot', new Blob([bytes]), snapshot.name);
    const response = await fetch(`${base}/collections/${name}/snapshots/upload?priority=snapshot&checksum=${snapshot.checksum}`, { method: 'POST', body: form });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await response.json()).result, true);
    assertSamePoints(await allPoints(client, name), before);
    const info = await client.getCollection(name);
    assert.equal(info.config.params.shard_number, 2);
    assert.equal(info.config.params.vectors.distance, 'Euclid');
  });

  await check('recoverSnapshot from a file:// location inside the snapshots directory restores a second collection', async () => {
    const location = `file://${snapshotsDir}/${name}/${snapshot.name}`;
    assert.equal(await client.recoverSnapshot('snap_from_file', { location, checksum: snapshot.checksum, priority: 'snapshot' }), true);
    assertSamePoints(await allPoints(client, 'snap_from_file'), before);
  });

  await check('deleteSnapshot removes it from the list', async () => {
    assert.equal(await client.deleteSnapshot(name, snapshot.name), true);
    assert.deepStrictEqual(await client.listSnapshots(name), []);
  });
});
