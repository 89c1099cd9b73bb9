// gRPC scenario: the official @qdrant/js-client-grpc drives the same core flow against a Citadel node.
// Usage: node grpc-scenario.mjs --port <grpc port>
import { parseArgs, intArg } from './lib/args.mjs';
import { assert, captureWarnings, check, runMain } from './lib/check.mjs';
import { coreFlow } from './lib/core-flow.mjs';
import { grpcAdapter } from './lib/grpc-adapter.mjs';

const args = parseArgs();
const port = intArg(args, 'port');

runMain('grpc-scenario', async () => {
  const warnings = captureWarnings();
  const api = grpcAdapter(port);
  console.log(`driving 127.0.0.1:${port} through ${api.name}`);
  await coreFlow(api);

  await check('the client\'s checkCompatibility found the server compatible (no warning)', async () => {
    assert.deepStrictEqual(warnings, []);
  });
});
