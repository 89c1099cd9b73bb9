#!/usr/bin/env bash
# Builds tests/helm/renderer into $1 (default: tests/helm/.bin/helm-render) from Debian's Go packages, offline:
#   apt-get install -y golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev
# (GOPATH mode over /usr/share/gocode, where Debian installs Go library sources; no module download.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../.bin/helm-render}"
mkdir -p "$(dirname "$out")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/citadel/helm-render"
cp "$here/main.go" "$work/src/citadel/helm-render/"
# Debian installs module-versioned libraries without their /vN suffix; GOPATH mode needs the suffixed path.
for versioned in github.com/Masterminds/sprig/v3 github.com/Masterminds/semver/v3; do
  mkdir -p "$work/src/$(dirname "$versioned")"
  ln -s "/usr/share/gocode/src/$(dirname "$versioned")" "$work/src/$versioned"
done
cd "$work/src/citadel/helm-render"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="${GOCACHE:-$work/cache}" GOFLAGS='' \
  go build -o "$out" .
