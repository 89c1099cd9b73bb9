// Cluster scenario: the official clients talk to different peers of one cluster. A collection created and written
// through the first peer (REST client) is read back through the last peer with the REST and the gRPC client.
// Usage: node cluster-scenario.mjs --key <api key> --rest <port,port,...> --grpc <port,port,...>
import { QdrantClient as RestClient } from '@qdrant/js-client-rest';
import { QdrantClient as GrpcClient } from '@qdrant/js-client-grpc';
import { parseArgs, requireArg } from './lib/args.mjs';
import { assert, check, runMain } from './lib/check.mjs';
import { fromPointId, toPointId } from './lib/grpc-adapter.mjs';

const args = parseArgs();
const apiKey = requireArg(args, 'key');
const rest = requireArg(args, 'rest').split(',').map(Number);
const grpc = requireArg(args, 'grpc').split(',').map(Number);

const restClient = (port) => new RestClient({ url: `http://127.0.0.1:${port}`, apiKey, checkCompatibility: false });

runMain('cluster-scenario', async () => {
  const first = restClient(rest[0]);
  const points = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, vector: [i + 1, 1, 0, 0], payload: { n: i + 1 } }));

  await check('a collection created and filled through the first peer', async () => {
    assert.strictEqual(await first.createCollection('js_cluster', { vectors: { size: 4, distance: 'Dot' } }), true);
    const result = await first.upsert('js_cluster', { wait: true, points });
    assert.strictEqual(result.status, 'completed');
  });

  for (const port of rest) {
    await check(`the REST client on peer :${port} sees every point and the same best match`, async () => {
      const client = restClient(port);
      assert.strictEqual((await client.count('js_cluster', { exact: true })).count, points.length);
      const found = await client.query('js_cluster', { query: [1, 0, 0, 0], limit: 1, with_payload: true });
      assert.strictEqual(found.points[0].id, 20);
      assert.deepStrictEqual(found.points[0].payload, { n: 20 });
    });
  }

  for (const port of grpc) {
    await check(`the gRPC client on peer :${port} reads the points`, async () => {
      const client = new GrpcClient({ host: '127.0.0.1', port, apiKey, https: false, checkCompatibility: false });
      const got = await client.api('points').get({ collectionName: 'js_cluster', ids: [toPointId(7), toPointId(8)] });
      assert.deepStrictEqual(got.result.map((p) => fromPointId(p.id)).sort(), [7, 8]);
      const counted = await client.api('points').count({ collectionName: 'js_cluster', exact: true });
      assert.strictEqual(Number(counted.result.count), points.length);
    });
  }
});
