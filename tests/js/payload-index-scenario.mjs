// Payload-index scenario: an official Qdrant client (REST or gRPC) creates an index of every schema type, reads
// payload_schema, and checks filtered counts and queries, facets and order_by against independent references.
// Usage: node payload-index-scenario.mjs --port <port> --transport rest|grpc
import { parseArgs, intArg, requireArg } from './lib/args.mjs';
import { captureWarnings, assert, check, runMain } from './lib/check.mjs';
import { payloadIndexFlow } from './lib/payload-index-flow.mjs';
import { grpcIndexAdapter, restIndexAdapter } from './lib/payload-index-adapters.mjs';

const args = parseArgs();
const port = intArg(args, 'port');
const transport = requireArg(args, 'transport');

runMain(`payload-index-scenario ${transport}`, async () => {
  const warnings = captureWarnings();
  const api = transport === 'grpc' ? grpcIndexAdapter(port) : restIndexAdapter(port);
  console.log(`driving port ${port} through ${api.name}`);
  await payloadIndexFlow(api);
  await check('the client\'s compatibility check passed (no warning)', async () => {
    assert.deepStrictEqual(warnings, []);
  });
});
