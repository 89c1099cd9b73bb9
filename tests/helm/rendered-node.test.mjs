// Starts a real Citadel node with the container args and env that the chart renders for pod 0 (the cluster's
// founder), as the kubelet would run them: $(POD_NAME) expanded, secretKeyRef values taken from the rendered
// Secret, the TLS Secret's files mounted. Without a container runtime, "mounting" means mapping the absolute
// /qdrant/... paths of the rendered env to a temp directory. Ports are moved off the defaults through values
// (service.ports), so nothing after rendering is changed but the mount paths.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import https from "node:https";
import net from "node:net";
import { render, find, podEnv, expand, repo } from "./lib.mjs";

function nodeBinary() {
  const candidates = [
    process.env.CITADEL_BIN,
    join(repo, "src/Node/bin", process.env.CONFIGURATION ?? "Release", "net10.0/citadel"),
    join(repo, "src/Node/bin/Release/net10.0/citadel"),
    join(repo, "deploy/.prebuilt/app/citadel"),
  ];
  return candidates.find((c) => c && existsSync(c));
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function certs(dir, hosts) {
  const run = (...a) => execFileSync("openssl", a, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
  run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tls.key", "-out", "tls.csr", "-subj", `/CN=${hosts[0]}`);
  writeFileSync(join(dir, "ext.cnf"), `basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n`
    + `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(",")},IP:127.0.0.1\n`);
  run("x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "tls.crt");
}

function request(port, ca, method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "127.0.0.1", port, method, path, ca, servername: "localhost", headers, timeout: 5000 }, (res) => {
      let data = "";
      res.on("data", (d) => (data += d));
      res.on("end", () => resolve({ status: res.statusCode, body: data }));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    if (body !== undefined) req.end(JSON.stringify(body)); else req.end();
  });
}

const bin = nodeBinary();

test("pod 0 starts with the rendered args and env: founds the cluster under its rendered URI; TLS, keys, read-only key, audit", { skip: !bin && "no citadel binary (build src/Node first)", timeout: 90_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), "citadel-rendered-"));
  t.after(() => { if (!process.env.CITADEL_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true }); });
  const [http, grpc, p2p] = [await freePort(), await freePort(), await freePort()];
  const values = join(root, "values.yaml");
  writeFileSync(values, `service:\n  ports:\n`
    + `    - {name: http, port: ${http}, targetPort: ${http}, protocol: TCP, checksEnabled: true}\n`
    + `    - {name: grpc, port: ${grpc}, targetPort: ${grpc}, protocol: TCP}\n`
    + `    - {name: p2p, port: ${p2p}, targetPort: ${p2p}, protocol: TCP}\n`
    + `tls:\n  existingSecret: citadel-tls\n`);
  const { objects } = render(["-f", values, "--namespace", "vectors"]);
  const sts = find(objects, "StatefulSet");
  const container = sts.spec.template.spec.containers[0];
  const secret = find(objects, "Secret");
  const keys = Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));

  // Mounts: every volumeMount of the container becomes a directory under root; the TLS Secret's items are files.
  const mount = (p) => (p.startsWith("/qdrant/") || p === "/tmp" ? join(root, p) : p);
  for (const m of container.volumeMounts) mkdirSync(mount(m.mountPath), { recursive: true });
  const podName = `${sts.metadata.name}-0`;
  const host = `${podName}.${sts.spec.serviceName}.vectors.svc.cluster.local`;
  const tlsDir = join(root, "tls-secret");
  mkdirSync(tlsDir);
  certs(tlsDir, [host, "localhost"]);
  const tlsVolume = sts.spec.template.spec.volumes.find((v) => v.name === "tls").secret;
  const secretFiles = { "tls.crt": "tls.crt", "tls.key": "tls.key", "ca.crt": "ca.crt" };
  for (const item of tlsVolume.items) {
    writeFileSync(join(mount("/qdrant/tls"), item.path), readFileSync(join(tlsDir, secretFiles[item.key])));
  }

  const env = podEnv(container, podName, { [secret.metadata.name]: keys });
  for (const [k, v] of Object.entries(env)) if (v.startsWith("/qdrant/")) env[k] = mount(v);
  const args = (container.args ?? []).map((a) => expand(a, env)).map((a) => (a.startsWith("/qdrant/") ? mount(a) : a));
  assert.equal(args[1], args[3], "pod 0: --bootstrap is its own --uri");

  const cwd = join(root, "qdrant");
  mkdirSync(cwd, { recursive: true });
  const childEnv = { PATH: process.env.PATH, HOME: root, RUN_MODE: "production", ...env };
  const child = spawn(bin, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  t.after(async () => { child.kill("SIGTERM"); await exited; });

  const ca = readFileSync(join(tlsDir, "ca.crt"));
  let ready = false;
  for (let i = 0; i < 120 && !ready; i++) {
    if (child.exitCode !== null) break;
    try { ready = (await request(http, ca, "GET", "/readyz")).status === 200; } catch { /* not up yet */ }
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(ready, `node became ready over HTTPS (CA-verified); log:\n${log.slice(-3000)}`);

  assert.equal((await request(http, ca, "GET", "/livez")).status, 200);
  assert.equal((await request(http, ca, "GET", "/collections")).status, 401, "no key: 401");
  const admin = { "api-key": keys["api-key"], "content-type": "application/json" };
  const ro = { "api-key": keys["read-only-api-key"], "content-type": "application/json" };
  assert.equal((await request(http, ca, "GET", "/collections", ro)).status, 200, "read-only key reads");
  assert.equal((await request(http, ca, "PUT", "/collections/rendered", ro, { vectors: { size: 2, distance: "Dot" } })).status, 403, "read-only key cannot write");
  const created = await request(http, ca, "PUT", "/collections/rendered", admin, { vectors: { size: 2, distance: "Dot" } });
  assert.equal(created.status, 200, created.body);
  const audit = await request(http, ca, "POST", "/audit/logs", admin, { limit: 50 });
  assert.equal(audit.status, 200, audit.body);
  assert.match(audit.body, /rendered/, "the collection creation is in the audit trail");
  assert.ok(existsSync(mount("/qdrant/storage/audit")), "audit files live in the storage volume");
  const cluster = await request(http, ca, "GET", "/cluster", admin);
  t.diagnostic(`GET /cluster: ${cluster.status} ${cluster.body.slice(0, 300)}`);
  assert.equal(cluster.status, 200, cluster.body);
  const state = JSON.parse(cluster.body).result;
  assert.equal(state.status, "enabled");
  assert.equal(state.raft_info.role, "Leader", "pod 0 founded the cluster (its --bootstrap, its own URI, was ignored)");
  assert.deepEqual(Object.values(state.peers).map((p) => new URL(p.uri).href), [new URL(args[1]).href], "its peer URI is the rendered --uri");
});
