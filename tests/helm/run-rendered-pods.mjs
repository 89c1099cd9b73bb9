// Runs every pod of the rendered StatefulSet as a docker container, the way the kubelet would run it, and checks
// that they form a secured cluster. Needs a docker daemon, the image (CITADEL_IMAGE, default citadel:local) and
// openssl. Usage: node tests/helm/run-rendered-pods.mjs   (ends with `N passed, M failed`)
//
// Mapping from the pod spec (nothing else is invented):
//   args, env           $(POD_NAME) expanded, secretKeyRef values from the rendered Secret
//   securityContext     runAsUser/runAsGroup -> --user, readOnlyRootFilesystem -> --read-only,
//                       capabilities.drop ALL -> --cap-drop ALL, allowPrivilegeEscalation false -> no-new-privileges
//   volumes             storage/snapshots -> docker volumes, tmp -> tmpfs, tls Secret items -> read-only bind mount
//   headless Service    a docker network where each container has the alias <pod>.<headless>.<ns>.svc.<domain>
//   OrderedReady        pod i starts after pod i-1 answers its readiness probe path
//   TLS Secret          a CA and one certificate with the names the chart's cert-manager Certificate lists
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render, find, podEnv, expand } from "./lib.mjs";

const image = process.env.CITADEL_IMAGE ?? "citadel:local";
const toolbox = process.env.TOOLBOX_IMAGE ?? "citadel-local/toolbox:bookworm";
const [repoName, tag] = image.split(":");
const ns = "vectors";
const net = "citadel-rendered";
let passed = 0;
let failed = 0;
const check = (name, ok, detail = "") => {
  if (ok) passed++; else failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${name}${!ok && detail ? `\n        ${detail}` : ""}`);
};
const docker = (...a) => spawnSync("docker", a, { encoding: "utf8" });

const { objects } = render(["--namespace", ns, "--name", "citadel",
  "--set", `image.repository=${repoName}`, "--set", `image.tag=${tag ?? "latest"}`,
  "--set", "certManager.enabled=true", "--set", "certManager.issuerRef.name=test-ca"]);
const sts = find(objects, "StatefulSet");
const cert = find(objects, "Certificate");
const secret = find(objects, "Secret");
const keys = Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));
const pod = sts.spec.template.spec;
const c = pod.containers[0];
const sc = c.securityContext;
const domain = `${sts.spec.serviceName}.${ns}.svc.cluster.local`;
const names = Array.from({ length: sts.spec.replicas }, (_, i) => `${sts.metadata.name}-${i}`);

// The TLS Secret the Certificate describes: tls.crt/tls.key/ca.crt with its dnsNames and ipAddresses.
const work = mkdtempSync(join(tmpdir(), "citadel-rendered-pods-"));
const tls = join(work, "tls");
mkdirSync(tls);
const ossl = (...a) => execFileSync("openssl", a, { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=test CA",
  "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
const issue = (name, cn, dns, ips) => {
  ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${cn}`);
  writeFileSync(join(work, `${name}.cnf`), "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n"
    + `subjectAltName=${[...dns.map((d) => `DNS:${d}`), ...ips.map((i) => `IP:${i}`)].join(",")}\n`);
  ossl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
    "-extfile", `${name}.cnf`, "-out", `${name}.crt`);
};
issue("node", cert.spec.commonName, cert.spec.dnsNames, cert.spec.ipAddresses);
issue("intruder", "intruder.example", ["intruder.example"], []);
const tlsVolume = pod.volumes.find((v) => v.name === "tls").secret;
const secretFiles = { "tls.crt": "node.crt", "tls.key": "node.key", "ca.crt": "ca.crt" };
for (const item of tlsVolume.items) execFileSync("cp", [join(work, secretFiles[item.key]), join(tls, item.path)]);
execFileSync("chmod", ["-R", "a+rX", work]);

const cleanup = () => {
  for (const n of [...names, "citadel-intruder"]) docker("rm", "-f", n);
  for (const n of names) { docker("volume", "rm", `${n}-storage`); docker("volume", "rm", `${n}-snapshots`); }
  docker("network", "rm", net);
};
cleanup();
docker("network", "create", "--internal", net);

const inNet = (...a) => docker("run", "--rm", "--network", net, "-v", `${work}:/w:ro`, "--user", "0", toolbox, ...a);
const curl = (host, method, path, key, body) => {
  const a = ["curl", "-sS", "--max-time", "10", "--cacert", "/w/ca.crt", "-X", method, "-w", "\n%{http_code}"];
  if (key) a.push("-H", `api-key: ${key}`);
  if (body) a.push("-H", "content-type: application/json", "-d", JSON.stringify(body));
  const r = inNet(...a, `https://${host}:6333${path}`);
  const lines = (r.stdout ?? "").trimEnd().split("\n");
  return { status: Number(lines.pop()), body: lines.join("\n") };
};

console.log(`==> running the rendered StatefulSet ${sts.metadata.name} (${names.length} pods, image ${image})`);
for (const name of names) {
  const env = podEnv(c, name, { [secret.metadata.name]: keys });
  const args = (c.args ?? []).map((a) => expand(a, env));
  const runArgs = ["run", "-d", "--name", name, "--hostname", name, "--network", net, "--network-alias", `${name}.${domain}`,
    "--user", `${sc.runAsUser}:${sc.runAsGroup}`];
  if (sc.readOnlyRootFilesystem) runArgs.push("--read-only");
  if (sc.capabilities?.drop?.includes("ALL")) runArgs.push("--cap-drop", "ALL");
  if (sc.allowPrivilegeEscalation === false) runArgs.push("--security-opt", "no-new-privileges:true");
  for (const m of c.volumeMounts) {
    if (m.name === "tmp") runArgs.push("--tmpfs", `${m.mountPath}:mode=1777`);
    else if (m.name === "tls") runArgs.push("-v", `${tls}:${m.mountPath}:ro`);
    else runArgs.push("-v", `${name}-${m.name}:${m.mountPath}`);
  }
  for (const [k, v] of Object.entries(env)) runArgs.push("-e", `${k}=${v}`);
  const r = docker(...runArgs, image, ...args);
  check(`${name} started with ${args.join(" ")}`, r.status === 0, r.stderr);
  let ready = false;
  for (let t = 0; t < 60 && !ready; t++) {
    ready = curl(`${name}.${domain}`, "GET", c.readinessProbe.httpGet.path).status === 200;
    if (!ready) execFileSync("sleep", ["2"]);
  }
  check(`${name} ready (${c.readinessProbe.httpGet.path} over HTTPS, CA-verified)`, ready, docker("logs", "--tail", "30", name).stderr);
}

const admin = keys["api-key"];
const pod0 = `${names[0]}.${domain}`;
const last = `${names[names.length - 1]}.${domain}`;
let peers = 0;
for (let t = 0; t < 30; t++) {
  const r = curl(last, "GET", "/cluster", admin);
  try { peers = Object.keys(JSON.parse(r.body).result.peers).length; } catch { peers = 0; }
  if (peers === names.length) break;
  execFileSync("sleep", ["2"]);
}
check(`every pod sees ${names.length} peers (GET /cluster on ${names[names.length - 1]})`, peers === names.length, `saw ${peers}`);
check("no key -> 401", curl(pod0, "GET", "/collections").status === 401);
const created = curl(pod0, "PUT", "/collections/rendered", admin, { vectors: { size: 2, distance: "Dot" } });
check("create a collection through pod 0", created.status === 200, created.body);
const upsert = curl(pod0, "PUT", "/collections/rendered/points?wait=true", admin, { points: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] });
check("write 2 points through pod 0", upsert.status === 200, upsert.body);
let count = "";
for (let t = 0; t < 15; t++) {
  count = curl(last, "POST", "/collections/rendered/points/count", keys["read-only-api-key"], { exact: true }).body;
  if (/"count":2/.test(count)) break;
  execFileSync("sleep", ["1"]);
}
check(`read them through ${names[names.length - 1]} with the read-only key`, /"count":2/.test(count), count);

// A container on the peers' network with a certificate from the same CA, but not a pod of this StatefulSet.
const probe = (crt, key) => inNet("curl", "-sS", "-o", "/dev/null", "--max-time", "5", "--http2-prior-knowledge", "--cacert", "/w/ca.crt",
  "--cert", `/w/${crt}`, "--key", `/w/${key}`, `https://${pod0}:6335/`).status;
check("the pods' certificate completes TLS on pod 0's peer port", probe("node.crt", "node.key") === 0);
check("a CA-signed certificate of a non-member is refused on 6335", probe("intruder.crt", "intruder.key") !== 0);

// Pods restart with the same args: pod 0 (bootstrap = itself) and a joiner must come back into the same cluster.
const peersOf = (host) => {
  try { return Object.keys(JSON.parse(curl(host, "GET", "/cluster", admin).body).result.peers).length; } catch { return 0; }
};
for (const name of [names[0], names[1]]) {
  const host = `${name}.${domain}`;
  docker("restart", name);
  let back = false;
  for (let t = 0; t < 60 && !back; t++) {
    back = curl(host, "GET", c.readinessProbe.httpGet.path).status === 200 && peersOf(host) === names.length;
    if (!back) execFileSync("sleep", ["2"]);
  }
  check(`${name} restarted with the same args: ready and back in the ${names.length}-peer cluster`, back, docker("logs", "--tail", "20", name).stderr);
  const n = curl(host, "POST", "/collections/rendered/points/count", admin, { exact: true }).body;
  check(`${name} after restart still serves the 2 points`, /"count":2/.test(n), n);
}

if (!process.env.KEEP) cleanup();
rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
