// REST scenario: the official @qdrant/js-client-rest drives the core flow against a Citadel node.
// Usage: node rest-scenario.mjs --port <http port>
import { parseArgs, intArg } from './lib/args.mjs';
import { assert, captureWarnings, check, runMain } from './lib/check.mjs';
import { coreFlow } from './lib/core-flow.mjs';
import { restAdapter } from './lib/rest-adapter.mjs';

const args = parseArgs();
const port = intArg(args, 'port');

runMain('rest-scenario', async () => {
  const warnings = captureWarnings();
  const api = restAdapter(port);
  console.log(`driving http://127.0.0.1:${port} through ${api.name}`);
  await coreFlow(api);

  await check('a 404 from the server carries Qdrant\'s message', async () => {
    await assert.rejects(api.client.getCollection('no_such_collection'), (e) => {
      assert.equal(e.status, 404);
      assert.equal(e.data?.status?.error, 'Not found: Collection `no_such_collection` doesn\'t exist!');
      return true;
    });
  });

  await check('the client\'s checkCompatibility found the server compatible (no warning)', async () => {
    assert.deepStrictEqual(warnings, []);
  });
});
