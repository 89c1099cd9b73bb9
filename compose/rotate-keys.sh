#!/usr/bin/env bash
# Tests the admin-key rotation runbook of docs/deploy.md on the running compose lab (compose/verify.sh leaves it up):
#
#   1. alt_api_key = NEW on every node, one node at a time   -> OLD and NEW both work; no client is cut off
#   2. clients switch to NEW                                  -> NEW works on every node
#   3. api_key = NEW, alt_api_key cleared, one node at a time -> OLD stops working node by node
#   4. OLD -> 401 everywhere; JWTs signed with OLD -> 403; JWTs signed with NEW -> 200; data survived the restarts
#
# keys.env is rewritten as the runbook says (a copy of the original is kept as keys.env.before-rotation).
# Ends with `N passed, M failed`.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
cd "$LAB_DIR"

[ -f keys.env ] || { echo "no keys.env: run compose/verify.sh first" >&2; exit 1; }
load_keys
OLD="$QDRANT__SERVICE__API_KEY"
READ_ONLY="$QDRANT__SERVICE__READ_ONLY_API_KEY"
NEW="$(openssl rand -hex 32)"
NODES=(node1 node2 node3)
wait_healthy "${NODES[@]}" || { echo "the lab is not up: run compose/verify.sh first" >&2; exit 1; }
points_before="$(body node1 GET /collections/lab "$OLD" | grep -o '"points_count":[0-9]*' || true)"
cp keys.env keys.env.before-rotation

jwt() { (cd js && CITADEL_API_KEY="$1" node lab.mjs jwt '{"access":"r"}' 600); }
write_keys() { # write_keys API_KEY [ALT_KEY]
  {
    echo "# Rotated by rotate-keys.sh on $(date -u +%FT%TZ)."
    echo "QDRANT__SERVICE__API_KEY=$1"
    if [ -n "${2:-}" ]; then echo "QDRANT__SERVICE__ALT_API_KEY=$2"; fi
    echo "QDRANT__SERVICE__READ_ONLY_API_KEY=$READ_ONLY"
  } >keys.env
}
restart() { # recreate one node with the new keys.env and wait for it
  compose up -d --no-deps "$1" >/dev/null 2>&1
  wait_healthy "$1"
}

log "step 1: alt_api_key = NEW, rolling"
write_keys "$OLD" "$NEW"
for i in "${!NODES[@]}"; do
  node="${NODES[$i]}"
  restart "$node"
  check "$node restarted: OLD key works" test "$(status "$node" GET /collections "$OLD")" = 200
  check "$node restarted: NEW key works (alt_api_key)" test "$(status "$node" GET /collections "$NEW")" = 200
  for other in "${NODES[@]:$((i + 1))}"; do
    check "$other not restarted yet: OLD key still works" test "$(status "$other" GET /collections "$OLD")" = 200
  done
done

log "step 2: clients use NEW"
for node in "${NODES[@]}"; do
  check "$node: NEW key writes (create+delete a scratch collection)" \
    bash -c "[ \"\$(cd '$LAB_DIR' && . ./lib.sh && status $node PUT /collections/rotation-$node '$NEW' '{\"vectors\":{\"size\":2,\"distance\":\"Dot\"}}')\" = 200 ] \
      && [ \"\$(cd '$LAB_DIR' && . ./lib.sh && status $node DELETE /collections/rotation-$node '$NEW')\" = 200 ]"
  check "$node: JWT signed with NEW is accepted" test "$(status "$node" GET /collections "$(jwt "$NEW")")" = 200
done

log "step 3: api_key = NEW, alt_api_key cleared, rolling"
write_keys "$NEW"
for i in "${!NODES[@]}"; do
  node="${NODES[$i]}"
  restart "$node"
  check "$node restarted: OLD key -> 401" test "$(status "$node" GET /collections "$OLD")" = 401
  check "$node restarted: NEW key works" test "$(status "$node" GET /collections "$NEW")" = 200
  for other in "${NODES[@]:$((i + 1))}"; do
    check "$other not restarted yet: NEW key works" test "$(status "$other" GET /collections "$NEW")" = 200
  done
done

log "step 4: the old key is gone everywhere"
old_jwt="$(jwt "$OLD")"
for node in "${NODES[@]}"; do
  check "$node: OLD key -> 401" test "$(status "$node" GET /collections "$OLD")" = 401
  check "$node: JWT signed with OLD -> 403" test "$(status "$node" GET /collections "$old_jwt")" = 403
  check "$node: read-only key unaffected" test "$(status "$node" GET /collections "$READ_ONLY")" = 200
done
if [ -n "$points_before" ]; then
  for node in "${NODES[@]}"; do
    check "$node: collection 'lab' survived the rolling restarts ($points_before)" \
      bash -c "cd '$LAB_DIR' && . ./lib.sh && body $node GET /collections/lab '$NEW' | grep -q '$points_before'"
  done
fi
if body node1 GET /cluster "$NEW" | grep -q '"status":"enabled"'; then
  for node in "${NODES[@]}"; do
    check "$node: still a cluster of 3 after the rolling restarts" \
      bash -c "cd '$LAB_DIR' && . ./lib.sh && [ \"\$(body $node GET /cluster '$NEW' | grep -o '\"uri\"' | wc -l)\" = 3 ]"
  done
fi
log "keys.env now holds the new key (old file: keys.env.before-rotation)"
summary
