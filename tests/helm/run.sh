#!/usr/bin/env bash
# Deployment checks that need no docker daemon, counted by ./test.sh:
#   * helm/citadel rendered with the Go text/template + sprig renderer (tests/helm/renderer), every manifest
#     validated against the Kubernetes / cert-manager schemas (kubernetes-models) and asserted on (chart.test.mjs)
#   * pod 0 started from the rendered args and env (rendered-node.test.mjs; needs the built node)
#   * compose/gen-certs.sh output and `docker-compose config` of the lab (compose.test.mjs)
#   * shellcheck of every shell script of the deployment and of test.sh
# Needs: node/npm, go + golang-github-masterminds-sprig-dev + golang-k8s-sigs-yaml-dev, openssl, shellcheck,
# docker-compose (./test.sh installs them). Last line: `N passed, M failed`.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here" || exit 1

passed=0
failed=0

echo "--> npm ci (tests/helm)"
if ! npm ci --no-audit --no-fund --loglevel=error; then
  echo "npm ci failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "--> node --test (chart, rendered node, compose)"
out="$(mktemp)"
node --test --test-reporter=tap chart.test.mjs rendered-node.test.mjs compose.test.mjs 2>&1 | tee "$out"
code=${PIPESTATUS[0]}
p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out" | tail -n 1)"
f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out" | tail -n 1)"
c="$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$out" | tail -n 1)"
rm -f "$out"
if [ -z "$p" ]; then
  echo "node --test printed no summary (exit $code): counted as 1 failure"
  p=0 f=1 c=0
fi
f=$(( ${f:-0} + ${c:-0} ))
if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
passed=$((passed + p))
failed=$((failed + f))

echo "--> shellcheck"
scripts=("$repo"/deploy/*.sh "$repo"/compose/*.sh "$here"/*.sh "$here"/renderer/*.sh "$repo/test.sh")
if command -v shellcheck >/dev/null 2>&1; then
  for script in "${scripts[@]}"; do
    if (cd "$(dirname "$script")" && shellcheck -x "$(basename "$script")"); then
      echo "ok shellcheck ${script#"$repo"/}"
      passed=$((passed + 1))
    else
      echo "not ok shellcheck ${script#"$repo"/}"
      failed=$((failed + 1))
    fi
  done
else
  echo "shellcheck is not installed (apt-get install -y shellcheck): counted as 1 failure"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
