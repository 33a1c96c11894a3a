#!/usr/bin/env bash
# Starts an image tarball's entrypoint the way a container runtime would (its layers unpacked in order
# into a root filesystem, its environment, user and working directory from its config), with no Docker
# engine: chroot, as the image's own unprivileged user. Passes when /health/live answers within 60 s.
# A service that needs PostgreSQL and Kafka is started without them instead, and passes when it stops
# with its clear start-up message (--expect-exit TEXT): its runtime, classpath and configuration work.
# Needs root (for chroot and mounting /proc).
#
#   deploy/images/smoke-test.sh [--expect-exit TEXT] <image tarball> [extra environment NAME=value ...]
set -euo pipefail
expected_exit=
if [ "${1:-}" = --expect-exit ]; then
  expected_exit=$2
  shift 2
fi
tarball=$(readlink -f "${1:?usage: smoke-test.sh [--expect-exit TEXT] <image tarball> [NAME=value ...]}")
shift
work=$(mktemp -d)
rootfs="$work/rootfs"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  umount "$rootfs/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$rootfs"
tar -xf "$tarball" -C "$work"
chroot=$(command -v chroot)
# manifest.json lists the config and the layers, bottom first.
read -r config layers < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))[0]; print(m["Config"], " ".join(m["Layers"]))' "$work/manifest.json")
for layer in $layers; do
  tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$rootfs"
done
mapfile -t settings < <(python3 - "$work/$config" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["config"]
print(c.get("User", "0"))
print(c.get("WorkingDir") or "/")
print("\x1f".join(c.get("Env", [])))
print("\x1f".join((c.get("Entrypoint") or []) + (c.get("Cmd") or [])))
PY
)
user=${settings[0]}
workdir=${settings[1]}
IFS=$'\x1f' read -r -a environment <<< "${settings[2]}"
IFS=$'\x1f' read -r -a entrypoint <<< "${settings[3]}"
case "$user" in 0|root|0:0) echo "the image runs as root" >&2; exit 1 ;; esac
mkdir -p "$rootfs/proc"
mount --bind /proc "$rootfs/proc"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log="$work/output.log"
# Distroless: nothing to run in the image but the JVM.
if "$chroot" --userspec="$user" "$rootfs" /bin/sh -c true 2>/dev/null; then
  echo "the image has a shell; it should not" >&2
  exit 1
fi
env -i "${environment[@]}" HTTP_PORT="$port" "$@" \
  "$chroot" --userspec="$user" "$rootfs" "${entrypoint[@]}" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if python3 -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "http://127.0.0.1:$port/health/live" 2>/dev/null; then
    echo "$(basename "$(dirname "$(dirname "$tarball")")"): $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["RepoTags"][0])' "$work/manifest.json") answers /health/live as user $user"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    if [ -n "$expected_exit" ] && grep -qF "$expected_exit" "$log"; then
      echo "$(basename "$(dirname "$(dirname "$tarball")")"): stopped as expected as user $user: $(grep -F "$expected_exit" "$log" | head -1)"
      pid=
      exit 0
    fi
    break
  fi
  sleep 1
done
echo "the image did not answer /health/live; its output:" >&2
cat "$log" >&2
exit 1
