// Helpers for the chart tests: build and run the Go renderer, parse and validate manifests.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..");
export const chart = join(repo, "helm", "citadel");
const renderer = join(here, ".bin", "helm-render");

/** Builds tests/helm/renderer with Debian's Go and sprig when the binary is missing or older than its source. */
export function buildRenderer() {
  const src = join(here, "renderer", "main.go");
  if (!existsSync(renderer) || statSync(renderer).mtimeMs < statSync(src).mtimeMs) {
    execFileSync(join(here, "renderer", "build.sh"), [renderer], { stdio: "inherit" });
  }
  return renderer;
}

/** Renders the chart; returns { ok, stdout, stderr }. */
export function renderRaw(args = [], env = {}) {
  const r = spawnSync(buildRenderer(), [...args, chart], { encoding: "utf8", env: { ...process.env, ...env } });
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

/** Renders the chart and parses every document; throws with the renderer's message on failure. */
export function render(args = []) {
  const r = renderRaw(args);
  if (!r.ok) throw new Error(`render failed: ${r.stderr}`);
  const docs = parseAllDocuments(r.stdout);
  const objects = [];
  for (const d of docs) {
    if (d.errors.length) throw new Error(`YAML error: ${d.errors[0].message}`);
    const o = d.toJS();
    if (o !== null && o !== undefined) objects.push(o);
  }
  return { text: r.stdout, objects };
}

export const find = (objects, kind, name) =>
  objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

/** Validates one object against the Kubernetes (or cert-manager) JSON schema of its kind. */
export async function validate(o) {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  let mod;
  if (group === "cert-manager.io") {
    mod = await import(`@kubernetes-models/cert-manager/cert-manager.io/${version}/${o.kind}`);
  } else {
    mod = await import(`kubernetes-models/${group ? `${group}/` : ""}${version}/${o.kind}`);
  }
  const Model = mod[o.kind] ?? mod.default;
  new Model(o).validate();
}

/** Container env of pod `index` as the kubelet would see it: fieldRef POD_NAME, secretKeyRef from `secrets`. */
export function podEnv(container, podName, secrets) {
  const env = {};
  for (const e of container.env) {
    if (e.value !== undefined) env[e.name] = expand(String(e.value), env);
    else if (e.valueFrom?.fieldRef?.fieldPath === "metadata.name") env[e.name] = podName;
    else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      const s = secrets[ref.name];
      const v = s?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        throw new Error(`secret ${ref.name}/${ref.key} missing`);
      }
      env[e.name] = v;
    } else throw new Error(`unsupported env source for ${e.name}`);
  }
  return env;
}

/** Kubernetes $(VAR) expansion in args and env values. */
export function expand(s, env) {
  return s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n) => (n in env ? env[n] : m));
}

/** cluster.p2p.allowed_identities matching, as src/Auth/Tls/PeerIdentityPolicy.cs does it. */
export function identityAllowed(patterns, identity) {
  if (identity.includes("*")) return false;
  return patterns.some((p) => {
    if (p === "*" || p.toLowerCase() === identity.toLowerCase()) return true;
    if (p.startsWith("*.")) {
      const dot = identity.indexOf(".");
      return dot > 0 && identity.slice(dot).toLowerCase() === p.slice(1).toLowerCase();
    }
    return false;
  });
}
