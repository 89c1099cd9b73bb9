// Checks the compose lab's definition without a docker daemon: certificates from compose/gen-certs.sh (SANs,
// usages, chain) and `docker-compose config` (the Debian docker-compose) on a copy of compose/, then asserts on
// the resolved YAML: hardening, networks, published ports, peer TLS settings, peer URIs vs certificate names.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { repo, identityAllowed } from "./lib.mjs";

const hasCompose = spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
let dir;
let config;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "citadel-compose-"));
  cpSync(join(repo, "compose"), dir, {
    recursive: true,
    filter: (src) => !/^\/(certs|keys\.env)|node_modules/.test(src.slice(join(repo, "compose").length)),
  });
  execFileSync(join(dir, "gen-certs.sh"), { stdio: "ignore" });
  if (hasCompose) {
    const out = execFileSync("docker-compose", ["-f", join(dir, "docker-compose.yml"), "-p", "citadel-lab", "config"], { encoding: "utf8" });
    config = parse(out);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

// docker-compose 1.x prints short syntax ("src:target:mode", "ip:published:target/proto"); 2.x prints long syntax.
const volumeOf = (v) => (typeof v === "string" ? (([source, target, mode]) => ({ source, target, read_only: mode === "ro" }))(v.split(":")) : v);
const portOf = (p) => {
  if (typeof p !== "string") return { host_ip: p.host_ip, published: Number(p.published), target: Number(p.target) };
  const [ip, published, target] = p.split("/")[0].split(":");
  return { host_ip: ip, published: Number(published), target: Number(target) };
};

const openssl = (...args) => execFileSync("openssl", args, { encoding: "utf8" });

test("gen-certs.sh: node certificates chain to the CA and carry the right names and usages", () => {
  for (const n of [1, 2, 3]) {
    const cert = join(dir, "certs", `node${n}`, "cert.pem");
    assert.match(openssl("verify", "-CAfile", join(dir, "certs/ca.pem"), cert), /OK/);
    const text = openssl("x509", "-in", cert, "-noout", "-ext", "subjectAltName,extendedKeyUsage");
    for (const name of [`DNS:node${n}.peers.citadel.lab`, `DNS:node${n}`, "DNS:localhost", "IP Address:127.0.0.1"]) {
      assert.ok(text.includes(name), `node${n}: ${name}`);
    }
    assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/);
    assert.equal(readFileSync(join(dir, "certs", `node${n}`, "cacert.pem"), "utf8"), readFileSync(join(dir, "certs/ca.pem"), "utf8"));
  }
  const client = openssl("x509", "-in", join(dir, "certs/client/cert.pem"), "-noout", "-subject", "-ext", "extendedKeyUsage");
  assert.match(client, /CN = lab-client/);
  assert.doesNotMatch(client, /Server Authentication/);
});

test("gen-certs.sh: keys.env holds long random keys, distinct", () => {
  const env = Object.fromEntries(readFileSync(join(dir, "keys.env"), "utf8").split("\n")
    .filter((l) => l && !l.startsWith("#")).map((l) => l.split("=")));
  assert.ok(env.QDRANT__SERVICE__API_KEY.length >= 64, "admin key >= 32 bytes (JWT secret)");
  assert.ok(env.QDRANT__SERVICE__READ_ONLY_API_KEY.length >= 32);
  assert.notEqual(env.QDRANT__SERVICE__API_KEY, env.QDRANT__SERVICE__READ_ONLY_API_KEY);
});

test("docker-compose config: three hardened nodes", { skip: !hasCompose && "docker-compose not installed" }, () => {
  assert.deepEqual(Object.keys(config.services).sort(), ["node1", "node2", "node3"]);
  for (const [name, s] of Object.entries(config.services)) {
    assert.equal(s.user, "1000:1000", name);
    assert.equal(s.read_only, true, name);
    assert.deepEqual(s.cap_drop, ["ALL"], name);
    assert.ok(s.security_opt.includes("no-new-privileges:true"), name);
    assert.ok(s.tmpfs.some((t) => t.startsWith("/tmp")), name);
    const volumes = s.volumes.map(volumeOf);
    const targets = volumes.map((v) => v.target);
    assert.ok(targets.includes("/qdrant/storage") && targets.includes("/qdrant/snapshots") && targets.includes("/qdrant/tls"), name);
    assert.equal(volumes.find((v) => v.target === "/qdrant/tls").read_only, true);
  }
});

test("docker-compose config: TLS, keys, JWT, audit and peer mTLS settings on every node", { skip: !hasCompose && "docker-compose not installed" }, () => {
  for (const [name, s] of Object.entries(config.services)) {
    const e = s.environment;
    assert.equal(e.QDRANT__SERVICE__ENABLE_TLS, "true", name);
    assert.ok(e.QDRANT__SERVICE__API_KEY?.length >= 64, `${name} admin key from keys.env`);
    assert.ok(e.QDRANT__SERVICE__READ_ONLY_API_KEY, name);
    assert.equal(e.QDRANT__SERVICE__JWT_RBAC, "true", name);
    assert.equal(e.QDRANT__AUDIT__ENABLED, "true", name);
    assert.equal(e.QDRANT__CLUSTER__ENABLED, "true", name);
    assert.equal(e.QDRANT__CLUSTER__P2P__ENABLE_TLS, "true", name);
    assert.equal(e.QDRANT__SERVICE__ENABLE_SNAPSHOT_URL_RECOVERY, "false", name);
    assert.equal(e.QDRANT__SERVICE__ALT_API_KEY, undefined, `${name}: no empty alt key`);
  }
});

test("docker-compose config: peer URIs resolve on the internal network only, and the certificates name them", { skip: !hasCompose && "docker-compose not installed" }, () => {
  assert.equal(config.networks.peers.internal, true);
  const allowed = config.services.node1.environment.QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES.split(",");
  for (const [name, s] of Object.entries(config.services)) {
    const uri = new URL(s.command[s.command.indexOf("--uri") + 1]);
    assert.equal(uri.protocol, "https:");
    assert.equal(uri.port, "6335");
    assert.ok(s.networks.peers.aliases.includes(uri.hostname), `${name}: ${uri.hostname} is an alias on the peers network`);
    assert.ok(identityAllowed(allowed, uri.hostname), `${name} is on allowed_identities`);
    const san = openssl("x509", "-in", join(dir, "certs", name, "cert.pem"), "-noout", "-ext", "subjectAltName");
    assert.ok(san.includes(`DNS:${uri.hostname}`), `${name}'s certificate names its peer URI host`);
    if (name !== "node1") {
      assert.equal(s.command[s.command.indexOf("--bootstrap") + 1], "https://node1.peers.citadel.lab:6335");
      assert.equal(s.depends_on.node1.condition, "service_healthy");
    } else {
      assert.ok(!s.command.includes("--bootstrap"), "node1 founds the cluster");
    }
  }
  assert.ok(!identityAllowed(allowed, "lab-client"), "the lab client certificate is not a peer");
});

test("docker-compose config: REST/gRPC published on 127.0.0.1 only, the peer port never", { skip: !hasCompose && "docker-compose not installed" }, () => {
  const published = [];
  for (const [name, s] of Object.entries(config.services)) {
    for (const p of s.ports.map(portOf)) {
      assert.equal(p.host_ip, "127.0.0.1", `${name} ${p.target}`);
      assert.notEqual(p.target, 6335, `${name} publishes 6335`);
      published.push(Number(p.published));
    }
  }
  assert.deepEqual(published.sort(), [6333, 6334, 6343, 6344, 6353, 6354]);
});
