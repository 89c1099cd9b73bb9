#!/usr/bin/env bash
# The vector-index benchmark: Citadel's HNSW against hnswlib-node on the same data, in one invocation.
# Installs what it needs: Debian's python3-matplotlib for the plot (apt, no PyPI) and hnswlib-node (npm; it builds
# from source with node-gyp). Results: docs/benchmarks/hnsw-results.json, docs/benchmarks/hnsw-recall-qps.png and
# a markdown summary on stdout (copied into docs/benchmarks.md by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-matplotlib
fi
# The npm build has no -march flags, so hnswlib would fall back to SSE kernels; rebuild it for this CPU (AVX2/FMA) so
# it is compared at its best, as Citadel's kernels use AVX2/FMA too.
(cd bench/hnswlib && npm install --no-audit --no-fund && CXXFLAGS="-O3 -march=native" npm rebuild hnswlib-node)
dotnet run -c Release --project bench/Citadel.Bench -- ann "$@"
