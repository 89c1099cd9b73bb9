// hnswlib-node side of the Citadel ANN benchmark, driven by `dotnet run -c Release --project bench/Citadel.Bench -- ann`.
// Reads the vectors the C# driver wrote (little-endian float32 / int32 files), builds an index with the same
// M / ef_construction, sweeps ef single-threaded and with worker threads, and prints one JSON object on stdout.
import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { HierarchicalNSW } = require('hnswlib-node');

function readF32(path, dim) {
  const buf = readFileSync(path);
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const rows = [];
  // hnswlib-node takes plain arrays; converting up front keeps the conversion out of the timings.
  for (let i = 0; i < all.length / dim; i++) rows.push(Array.from(all.subarray(i * dim, (i + 1) * dim)));
  return rows;
}

function runQueries(index, queries, from, to, k) {
  const found = new Array(to - from);
  for (let i = from; i < to; i++) found[i - from] = index.searchKnn(queries[i], k).neighbors;
  return found;
}

if (!isMainThread) {
  // A search worker: its own copy of the index (hnswlib-node searches one query per call on the calling thread).
  const { indexPath, dim, queriesPath, from, to, k, efs, space } = workerData;
  const index = new HierarchicalNSW(space, dim);
  index.readIndexSync(indexPath);
  const queries = readF32(queriesPath, dim);
  parentPort.on('message', (ef) => {
    index.setEf(ef);
    const t0 = process.hrtime.bigint();
    const found = runQueries(index, queries, from, to, k);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    parentPort.postMessage({ seconds, found });
  });
  parentPort.postMessage('ready');
} else {
  const [dir, dimText, mText, efcText, efsText, threadsText, repsText] = process.argv.slice(2);
  const dim = Number(dimText), m = Number(mText), efc = Number(efcText), threads = Number(threadsText), reps = Number(repsText);
  const efs = efsText.split(',').map(Number);
  const k = 10;
  const space = 'ip'; // vectors are normalised, so inner product = cosine without renormalising every query
  const base = readF32(`${dir}/base.f32`, dim);
  const queries = readF32(`${dir}/queries.f32`, dim);
  const gtBuf = readFileSync(`${dir}/gt.i32`);
  const gt = new Int32Array(gtBuf.buffer, gtBuf.byteOffset, gtBuf.byteLength / 4);
  const recall = (found) => {
    let hits = 0;
    for (let i = 0; i < found.length; i++) {
      const truth = new Set(gt.subarray(i * k, (i + 1) * k));
      for (const id of found[i]) if (truth.has(id)) hits++;
    }
    return hits / (found.length * k);
  };

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const index = new HierarchicalNSW(space, dim);
  const t0 = process.hrtime.bigint();
  index.initIndex({ maxElements: base.length, m, efConstruction: efc, randomSeed: 100 });
  for (let i = 0; i < base.length; i++) index.addPoint(base[i], i);
  const buildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rssAfter = process.memoryUsage().rss;
  const indexPath = `${dir}/hnswlib.index`;
  index.writeIndexSync(indexPath);
  const indexBytes = statSync(indexPath).size;

  index.setEf(64);
  runQueries(index, queries, 0, queries.length, k); // warm-up, as on the Citadel side
  const single = [];
  for (const ef of efs) {
    index.setEf(ef);
    let best = Infinity, found;
    for (let r = 0; r < reps; r++) {
      const s = process.hrtime.bigint();
      found = runQueries(index, queries, 0, queries.length, k);
      best = Math.min(best, Number(process.hrtime.bigint() - s) / 1e9);
    }
    single.push({ ef, recall: recall(found), qps: queries.length / best });
  }

  const workers = [];
  const per = Math.ceil(queries.length / threads);
  for (let t = 0; t < threads; t++) {
    const w = new Worker(new URL(import.meta.url), {
      workerData: { indexPath, dim, queriesPath: `${dir}/queries.f32`, from: t * per, to: Math.min(queries.length, (t + 1) * per), k, efs, space },
    });
    await new Promise((resolve) => w.once('message', resolve));
    workers.push(w);
  }

  const multi = [];
  for (const ef of efs) {
    let best = Infinity, found;
    for (let r = 0; r < reps; r++) {
      const parts = await Promise.all(workers.map((w) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(ef); })));
      // The slowest worker's own search time: message passing stays out, as thread start-up does for Citadel.
      best = Math.min(best, Math.max(...parts.map((p) => p.seconds)));
      found = parts.flatMap((p) => p.found);
    }
    multi.push({ ef, recall: recall(found), qps: queries.length / best });
  }

  await Promise.all(workers.map((w) => w.terminate()));
  unlinkSync(indexPath);
  process.stdout.write(JSON.stringify({ buildSeconds, rssDeltaBytes: rssAfter - rssBefore, indexBytes, single, multi }) + '\n');
}
