#!/usr/bin/env bash
# Builds the Citadel image.
#
#   deploy/build-image.sh                 # SDK build stage in docker (needs NuGet access from the build container)
#   deploy/build-image.sh --prebuilt      # publish on the host, then only copy into the runtime image
#
# Environment: IMAGE (default citadel:local), SDK_IMAGE / RUNTIME_IMAGE (base images; default: the local
# stand-ins from deploy/local-base-images.sh when they exist, else Microsoft's), RID (default linux-x64).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${IMAGE:-citadel:local}"
RID="${RID:-linux-x64}"
mode=sdk
if [ "${1:-}" = "--prebuilt" ]; then mode=prebuilt; fi

default_base() {
  if docker image inspect "$1" >/dev/null 2>&1; then echo "$1"; else echo "$2"; fi
}
SDK_IMAGE="${SDK_IMAGE:-$(default_base citadel-local/sdk:10.0 mcr.microsoft.com/dotnet/sdk:10.0)}"
RUNTIME_IMAGE="${RUNTIME_IMAGE:-$(default_base citadel-local/runtime-deps:10.0 mcr.microsoft.com/dotnet/runtime-deps:10.0)}"

args=(--build-arg "SDK_IMAGE=$SDK_IMAGE" --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" --build-arg "RID=$RID")
if [ "$mode" = prebuilt ]; then
  echo "==> publishing on the host ($RID, self-contained) into deploy/.prebuilt/app"
  rm -rf deploy/.prebuilt/app
  dotnet publish src/Node/Node.csproj -c Release -r "$RID" --self-contained -o deploy/.prebuilt/app -nologo
  dotnet publish deploy/healthcheck/Healthcheck.csproj -c Release -r "$RID" --self-contained -o deploy/.prebuilt/app -nologo
  test -x deploy/.prebuilt/app/citadel && test -x deploy/.prebuilt/app/citadel-healthcheck
  args+=(--target prebuilt)
fi

echo "==> docker build ($mode) -> $IMAGE (runtime base $RUNTIME_IMAGE${mode:+, sdk $SDK_IMAGE})"
docker build -f deploy/Dockerfile "${args[@]}" -t "$IMAGE" .
docker image ls "$IMAGE"
