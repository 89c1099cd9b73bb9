// The compose lab from a client's point of view, with the official @qdrant/js-client-rest.
//
//   NODE_EXTRA_CA_CERTS=../certs/ca.pem CITADEL_API_KEY=... node lab.mjs write https://localhost:6333 [collection]
//   NODE_EXTRA_CA_CERTS=../certs/ca.pem CITADEL_API_KEY=... node lab.mjs read  https://localhost:6353 [collection]
//   CITADEL_API_KEY=... node lab.mjs jwt '{"access":"r"}' [ttl-seconds]   # mint an HS256 JWT signed with the admin key
//
// TLS: the client verifies the node certificate against the lab CA (NODE_EXTRA_CA_CERTS); nothing is disabled.
import { createHmac } from "node:crypto";
import { QdrantClient } from "@qdrant/js-client-rest";

const [cmd, arg, collectionArg] = process.argv.slice(2);
const apiKey = process.env.CITADEL_API_KEY;
const collection = collectionArg ?? "lab";

const b64url = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

function mintJwt(claims, ttl) {
  if (!apiKey) throw new Error("CITADEL_API_KEY (the admin key, the JWT secret) is required");
  const body = { ...claims };
  if (ttl) body.exp = Math.floor(Date.now() / 1000) + Number(ttl);
  const unsigned = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(body)}`;
  return `${unsigned}.${createHmac("sha256", apiKey).update(unsigned).digest("base64url")}`;
}

const points = [
  { id: 1, vector: [0.1, 0.9, 0.1, 0.1], payload: { city: "Berlin" } },
  { id: 2, vector: [0.9, 0.1, 0.1, 0.1], payload: { city: "London" } },
  { id: 3, vector: [0.1, 0.1, 0.9, 0.1], payload: { city: "Paris" } },
];

async function main() {
  if (cmd === "jwt") {
    console.log(mintJwt(JSON.parse(arg ?? '{"access":"r"}'), collectionArg ?? 3600));
    return;
  }
  if (!arg || !["write", "read"].includes(cmd)) {
    throw new Error("usage: lab.mjs write|read URL [collection] | lab.mjs jwt CLAIMS [ttl]");
  }
  const client = new QdrantClient({ url: arg, apiKey });
  if (cmd === "write") {
    const { exists } = await client.collectionExists(collection);
    if (!exists) {
      await client.createCollection(collection, { vectors: { size: 4, distance: "Cosine" } });
    }
    await client.upsert(collection, { wait: true, points });
    console.log(JSON.stringify({ wrote: points.length, collection, via: arg }));
  } else {
    const info = await client.getCollection(collection);
    const { points: found } = await client.query(collection, { query: [0.2, 0.8, 0.1, 0.1], limit: 1, with_payload: true });
    const all = await client.retrieve(collection, { ids: points.map((p) => p.id), with_payload: true });
    console.log(JSON.stringify({ via: arg, points_count: info.points_count, nearest: found[0], retrieved: all.length }));
  }
}

main().catch((e) => {
  console.error(`${e.status ?? ""} ${e.message}`.trim());
  process.exit(1);
});
