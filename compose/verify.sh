#!/usr/bin/env bash
# Brings the compose lab up from scratch and checks it end to end. Needs docker (daemon running), docker-compose,
# curl, openssl and node/npm, and the image $CITADEL_IMAGE (default citadel:local; built with
# deploy/build-image.sh when missing). Ends with `N passed, M failed`; exits non-zero when a check failed.
#
#   compose/verify.sh            # fresh lab (volumes removed first), left running afterwards
#   DOWN=1 compose/verify.sh     # ... and taken down (with its volumes) at the end
#
# What it checks: the containers' hardening (uid 1000, read-only root, no capabilities, public ports on 127.0.0.1
# only, internal peer network), TLS on REST (plain HTTP refused, CA-verified HTTPS), keys (401 without, read-only
# key cannot write), a collection created through node 1 with the official JS client and read through node 3,
# a read-only JWT, the audit trail via /audit/logs, and the peer port: a member's certificate is accepted, a
# container on the peer network without a certificate or with the lab's CA-signed client certificate is refused.
# When the build does not serve cluster mode yet (GET /cluster answers 501), the cluster checks are reported as
# skipped and every node is checked on its own.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
cd "$LAB_DIR"

TOOLBOX_IMAGE="${TOOLBOX_IMAGE:-citadel-local/toolbox:bookworm}"

for tool in docker docker-compose curl openssl node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 1; }
done
docker info >/dev/null 2>&1 || { echo "the docker daemon is not running" >&2; exit 1; }

log "certificates and keys"
./gen-certs.sh
load_keys
ADMIN="$QDRANT__SERVICE__API_KEY"
READ_ONLY="$QDRANT__SERVICE__READ_ONLY_API_KEY"

if ! docker image inspect "$CITADEL_IMAGE" >/dev/null 2>&1; then
  log "building $CITADEL_IMAGE"
  IMAGE="$CITADEL_IMAGE" ../deploy/build-image.sh ${PREBUILT:+--prebuilt}
fi

if ! docker image inspect "$TOOLBOX_IMAGE" >/dev/null 2>&1; then
  log "building $TOOLBOX_IMAGE (curl + openssl, for probing the internal network)"
  base=debian:bookworm-slim
  if docker image inspect citadel-local/runtime-deps:10.0 >/dev/null 2>&1; then base=citadel-local/runtime-deps:10.0; fi
  printf 'FROM %s\nRUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl openssl ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/*\n' "$base" \
    | docker build -q -t "$TOOLBOX_IMAGE" - >/dev/null
fi

if [ ! -d js/node_modules/@qdrant/js-client-rest ]; then
  log "installing the JS client (compose/js)"
  (cd js && npm install --no-audit --no-fund --loglevel=error)
fi

log "validating and starting the lab (fresh volumes)"
check "docker-compose config validates" compose config -q
compose down -v --remove-orphans >/dev/null 2>&1 || true
compose up -d
if ! wait_healthy node1 node2 node3; then
  echo "the lab did not come up" >&2
  failed=$((failed + 1)); failures+=("lab healthy"); summary; exit 1
fi
check "all three nodes healthy (HEALTHCHECK /readyz over TLS)" true

log "container hardening"
for node in node1 node2 node3; do
  id="$(compose ps -q "$node")"
  check "$node runs as 1000:1000" test "$(docker inspect -f '{{.Config.User}}' "$id")" = "1000:1000"
  check "$node has a read-only root filesystem" test "$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$id")" = true
  check "$node drops all capabilities" test "$(docker inspect -f '{{json .HostConfig.CapDrop}}' "$id")" = '["ALL"]'
  check "$node publishes only on 127.0.0.1 and never 6335" \
    bash -c "ports=\$(docker port $id); [ -n \"\$ports\" ] && ! grep -v ' -> 127.0.0.1:' <<<\"\$ports\" && ! grep -q '^6335' <<<\"\$ports\""
  check "$node writes its storage volume but not its root filesystem" \
    bash -c "docker exec $id touch /qdrant/storage/.write-probe && ! docker exec $id touch /qdrant/write-probe 2>/dev/null"
done
check "peer network is internal" test "$(docker network inspect -f '{{.Internal}}' "${PROJECT}_peers")" = true

log "TLS and keys"
check "plain HTTP on 6333 is refused" bash -c "! curl -sS --max-time 5 -o /dev/null http://localhost:6333/ 2>/dev/null || [ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://localhost:6333/)\" = 000 ]"
for node in node1 node2 node3; do
  check "$node: HTTPS verified against the lab CA (/readyz 200, no key needed)" test "$(status "$node" GET /readyz)" = 200
  check "$node: no key -> 401" test "$(status "$node" GET /collections)" = 401
  check "$node: wrong key -> 401" test "$(status "$node" GET /collections wrong-key)" = 401
  check "$node: read-only key reads" test "$(status "$node" GET /collections "$READ_ONLY")" = 200
done
check "gRPC port speaks TLS (certificate verified)" \
  bash -c "echo | openssl s_client -connect localhost:6334 -servername localhost -CAfile '$CA' -verify_return_error -alpn h2 2>/dev/null | grep -q 'Verify return code: 0'"

CLUSTER=0
if [ "$(status node1 GET /cluster "$ADMIN")" = 200 ] && body node1 GET /cluster "$ADMIN" | grep -q '"status":"enabled"'; then
  CLUSTER=1
fi
if [ "$CLUSTER" = 1 ]; then
  READ_NODE=node3
  log "cluster mode is served: write through node1, read through node3"
  peers() { body "$1" GET /cluster "$ADMIN" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(Object.keys(JSON.parse(s).result.peers).length)})'; }
  for _ in $(seq 1 30); do [ "$(peers node3)" = 3 ] && break; sleep 2; done
  for node in node1 node2 node3; do
    check "$node sees 3 peers" test "$(peers "$node")" = 3
  done
else
  READ_NODE=node1
  log "SKIPPED cluster checks: GET /cluster answers $(status node1 GET /cluster "$ADMIN") (this build does not serve cluster mode yet); checking nodes on their own"
fi

log "data path with the official JS client (@qdrant/js-client-rest, TLS verified)"
check "read-only key cannot create a collection (403)" \
  test "$(status node1 PUT /collections/lab "$READ_ONLY" '{"vectors":{"size":4,"distance":"Cosine"}}')" = 403
js() { (cd js && NODE_EXTRA_CA_CERTS="$CA" CITADEL_API_KEY="$ADMIN" node lab.mjs "$@"); }
check "JS client creates 'lab' and writes 3 points through node1" js write https://localhost:6333
read_url="https://localhost:${REST_PORT[$READ_NODE]}"
check "JS client reads 'lab' through $READ_NODE: 3 points, nearest is Berlin" \
  bash -c "out=\$(cd js && NODE_EXTRA_CA_CERTS='$CA' CITADEL_API_KEY='$ADMIN' node lab.mjs read $read_url) && echo \"    \$out\" && grep -q '\"points_count\":3' <<<\"\$out\" && grep -q 'Berlin' <<<\"\$out\""

log "JWT RBAC"
JWT_R="$(js jwt '{"access":"r"}' 600)"
JWT_LAB="$(js jwt '{"access":[{"collection":"lab","access":"r"}]}' 600)"
check "global read-only JWT reads (200)" test "$(status "$READ_NODE" POST /collections/lab/points/scroll "$JWT_R" '{"limit":1}')" = 200
check "global read-only JWT cannot write (403)" \
  test "$(status "$READ_NODE" PUT '/collections/lab/points?wait=true' "$JWT_R" '{"points":[{"id":9,"vector":[1,0,0,0]}]}')" = 403
check "collection-scoped JWT reads its collection (200)" test "$(status "$READ_NODE" GET /collections/lab "$JWT_LAB")" = 200
check "collection-scoped JWT cannot list other rights (403 on create)" \
  test "$(status "$READ_NODE" PUT /collections/other "$JWT_LAB" '{"vectors":{"size":4,"distance":"Cosine"}}')" = 403
forged="$(CITADEL_API_KEY=not-the-key node js/lab.mjs jwt '{"access":"m"}' 600)"
check "JWT signed with another secret is refused (403 InvalidSignature)" test "$(status node1 GET /collections "$forged")" = 403

log "audit trail"
audit="$(body node1 POST /audit/logs "$ADMIN" '{"limit":200}')"
check "/audit/logs on node1 records the collection creation" grep -q 'lab' <<<"$audit"
check "/audit/logs records a denied request (the read-only key's create)" grep -q '"result":"denied"' <<<"$audit"
check "/audit/logs needs the admin key (read-only key -> 403)" test "$(status node1 POST /audit/logs "$READ_ONLY" '{"limit":1}')" = 403

log "peer port 6335 (mutual TLS with the identity allow-list)"
check "6335 is not reachable from the host" bash -c "! curl -sk --max-time 3 https://127.0.0.1:6335/ -o /dev/null 2>/dev/null"
probe() { # probe CERT_DIR|none: exit 0 when an HTTP/2 exchange with node1's peer port succeeds
  local certs=()
  if [ "$1" != none ]; then certs=(--cert "/certs/$1/cert.pem" --key "/certs/$1/key.pem"); fi
  docker run --rm --network "${PROJECT}_peers" -v "$LAB_DIR/certs:/certs:ro" --user 0 "$TOOLBOX_IMAGE" \
    curl -sS -o /dev/null --max-time 5 --http2-prior-knowledge --cacert /certs/ca.pem "${certs[@]}" \
    https://node1.peers.citadel.lab:6335/ >/dev/null 2>&1
}
if probe node2; then
  check "a member certificate (node2) completes TLS with node1's peer port" true
  refused() { ! probe "$1"; }
  check "a container on the peer network without a certificate is refused" refused none
  check "the lab's CA-signed client certificate (not on allowed_identities) is refused" refused client
else
  log "SKIPPED peer-port checks: node1 does not serve 6335 in this build (a member certificate cannot connect either)"
fi
if [ "$CLUSTER" = 1 ]; then
  # A whole Citadel node that is not a member: same image, same CA, the lab's client certificate as its identity.
  log "a non-member Citadel container tries to join through node1"
  intruder_log="$(mktemp)"
  set +e
  timeout 120 docker run --rm --name citadel-lab-intruder --network "${PROJECT}_peers" --read-only --tmpfs /tmp \
    -v "$LAB_DIR/certs/client/cert.pem:/qdrant/tls/cert.pem:ro" -v "$LAB_DIR/certs/client/key.pem:/qdrant/tls/key.pem:ro" \
    -v "$LAB_DIR/certs/ca.pem:/qdrant/tls/cacert.pem:ro" --tmpfs /qdrant/storage:uid=1000,gid=1000 \
    -e QDRANT__SERVICE__API_KEY=intruder-key-intruder-key-intruder -e QDRANT__CLUSTER__ENABLED=true \
    -e QDRANT__CLUSTER__P2P__ENABLE_TLS=true -e QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES='*.peers.citadel.lab' \
    "$CITADEL_IMAGE" --bootstrap https://node1.peers.citadel.lab:6335 --uri https://lab-client:6335 >"$intruder_log" 2>&1
  intruder_exit=$?
  docker rm -f citadel-lab-intruder >/dev/null 2>&1 || true
  set -e
  tail -n 1 "$intruder_log" | cut -c1-300 | sed 's/^/    intruder: /'
  check "the non-member node fails to join (exit $intruder_exit), refused by the bootstrap peer" \
    bash -c "[ $intruder_exit -ne 0 ] && grep -qi 'bootstrap peer' '$intruder_log'"
  rm -f "$intruder_log"
  check "the cluster still has exactly 3 peers" test "$(peers node1)" = 3
fi

if [ -n "${DOWN:-}" ]; then
  log "taking the lab down"
  compose down -v >/dev/null 2>&1 || true
else
  log "the lab is still running: docker-compose -f compose/docker-compose.yml -p $PROJECT down -v"
fi
summary
