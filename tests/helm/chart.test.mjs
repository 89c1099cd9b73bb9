// Renders helm/citadel with the Go text/template + sprig renderer and checks the manifests: Kubernetes schema
// validity (kubernetes-models), the security posture, peer identities, probes, secrets and NetworkPolicy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { render, renderRaw, find, validate, expand, identityAllowed } from "./lib.mjs";

const TLS = ["--set", "tls.existingSecret=citadel-tls"];
const CERT_MANAGER = ["--set", "certManager.enabled=true", "--set", "certManager.issuerRef.name=lab-ca"];

const container = (objects) => find(objects, "StatefulSet").spec.template.spec.containers[0];
const envOf = (c, name) => c.env.find((e) => e.name === name);

test("default values without TLS material fail with a message that names the fix", () => {
  const r = renderRaw([]);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /tls\.existingSecret/);
  assert.match(r.stderr, /certManager\.enabled/);
});

test("cert-manager without an issuer fails clearly", () => {
  const r = renderRaw(["--set", "certManager.enabled=true"]);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /certManager\.issuerRef\.name is required/);
});

for (const [label, args] of [
  ["defaults + existing TLS secret", TLS],
  ["cert-manager, 5 replicas, custom namespace and release", [...CERT_MANAGER, "--set", "replicaCount=5", "--namespace", "vectors", "--name", "prod"]],
  ["client cert verification, config, snapshots PVC, clientFrom", [...TLS, "--set", "tls.verifyClientCertificate=true", "--set", "config.log_level=DEBUG",
    "--set", "snapshotPersistence.enabled=true", "--set", "networkPolicy.clientFrom[0].namespaceSelector.matchLabels.team=search",
    "--set", "podDisruptionBudget.minAvailable=2", "--set", "altApiKey=true"]],
  ["existingSecret for keys, egress policy off", [...TLS, "--set", "existingSecret=my-keys", "--set", "networkPolicy.egress.enabled=false"]],
  ["single node without cluster", [...TLS, "--set", "replicaCount=1", "--set", "cluster.enabled=false"]],
]) {
  test(`every manifest is schema-valid: ${label}`, async () => {
    const { objects } = render(args);
    assert.ok(objects.length >= 5);
    for (const o of objects) {
      await assert.doesNotReject(validate(o), `${o.kind}/${o.metadata.name}`);
      assert.ok(o.metadata.namespace, `${o.kind} has a namespace`);
    }
  });
}

test("the default render has the expected objects", () => {
  const { objects } = render(TLS);
  const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
  assert.deepEqual(kinds, [
    "NetworkPolicy/citadel", "PodDisruptionBudget/citadel", "Secret/citadel-apikey", "Service/citadel",
    "Service/citadel-headless", "ServiceAccount/citadel", "StatefulSet/citadel",
  ]);
});

test("pod and container security context: non-root uid 1000, read-only root, no capabilities, seccomp", () => {
  const { objects } = render(TLS);
  const sts = find(objects, "StatefulSet");
  const pod = sts.spec.template.spec;
  const sc = container(objects).securityContext;
  assert.equal(sc.runAsNonRoot, true);
  assert.equal(sc.runAsUser, 1000);
  assert.equal(sc.runAsGroup, 1000);
  assert.equal(sc.readOnlyRootFilesystem, true);
  assert.equal(sc.allowPrivilegeEscalation, false);
  assert.equal(sc.privileged, false);
  assert.deepEqual(sc.capabilities.drop, ["ALL"]);
  assert.equal(sc.capabilities.add, undefined);
  assert.equal(sc.seccompProfile.type, "RuntimeDefault");
  assert.equal(pod.securityContext.seccompProfile.type, "RuntimeDefault");
  assert.equal(pod.securityContext.fsGroup, 1000);
  assert.equal(pod.automountServiceAccountToken, false);
  // Writable paths are volumes: storage (PVC), snapshots, /tmp.
  const mounts = Object.fromEntries(container(objects).volumeMounts.map((m) => [m.mountPath, m]));
  assert.ok(mounts["/qdrant/storage"] && mounts["/qdrant/snapshots"] && mounts["/tmp"]);
  assert.equal(mounts["/qdrant/tls"].readOnly, true);
  assert.equal(sts.spec.volumeClaimTemplates[0].metadata.name, "storage");
});

test("probes: startup and liveness on /livez, readiness on /readyz, over HTTPS", () => {
  const c = container(render(TLS).objects);
  assert.equal(c.livenessProbe.httpGet.path, "/livez");
  assert.equal(c.startupProbe.httpGet.path, "/livez");
  assert.equal(c.readinessProbe.httpGet.path, "/readyz");
  for (const p of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    assert.equal(p.httpGet.scheme, "HTTPS");
    assert.equal(p.httpGet.port, "http");
    assert.equal(p.enabled, undefined, "chart-only keys are not passed to Kubernetes");
    assert.equal(p.timeoutSeconds, 3);
  }
  const plain = container(render([...TLS, "--set", "tls.enabled=false"]).objects);
  assert.equal(plain.readinessProbe.httpGet.scheme, "HTTP");
});

test("with client certificates required, probes run the image's healthcheck (kubelet has no client cert)", () => {
  const c = container(render([...TLS, "--set", "tls.verifyClientCertificate=true"]).objects);
  assert.deepEqual(c.livenessProbe.exec.command, ["/app/citadel-healthcheck", "/livez"]);
  assert.deepEqual(c.readinessProbe.exec.command, ["/app/citadel-healthcheck", "/readyz"]);
  assert.equal(envOf(c, "QDRANT__SERVICE__VERIFY_HTTPS_CLIENT_CERTIFICATE").value, "true");
  assert.equal(c.readinessProbe.timeoutSeconds, 10, "an exec probe starts a process: at least 10 s");
  assert.equal(c.readinessProbe.httpGet, undefined);
});

test("stable peer identities: pod 0 founds the cluster, the others bootstrap to pod 0 via the headless Service", () => {
  const { objects } = render(["--namespace", "vectors", ...TLS]);
  const sts = find(objects, "StatefulSet");
  const c = container(objects);
  assert.equal(sts.spec.serviceName, "citadel-headless");
  assert.deepEqual(c.args, [
    "--uri", "https://$(POD_NAME).citadel-headless.vectors.svc.cluster.local:6335",
    "--bootstrap", "https://citadel-0.citadel-headless.vectors.svc.cluster.local:6335",
  ]);
  assert.equal(envOf(c, "POD_NAME").valueFrom.fieldRef.fieldPath, "metadata.name");
  assert.equal(c.env.findIndex((e) => e.name === "POD_NAME"), 0, "POD_NAME is defined before it is referenced");
  const argsOf = (pod) => c.args.map((a) => expand(a, { POD_NAME: pod }));
  const [, uri0, , boot0] = argsOf("citadel-0");
  assert.equal(uri0, boot0, "pod 0's bootstrap URI is its own URI, which the node ignores: it starts the cluster");
  const [, uri2, , boot2] = argsOf("citadel-2");
  assert.notEqual(uri2, boot2);
  assert.equal(boot2, uri0);
  const headless = find(objects, "Service", "citadel-headless");
  assert.equal(headless.spec.clusterIP, "None");
  assert.equal(headless.spec.publishNotReadyAddresses, true);
  assert.ok(headless.spec.ports.some((p) => p.port === 6335 && p.name === "p2p"));
});

test("peer TLS: enabled with the default allow-list of exactly this StatefulSet's pods", () => {
  const c = container(render(["--namespace", "vectors", ...TLS]).objects);
  assert.equal(envOf(c, "QDRANT__CLUSTER__ENABLED").value, "true");
  assert.equal(envOf(c, "QDRANT__CLUSTER__P2P__ENABLE_TLS").value, "true");
  assert.equal(envOf(c, "QDRANT__CLUSTER__P2P__PORT").value, "6335");
  assert.equal(envOf(c, "QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES").value, "*.citadel-headless.vectors.svc.cluster.local");
  assert.equal(envOf(c, "QDRANT__CLUSTER__P2P__ALLOW_INSECURE").value, "false");
  assert.equal(envOf(c, "QDRANT__SERVICE__ENABLE_TLS").value, "true");
  assert.equal(envOf(c, "QDRANT__TLS__CA_CERT").value, "/qdrant/tls/cacert.pem");
  const custom = container(render([...TLS, "--set", "cluster.p2p.allowedIdentities={a.example,*.peers.example}"]).objects);
  assert.equal(envOf(custom, "QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES").value, "a.example,*.peers.example");
});

test("cert-manager Certificate names every pod and passes the peer allow-list; the TLS volume uses its Secret", () => {
  const { objects } = render([...CERT_MANAGER, "--set", "replicaCount=5", "--namespace", "vectors", "--name", "prod"]);
  const cert = find(objects, "Certificate");
  const c = container(objects);
  assert.equal(cert.spec.secretName, "prod-citadel-tls");
  assert.equal(cert.spec.issuerRef.name, "lab-ca");
  assert.ok(cert.spec.usages.includes("server auth") && cert.spec.usages.includes("client auth"));
  const allowed = envOf(c, "QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES").value.split(",");
  for (let i = 0; i < 5; i++) {
    const host = `prod-citadel-${i}.prod-citadel-headless.vectors.svc.cluster.local`;
    assert.ok(cert.spec.dnsNames.includes(host), host);
    assert.ok(identityAllowed(allowed, host), `${host} is allowed`);
    assert.equal(new URL(expand(c.args[1], { POD_NAME: `prod-citadel-${i}` })).hostname, host, "--uri host is in the certificate");
  }
  assert.ok(!cert.spec.dnsNames.some((n) => n.includes("*")), "no wildcard names (the allow-list would reject them)");
  assert.ok(cert.spec.dnsNames.includes("localhost") && cert.spec.ipAddresses.includes("127.0.0.1"));
  assert.ok(!identityAllowed(allowed, "prod-citadel.vectors.svc.cluster.local"), "the client Service name is not a peer");
  const vol = find(objects, "StatefulSet").spec.template.spec.volumes.find((v) => v.name === "tls");
  assert.equal(vol.secret.secretName, "prod-citadel-tls");
  assert.deepEqual(vol.secret.items.map((i) => i.path), ["cert.pem", "key.pem", "cacert.pem"]);
});

test("keys come from a Secret, never inline; generated keys are long enough to sign JWTs", () => {
  const { objects, text } = render([...TLS, "--set", "apiKey=given-admin-key-0123456789abcdef0123456789", "--set", "readOnlyApiKey=true"]);
  const c = container(objects);
  for (const name of ["QDRANT__SERVICE__API_KEY", "QDRANT__SERVICE__READ_ONLY_API_KEY"]) {
    const e = envOf(c, name);
    assert.equal(e.value, undefined, `${name} is not inline`);
    assert.equal(e.valueFrom.secretKeyRef.name, "citadel-apikey");
  }
  assert.equal(envOf(c, "QDRANT__SERVICE__ALT_API_KEY"), undefined, "no alt key unless asked for");
  const secret = find(objects, "Secret");
  assert.equal(Buffer.from(secret.data["api-key"], "base64").toString(), "given-admin-key-0123456789abcdef0123456789");
  assert.equal(Buffer.from(secret.data["read-only-api-key"], "base64").toString().length, 48);
  const sts = text.split("# Source: citadel/templates/statefulset.yaml")[1];
  assert.ok(!sts.includes("given-admin-key"), "the StatefulSet does not contain the key");
  assert.equal(envOf(c, "QDRANT__SERVICE__JWT_RBAC").value, "true");
});

test("existingSecret replaces the chart's Secret; valueFrom keys are passed through", () => {
  const { objects } = render([...TLS, "--set", "existingSecret=my-keys"]);
  assert.equal(find(objects, "Secret"), undefined);
  const c = container(objects);
  assert.equal(envOf(c, "QDRANT__SERVICE__API_KEY").valueFrom.secretKeyRef.name, "my-keys");
  assert.equal(envOf(c, "QDRANT__SERVICE__API_KEY").valueFrom.secretKeyRef.optional, false);
  assert.equal(envOf(c, "QDRANT__SERVICE__ALT_API_KEY").valueFrom.secretKeyRef.optional, true, "alt key optional for rotation");
  const vf = render([...TLS, "--set", "apiKey.valueFrom.secretKeyRef.name=vault-keys", "--set", "apiKey.valueFrom.secretKeyRef.key=admin",
    "--set", "readOnlyApiKey=false"]).objects;
  const e = envOf(container(vf), "QDRANT__SERVICE__API_KEY");
  assert.deepEqual(e.valueFrom.secretKeyRef, { name: "vault-keys", key: "admin" });
  assert.equal(find(vf, "Secret"), undefined, "nothing to generate");
  assert.equal(envOf(container(vf), "QDRANT__SERVICE__READ_ONLY_API_KEY"), undefined);
});

test("NetworkPolicy: 6335 only from Citadel pods; egress only to peers and DNS", () => {
  const { objects } = render(TLS);
  const np = find(objects, "NetworkPolicy");
  const selector = find(objects, "StatefulSet").spec.selector.matchLabels;
  assert.deepEqual(np.spec.podSelector.matchLabels, selector);
  const peerRules = np.spec.ingress.filter((r) => r.ports.some((p) => p.port === 6335));
  assert.equal(peerRules.length, 1, "exactly one rule opens 6335");
  assert.deepEqual(peerRules[0].ports, [{ protocol: "TCP", port: 6335 }], "and it opens nothing else");
  assert.deepEqual(peerRules[0].from, [{ podSelector: { matchLabels: selector } }]);
  const clientRule = np.spec.ingress.find((r) => r !== peerRules[0]);
  assert.deepEqual(clientRule.ports.map((p) => p.port).sort(), [6333, 6334]);
  assert.deepEqual(np.spec.policyTypes, ["Ingress", "Egress"]);
  const egressPorts = np.spec.egress.flatMap((r) => r.ports.map((p) => p.port)).sort();
  assert.deepEqual(egressPorts, [53, 53, 6333, 6334, 6335]);
  assert.deepEqual(np.spec.egress[0].to, [{ podSelector: { matchLabels: selector } }]);
  const restricted = find(render([...TLS, "--set", "networkPolicy.clientFrom[0].namespaceSelector.matchLabels.team=search"]).objects, "NetworkPolicy");
  const from = restricted.spec.ingress[1].from;
  assert.deepEqual(from[0], { namespaceSelector: { matchLabels: { team: "search" } } });
  assert.deepEqual(from[1], { podSelector: { matchLabels: selector } }, "peers can still forward on 6333/6334");
  assert.equal(find(render([...TLS, "--set", "networkPolicy.enabled=false"]).objects, "NetworkPolicy"), undefined);
});

test("client Service exposes REST and gRPC but not the peer port", () => {
  const svc = find(render(TLS).objects, "Service", "citadel");
  assert.deepEqual(svc.spec.ports.map((p) => p.port), [6333, 6334]);
  assert.equal(svc.spec.ports[1].appProtocol, "grpc");
});

test("PodDisruptionBudget: maxUnavailable 1 by default, minAvailable when set", () => {
  assert.equal(find(render(TLS).objects, "PodDisruptionBudget").spec.maxUnavailable, 1);
  const pdb = find(render([...TLS, "--set", "podDisruptionBudget.minAvailable=2"]).objects, "PodDisruptionBudget");
  assert.equal(pdb.spec.minAvailable, 2);
  assert.equal(pdb.spec.maxUnavailable, undefined);
});

test("config goes into a ConfigMap passed with --config-path; audit is on by default", () => {
  const { objects } = render([...TLS, "--set", "config.log_level=DEBUG", "--set", "config.storage.optimizers.flush_interval_sec=2"]);
  const cm = find(objects, "ConfigMap");
  assert.match(cm.data["config.yaml"], /log_level: DEBUG/);
  const c = container(objects);
  assert.deepEqual(c.args.slice(-2), ["--config-path", "/qdrant/chart-config/config.yaml"]);
  assert.equal(envOf(c, "QDRANT__AUDIT__ENABLED").value, "true");
  assert.equal(envOf(c, "QDRANT__AUDIT__DIR").value, "/qdrant/storage/audit");
});

test("single node without cluster and without TLS: no peer args, no TLS volume, HTTP probes", () => {
  const { objects } = render(["--set", "cluster.enabled=false", "--set", "tls.enabled=false", "--set", "replicaCount=1"]);
  const c = container(objects);
  assert.equal(c.args, undefined);
  assert.equal(envOf(c, "QDRANT__CLUSTER__ENABLED").value, "false");
  assert.equal(envOf(c, "QDRANT__TLS__CERT"), undefined);
  assert.ok(!find(objects, "StatefulSet").spec.template.spec.volumes.some((v) => v.name === "tls"));
});

test("NOTES.txt renders", () => {
  const r = renderRaw([...TLS], { HELM_RENDER_NOTES: "1" });
  assert.equal(r.ok, true);
  assert.match(r.stderr, /port-forward svc\/citadel 6333:6333/);
  assert.match(r.stderr, /citadel-0\.citadel-headless\.default\.svc\.cluster\.local:6335 founds the cluster/);
});
