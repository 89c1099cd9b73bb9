// The official clients with an API key over HTTPS (REST) and TLS (gRPC), trusting the test CA through
// NODE_EXTRA_CA_CERTS, and refused without the key.
// Usage: NODE_EXTRA_CA_CERTS=ca.pem node tls-scenario.mjs --rest-port <port> --grpc-port <port> --api-key <key>
import { QdrantClient as RestClient } from '@qdrant/js-client-rest';
import { QdrantClient as GrpcClient } from '@qdrant/js-client-grpc';
import { parseArgs, intArg } from './lib/args.mjs';
import { assert, check, runMain } from './lib/check.mjs';

const args = parseArgs();
const restPort = intArg(args, 'rest-port');
const grpcPort = intArg(args, 'grpc-port');
const apiKey = args['api-key'];

runMain('tls-scenario', async () => {
  const rest = new RestClient({ url: `https://localhost:${restPort}`, apiKey, checkCompatibility: false });
  const grpc = new GrpcClient({ host: 'localhost', port: grpcPort, https: true, apiKey, checkCompatibility: false });

  await check('REST over HTTPS with api-key: create, upsert, query', async () => {
    await rest.createCollection('tls_rest', { vectors: { size: 2, distance: 'Dot' } });
    await rest.upsert('tls_rest', { wait: true, points: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] });
    const { points } = await rest.query('tls_rest', { query: [1, 0.1], limit: 1 });
    assert.equal(points[0].id, 1);
  });

  await check('gRPC over TLS with api-key: create, upsert, query', async () => {
    await grpc.api('collections').create({ collectionName: 'tls_grpc', vectorsConfig: { config: { case: 'params', value: { size: 2n, distance: 3 } } } });
    await grpc.api('points').upsert({
      collectionName: 'tls_grpc',
      wait: true,
      points: [
        { id: { pointIdOptions: { case: 'num', value: 1n } }, vectors: { vectorsOptions: { case: 'vector', value: { vector: { case: 'dense', value: { data: [1, 0] } } } } } },
        { id: { pointIdOptions: { case: 'num', value: 2n } }, vectors: { vectorsOptions: { case: 'vector', value: { vector: { case: 'dense', value: { data: [0, 1] } } } } } },
      ],
    });
    const res = await grpc.api('points').count({ collectionName: 'tls_grpc', exact: true });
    assert.equal(Number(res.result.count), 2);
  });

  await check('REST without the key is refused with 401', async () => {
    const anonymous = new RestClient({ url: `https://localhost:${restPort}`, checkCompatibility: false });
    await assert.rejects(() => anonymous.getCollections(), (e) => e.status === 401 || /401|Unauthorized/.test(String(e)));
  });

  await check('gRPC without the key is refused with UNAUTHENTICATED', async () => {
    const anonymous = new GrpcClient({ host: 'localhost', port: grpcPort, https: true, checkCompatibility: false });
    await assert.rejects(() => anonymous.api('collections').list({}), (e) => e.code === 16 || /unauthenticated/i.test(String(e)));
  });
});
