# Shared helpers of compose/verify.sh and compose/rotate-keys.sh (sourced, not run).
# shellcheck shell=bash

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="${COMPOSE_PROJECT_NAME:-citadel-lab}"
export CITADEL_IMAGE="${CITADEL_IMAGE:-citadel:local}"
CA="$LAB_DIR/certs/ca.pem"
declare -A REST_PORT=([node1]=6333 [node2]=6343 [node3]=6353)

passed=0
failed=0
failures=()

compose() { docker-compose -f "$LAB_DIR/docker-compose.yml" -p "$PROJECT" "$@"; }

log() { printf '==> %s\n' "$*"; }

# check NAME COMMAND...: runs the command, counts it as passed when it exits 0.
check() {
  local name="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    printf '  ok    %s\n' "$name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '  FAIL  %s\n' "$name"
  fi
}

summary() {
  if [ "${#failures[@]}" -gt 0 ]; then
    printf 'failed: %s\n' "${failures[@]}"
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

load_keys() {
  # shellcheck disable=SC1091
  set -a && . "$LAB_DIR/keys.env" && set +a
}

# status NODE METHOD PATH [KEY] [BODY]: prints the HTTP status of an HTTPS request verified against the lab CA.
status() {
  local node="$1" method="$2" path="$3" key="${4:-}" body="${5:-}"
  local args=(-sS -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$CA" -X "$method")
  if [ -n "$key" ]; then args+=(-H "api-key: $key"); fi
  if [ -n "$body" ]; then args+=(-H 'content-type: application/json' -d "$body"); fi
  curl "${args[@]}" "https://localhost:${REST_PORT[$node]}$path" || true
}

# body NODE METHOD PATH KEY [BODY]: prints the response body.
body() {
  local node="$1" method="$2" path="$3" key="$4" data="${5:-}"
  local args=(-sS --max-time 10 --cacert "$CA" -X "$method" -H "api-key: $key")
  if [ -n "$data" ]; then args+=(-H 'content-type: application/json' -d "$data"); fi
  curl "${args[@]}" "https://localhost:${REST_PORT[$node]}$path"
}

# wait_healthy NODE...: waits until docker reports the containers healthy (the image's HEALTHCHECK on /readyz).
wait_healthy() {
  local node id state
  for node in "$@"; do
    for _ in $(seq 1 90); do
      id="$(compose ps -q "$node" 2>/dev/null || true)"
      state="$( [ -n "$id" ] && docker inspect -f '{{.State.Health.Status}}' "$id" 2>/dev/null || echo starting)"
      [ "$state" = healthy ] && break
      sleep 2
    done
    if [ "$state" != healthy ]; then
      echo "$node did not become healthy ($state); its log:" >&2
      compose logs --tail 40 "$node" >&2 || true
      return 1
    fi
  done
}
