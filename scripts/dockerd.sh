#!/usr/bin/env bash
# A private Docker engine for the container runtime, by hand, in the demo and in the Go tests
# (worker/runtime/enginetest runs this script):
#   scripts/dockerd.sh start DIR   start dockerd with its data root, exec root, pidfile and socket
#                                  under DIR, import a busybox image from Debian's busybox-static,
#                                  and print the socket and the image id (sha256:...)
#   scripts/dockerd.sh stop DIR    stop it by its pid and remove DIR
# Needs root, dockerd (Debian docker.io) and /bin/busybox (busybox-static): make deps installs them.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

case "$cmd" in
start)
  command -v dockerd >/dev/null || { echo "dockerd is not installed: run make deps (Debian package docker.io)" >&2; exit 1; }
  [ -x /bin/busybox ] || { echo "/bin/busybox is missing: run make deps (Debian package busybox-static)" >&2; exit 1; }
  mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
  ns=ionet-$(basename "$dir")
  dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" --host "unix://$dir/docker.sock" \
    --containerd-namespace "$ns" --containerd-plugins-namespace "$ns-plugins" \
    --bridge none --iptables=false --ip6tables=false --ip-masq=false --userland-proxy=false >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 300); do
    curl -sf --unix-socket "$dir/docker.sock" http://engine/_ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -sf --unix-socket "$dir/docker.sock" http://engine/_ping >/dev/null || { echo "dockerd did not start; its log:" >&2; tail -20 "$dir/dockerd.log" >&2; exit 1; }
  root=$(mktemp -d); trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/out" "$root/tmp"; chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in sh echo cat sleep yes head dd ls sha256sum wget ping id ulimit nproc mkdir; do ln -s busybox "$root/bin/$applet"; done
  image=$(tar -C "$root" -c . | curl -sf --unix-socket "$dir/docker.sock" -H 'Content-Type: application/x-tar' \
    --data-binary @- 'http://engine/v1.41/images/create?fromSrc=-&repo=ionet/busybox&tag=1' | grep -o 'sha256:[0-9a-f]\{64\}' | tail -1)
  [ -n "$image" ] || { echo "importing the busybox image failed" >&2; exit 1; }
  echo "socket $dir/docker.sock"
  echo "image $image"
  ;;
stop)
  [ -d "$dir" ] || exit 0
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/dockerd.pid" ]; then
    pid=$(cat "$dir/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  grep -o " $dir/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
