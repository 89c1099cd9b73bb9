#!/usr/bin/env bash
# Builds Citadel and runs every test project. Works on a fresh Debian machine with the .NET SDK: installs Node.js
# and the official Qdrant JS clients (tests/js, from package-lock.json) when they are missing.
# The last line printed is the total over all test projects: `N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")"

CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$PWD/TestResults"

log() { printf '==> %s\n' "$*"; }

# ---- tools ----------------------------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet (the .NET 10 SDK) is required but not installed" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The security doc examples run curl.
if ! command -v curl >/dev/null 2>&1; then
  log "installing curl"
  apt_install curl
fi

# The durability tests stop nodes with `kill -TERM` (procps).
if ! type -P kill >/dev/null; then
  log "installing procps (kill)"
  apt_install procps
fi

node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    && node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=18)?0:1)'
}
if ! node_ok; then
  log "installing Node.js and npm (Node >= 20.18 is needed by the Qdrant JS clients)"
  apt_install nodejs npm
  if ! node_ok && command -v npm >/dev/null 2>&1; then
    # Debian 12 ships Node 18; the npm registry's `node` package carries a newer binary.
    log "Debian's Node.js is too old; installing node@22 from the npm registry"
    npm install -g --no-audit --no-fund --loglevel=error node@22
    hash -r
  fi
  if ! node_ok; then
    echo "Node.js $(node --version 2>/dev/null || echo missing) is too old; Node >= 20.18 is required" >&2
    exit 1
  fi
fi

# The deployment checks (tests/helm/run.sh) render the helm chart with Go's text/template and sprig from Debian's
# packages, lint the scripts with shellcheck, and validate the compose lab with Debian's docker-compose (no daemon).
deploy_packages=()
command -v go >/dev/null 2>&1 || deploy_packages+=(golang-go)
[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] || deploy_packages+=(golang-github-masterminds-sprig-dev)
[ -d /usr/share/gocode/src/sigs.k8s.io/yaml ] || deploy_packages+=(golang-k8s-sigs-yaml-dev)
command -v shellcheck >/dev/null 2>&1 || deploy_packages+=(shellcheck)
command -v docker-compose >/dev/null 2>&1 || deploy_packages+=(docker-compose)
command -v openssl >/dev/null 2>&1 || deploy_packages+=(openssl)
if [ "${#deploy_packages[@]}" -gt 0 ]; then
  log "installing ${deploy_packages[*]} (deployment checks)"
  apt_install "${deploy_packages[@]}"
fi

log "installing the official Qdrant JS clients (npm ci in tests/js)"
(cd tests/js && npm ci --no-audit --no-fund --loglevel=error)

# ---- build ----------------------------------------------------------------------------------------------------
# One configuration for everything: the integration tests start src/Node/bin/$CONFIGURATION/net10.0/citadel.dll.
log "building Cluster.sln ($CONFIGURATION)"
dotnet build Cluster.sln -c "$CONFIGURATION" -nologo

# ---- test -----------------------------------------------------------------------------------------------------
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
passed=0
failed=0
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  trx="$name.trx"
  log "testing $name"
  set +e
  dotnet test "$project" -c "$CONFIGURATION" --no-build -nologo \
    --results-directory "$RESULTS" \
    --logger "trx;LogFileName=$trx" \
    --logger "console;verbosity=normal"
  code=$?
  set -e

  counters="$(grep -o '<Counters [^>]*>' "$RESULTS/$trx" 2>/dev/null || true)"
  count() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p="$(count passed)"
  f=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
  if [ -z "$counters" ]; then
    echo "no test report for $name (dotnet test exited with $code): counted as 1 failure"
    f=1
  elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "dotnet test for $name exited with $code although no test failed: counted as 1 failure"
    f=1
  fi
  echo "$name: $p passed, $f failed"
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$f" -ne 0 ]; then status=1; fi
done

# ---- deployment checks (no docker daemon needed; compose/verify.sh is the docker-backed check) -----------------
log "deployment checks (tests/helm/run.sh: helm chart render + schema, rendered pod 0, compose definition, shellcheck)"
set +e
CONFIGURATION="$CONFIGURATION" tests/helm/run.sh 2>&1 | tee "$RESULTS/deploy.log"
code=${PIPESTATUS[0]}
set -e
summary_line="$(tail -n 1 "$RESULTS/deploy.log")"
p="$(printf '%s' "$summary_line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')"
f="$(printf '%s' "$summary_line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')"
if [ -z "$p" ]; then
  echo "no summary from tests/helm/run.sh (exit $code): counted as 1 failure"
  p=0
  f=1
elif [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
  echo "tests/helm/run.sh exited with $code although no check failed: counted as 1 failure"
  f=1
fi
echo "Deployment: $p passed, $f failed"
passed=$((passed + p))
failed=$((failed + f))
if [ "$f" -ne 0 ]; then status=1; fi

echo "$passed passed, $failed failed"
exit "$status"
