// Durability verifier, run after the node restarted on the same storage: every acknowledged point is there with its
// payload and vector, nothing that was never sent appeared, and the count is between acknowledged and sent.
// Usage: node crash-verify.mjs --port P --collection C --ack-file F --sent-file F [--exact] [--alias A] [--check-writable]
import fs from 'node:fs';
import { QdrantClient } from '@qdrant/js-client-rest';
import { parseArgs, intArg, requireArg } from './lib/args.mjs';
import { assert, check, runMain } from './lib/check.mjs';
import { durablePoint, readIdFile } from './lib/durable-points.mjs';

// The server prints float32 components in their shortest form; read back through float32 they are exact.
const asFloat32 = (v) => (Array.isArray(v) ? v.map(Math.fround) : v);

const args = parseArgs();
const port = intArg(args, 'port');
const collection = requireArg(args, 'collection');
const acked = readIdFile(fs, requireArg(args, 'ack-file'));
const sent = new Set(readIdFile(fs, requireArg(args, 'sent-file')));

runMain('crash-verify', async () => {
  const client = new QdrantClient({ url: `http://127.0.0.1:${port}`, checkCompatibility: false });

  await check('the writer had acknowledged points to check', async () => {
    assert.ok(acked.length > 0, 'no acknowledged point: the test proves nothing');
    for (const id of acked) assert.ok(sent.has(id), `acknowledged id ${id} was never recorded as sent`);
    return `${acked.length} acknowledged, ${sent.size} sent`;
  });

  await check('every acknowledged point is present with its payload and vector', async () => {
    for (let i = 0; i < acked.length; i += 500) {
      const ids = acked.slice(i, i + 500);
      const got = await client.retrieve(collection, { ids, with_payload: true, with_vector: true });
      const byId = new Map(got.map((p) => [p.id, p]));
      for (const id of ids) {
        const p = byId.get(id);
        assert.ok(p, `acknowledged point ${id} is missing`);
        const expected = durablePoint(id);
        assert.deepStrictEqual(p.payload, expected.payload, `payload of ${id}`);
        assert.deepStrictEqual(asFloat32(p.vector), expected.vector, `vector of ${id}`);
      }
    }
    return `${acked.length} points`;
  });

  let present = 0;
  await check('the exact count is at least the acknowledged count and at most the sent count', async () => {
    present = (await client.count(collection, { exact: true })).count;
    assert.ok(present >= acked.length, `count ${present} < ${acked.length} acknowledged`);
    assert.ok(present <= sent.size, `count ${present} > ${sent.size} sent`);
    if (args.exact) assert.equal(present, acked.length, 'after a graceful stop nothing is in flight');
    return `count ${present}`;
  });

  await check('scroll finds only ids that were sent, each once, with intact content', async () => {
    const seen = new Set();
    let offset = null;
    do {
      const page = await client.scroll(collection, { limit: 1000, offset, with_payload: true, with_vector: true });
      for (const p of page.points) {
        assert.ok(sent.has(p.id), `point ${p.id} was never sent`);
        assert.ok(!seen.has(p.id), `point ${p.id} scrolled twice`);
        seen.add(p.id);
        // In-flight (unacknowledged) points may or may not be there, but never half-written.
        const expected = durablePoint(p.id);
        assert.deepStrictEqual(p.payload, expected.payload, `payload of ${p.id}`);
        assert.deepStrictEqual(asFloat32(p.vector), expected.vector, `vector of ${p.id}`);
      }
      offset = page.next_page_offset ?? null;
    } while (offset !== null);
    assert.equal(seen.size, present);
    return `${seen.size} points, ${seen.size - acked.length} of them in flight at the kill`;
  });

  if (args.alias) {
    await check(`alias ${args.alias} still points at ${collection}`, async () => {
      const { aliases } = await client.getAliases();
      assert.deepStrictEqual(aliases, [{ alias_name: args.alias, collection_name: collection }]);
      assert.equal((await client.count(args.alias, { exact: true })).count, present);
    });
  }

  if (args['check-writable']) {
    await check('the recovered collection accepts and serves new writes', async () => {
      const id = 900_000_001;
      const r = await client.upsert(collection, { wait: true, points: [durablePoint(id)] });
      assert.equal(r.status, 'completed');
      const [p] = await client.retrieve(collection, { ids: [id], with_payload: true, with_vector: true });
      assert.deepStrictEqual(p.payload, durablePoint(id).payload);
      assert.equal((await client.count(collection, { exact: true })).count, present + 1);
    });
  }
});
