// Durability writer: upserts points (wait=true) through the official REST client and appends every id to
// --sent-file before sending it and to --ack-file once the server acknowledged it. The test kills the node at some
// point; the writer then reports how far it got and exits 0. Any other failure exits 1.
// Usage: node crash-writer.mjs --port P --collection C --ack-file F --sent-file F [--create] [--alias A]
//          [--start 1] [--total N] [--batch 100] [--concurrency 4] [--max-seconds 120]
import fs from 'node:fs';
import { QdrantClient } from '@qdrant/js-client-rest';
import { parseArgs, intArg, requireArg } from './lib/args.mjs';
import { assert } from './lib/check.mjs';
import { DURABLE_DIM, durablePoint } from './lib/durable-points.mjs';

const args = parseArgs();
const port = intArg(args, 'port');
const collection = requireArg(args, 'collection');
const ackFile = requireArg(args, 'ack-file');
const sentFile = requireArg(args, 'sent-file');
const start = intArg(args, 'start', 1);
const total = intArg(args, 'total', 1_000_000);
const batch = intArg(args, 'batch', 100);
const concurrency = intArg(args, 'concurrency', 4);
const deadline = Date.now() + intArg(args, 'max-seconds', 120) * 1000;

// undici / fetch failures once the node is gone.
const CONNECTION_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'other side closed', 'fetch failed', 'socket hang up'];
function isConnectionLoss(e) {
  const text = `${e?.message} ${e?.code} ${e?.cause?.code} ${e?.cause?.message} ${e?.cause?.cause?.code}`;
  return CONNECTION_ERRORS.some((s) => text.includes(s));
}

async function main() {
  const client = new QdrantClient({ url: `http://127.0.0.1:${port}`, checkCompatibility: false });
  if (args.create) {
    assert.equal(await client.createCollection(collection, { vectors: { size: DURABLE_DIM, distance: 'Euclid' } }), true);
    console.log(`created collection ${collection}`);
  }
  if (args.alias) {
    assert.equal(await client.updateCollectionAliases({ actions: [{ create_alias: { collection_name: collection, alias_name: args.alias } }] }), true);
    console.log(`created alias ${args.alias}`);
  }

  let nextId = start;
  const end = start + total;
  let acked = 0;
  let lost = null;

  async function worker() {
    while (lost === null && nextId < end && Date.now() < deadline) {
      const ids = [];
      for (let i = 0; i < batch && nextId < end; i++) ids.push(nextId++);
      fs.appendFileSync(sentFile, ids.map((id) => `${id}\n`).join(''));
      try {
        const r = await client.upsert(collection, { wait: true, points: ids.map(durablePoint) });
        assert.equal(r.status, 'completed', `upsert status for ids ${ids[0]}..${ids.at(-1)}`);
      } catch (e) {
        if (isConnectionLoss(e)) {
          lost ??= e;
          return;
        }
        throw e;
      }
      fs.appendFileSync(ackFile, ids.map((id) => `${id}\n`).join(''));
      acked += ids.length;
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  if (lost !== null) {
    console.log(`node went away after ${acked} acknowledged points (${lost.message}${lost.cause ? `: ${lost.cause.code ?? lost.cause.message}` : ''})`);
  } else if (nextId >= end) {
    console.log(`all ${acked} points acknowledged`);
  } else {
    console.log(`stopped at the time limit after ${acked} acknowledged points`);
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});
