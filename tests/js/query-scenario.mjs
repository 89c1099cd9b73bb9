// Query scenario: the official REST and gRPC clients drive every query kind (nearest, recommend, discover,
// context, prefetch trees, fusion, order_by, sample, lookup_from, batches, groups, legacy explore endpoints,
// distance matrices) against a Citadel node; each answer is checked against a brute-force computation.
// Usage: node query-scenario.mjs --http-port <port> --grpc-port <port>
import { parseArgs, intArg } from './lib/args.mjs';
import { assert, check, runMain } from './lib/check.mjs';
import { MAIN, createQueryCollections, queryDataset, queryFlow } from './lib/query-flow.mjs';
import { grpcQueries, restQueries } from './lib/query-transports.mjs';

const args = parseArgs();
const httpPort = intArg(args, 'http-port');
const grpcPort = intArg(args, 'grpc-port');

runMain('query-scenario', async () => {
  const rest = restQueries(httpPort);
  const grpc = grpcQueries(grpcPort);
  const data = queryDataset();

  await check('create the query collections (a 3-shard Cosine one, named vectors, lookup sources) and fill them', async () => {
    await createQueryCollections(rest.client, data);
  });

  await queryFlow(rest, data);
  await queryFlow(grpc, queryDataset());

  await check('REST: a prefetch without a query is a 400 with Qdrant\'s message', async () => {
    const f = await rest.failure(rest.query(MAIN, { prefetch: { query: [0, 1] }, limit: 3 }));
    assert.equal(f.status, 400);
    assert.equal(f.message, 'Bad request: A query is needed to merge the prefetches. Can\'t have prefetches without defining a query.');
  });

  await check('gRPC: a prefetch without a query is INVALID_ARGUMENT with the same message', async () => {
    const f = await grpc.failure(grpc.query(MAIN, { prefetch: { query: [0, 1] }, limit: 3 }));
    assert.equal(f.status, 3);
    assert.equal(f.message, 'Bad request: A query is needed to merge the prefetches. Can\'t have prefetches without defining a query.');
  });

  await check('REST and gRPC: a missing lookup_from collection is not found', async () => {
    const body = { query: { recommend: { positive: [1] } }, lookup_from: { collection: 'nope' }, limit: 3 };
    const r = await rest.failure(rest.query(MAIN, body));
    assert.equal(r.status, 404);
    assert.equal(r.message, 'Not found: Collection nope not found');
    const g = await grpc.failure(grpc.query(MAIN, body));
    assert.equal(g.status, 5);
  });

  await check('REST: formula queries are 501 naming the feature', async () => {
    const f = await rest.failure(rest.query(MAIN, { prefetch: { query: [0, 1] }, query: { formula: { sum: [1] } } }));
    assert.equal(f.status, 501);
    assert.match(f.message, /formula/);
  });
});
