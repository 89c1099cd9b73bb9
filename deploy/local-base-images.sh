#!/usr/bin/env bash
# Builds local stand-ins for Microsoft's base images, for machines that cannot pull from a registry:
#
#   citadel-local/runtime-deps:10.0  a minimal Debian bookworm root filesystem (debootstrap) with the native
#                                    libraries a self-contained .NET app needs (what runtime-deps carries)
#   citadel-local/sdk:10.0           the same plus the host's .NET SDK (copied from the host's dotnet root) and
#                                    the host's CA bundle (NuGet restore must trust what the host trusts)
#
# Then build the image with them:
#   docker build -f deploy/Dockerfile \
#     --build-arg SDK_IMAGE=citadel-local/sdk:10.0 \
#     --build-arg RUNTIME_IMAGE=citadel-local/runtime-deps:10.0 -t citadel:local .
#
# Needs root, debootstrap and a running docker daemon. Re-running reuses the debootstrapped tree
# (delete $ROOTFS to start over). Environment: MIRROR (Debian mirror), SUITE (default bookworm),
# ROOTFS (work directory), DOTNET_ROOT_DIR (host .NET root, default: where `dotnet` lives), TAG_PREFIX.
set -euo pipefail

MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SUITE="${SUITE:-bookworm}"
ROOTFS="${ROOTFS:-/var/tmp/citadel-rootfs-$SUITE}"
TAG_PREFIX="${TAG_PREFIX:-citadel-local}"
RUNTIME_TAG="$TAG_PREFIX/runtime-deps:10.0"
SDK_TAG="$TAG_PREFIX/sdk:10.0"

log() { printf '==> %s\n' "$*"; }

if [ "$(id -u)" != 0 ]; then
  echo "run as root (debootstrap needs it)" >&2
  exit 1
fi
for tool in debootstrap docker; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is missing: apt-get install -y debootstrap docker.io" >&2
    exit 1
  fi
done
if ! docker info >/dev/null 2>&1; then
  echo "the docker daemon is not running (start it with: setsid dockerd >/var/log/dockerd.log 2>&1 &)" >&2
  exit 1
fi

# The same libraries as Microsoft's runtime-deps image (ICU is left out: Citadel runs with invariant globalization).
PACKAGES="ca-certificates,libc6,libgcc-s1,libssl3,libstdc++6,tzdata,zlib1g"

if [ ! -f "$ROOTFS/.citadel-complete" ]; then
  log "debootstrap $SUITE (minbase) into $ROOTFS"
  rm -rf "$ROOTFS"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR"
  # Nothing of apt's state is needed in a base image.
  rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb \
    "$ROOTFS"/var/log/*.log "$ROOTFS"/tmp/*
  touch "$ROOTFS/.citadel-complete"
else
  log "reusing $ROOTFS"
fi

log "importing $RUNTIME_TAG"
tar --numeric-owner --exclude=./.citadel-complete -C "$ROOTFS" -c . \
  | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
      --change 'CMD ["/bin/bash"]' \
      - "$RUNTIME_TAG" >/dev/null

DOTNET_ROOT_DIR="${DOTNET_ROOT_DIR:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
if [ ! -x "$DOTNET_ROOT_DIR/dotnet" ] || [ ! -d "$DOTNET_ROOT_DIR/sdk" ]; then
  echo "no .NET SDK at $DOTNET_ROOT_DIR (set DOTNET_ROOT_DIR)" >&2
  exit 1
fi

log "building $SDK_TAG from $RUNTIME_TAG and the host SDK in $DOTNET_ROOT_DIR"
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp -a "$DOTNET_ROOT_DIR" "$context/dotnet"
# The build stage restores NuGet packages: give it the host's locally added CAs, so that it works wherever the
# host does (e.g. behind an egress proxy with its own CA), and the host's NUGET_CERT_REVOCATION_MODE. Only the
# SDK image gets them, never the runtime image.
mkdir -p "$context/extra-ca"
if [ -d /usr/local/share/ca-certificates ]; then
  cp -a /usr/local/share/ca-certificates/. "$context/extra-ca/"
fi
cat >"$context/Dockerfile" <<DOCKERFILE
FROM $RUNTIME_TAG
COPY dotnet /usr/share/dotnet
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \\
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \\
    DOTNET_NOLOGO=1 \\
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \\
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \\
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}
DOCKERFILE
docker build -q -t "$SDK_TAG" "$context" >/dev/null

docker image ls "$TAG_PREFIX/*"
log "done: pass --build-arg SDK_IMAGE=$SDK_TAG --build-arg RUNTIME_IMAGE=$RUNTIME_TAG to docker build"
