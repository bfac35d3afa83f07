#!/usr/bin/env bash
# Wall time of `dockward host` (the daemon's facts, then every container inspected and
# audited) on this machine's Docker daemon with 50 containers of varied settings. Prints
# Markdown that can be pasted into docs/benchmarks.md ("Live host audit").
#
# Usage: bench/bench-host.sh
# Environment (defaults in brackets):
#   DOCKWARD           dockward binary [<repo>/target/release/dockward]
#   DOCKWARD_BASELINE  a second binary timed in the same hyperfine run (e.g. an older build) []
#   CONTAINERS         containers to create [50]
#   RUNS / WARMUP      hyperfine runs / warm-up runs [10 / 2]
#   BENCH_NO_INSTALL   1 = never apt-get install hyperfine
#   OUT                output directory [<repo>/bench/out/bench-host]
#
# Needs a Docker daemon (DOCKER_HOST etc. as for the docker CLI; dockward connects the same
# way) and a statically linked busybox (/bin/busybox, apt-get install busybox-static): the
# image is built FROM scratch, nothing is pulled. Everything created is named with the prefix
# dockward-bench-<pid>- and removed on exit (also on failure or Ctrl-C). The daemon may be
# shared: the script never removes anything it did not create, and reports the daemon-wide
# container count at measuring time, which is what `dockward host` audits.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$REPO_ROOT"

DOCKWARD="${DOCKWARD:-$REPO_ROOT/target/release/dockward}"
DOCKWARD_BASELINE="${DOCKWARD_BASELINE:-}"
CONTAINERS="${CONTAINERS:-50}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-2}"
OUT="${OUT:-$BENCH_DIR/out/bench-host}"

case "${1:-}" in
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")"; exit 0 ;;
    "") ;;
    *) echo "unknown argument: $1" >&2; exit 64 ;;
esac

if [[ ! -x "$DOCKWARD" ]]; then
    echo "bench-host: $DOCKWARD not found (cargo build --release -p dockward)" >&2
    exit 1
fi
if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    echo "bench-host: the Docker daemon does not answer (docker version); skipping." >&2
    exit 0
fi
BUSYBOX=""
# Static = a 64-bit little-endian ELF without a PT_INTERP program header, so it runs in a
# FROM scratch image.
is_static_elf() {
    python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
ok = len(b) >= 64 and b[:4] == b"\x7fELF" and b[4] == 2 and b[5] == 1
if ok:
    phoff, = struct.unpack_from("<Q", b, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", b, 0x36)
    ok = all(struct.unpack_from("<I", b, phoff + i * phentsize)[0] != 3 for i in range(phnum))
sys.exit(0 if ok else 1)
PY
}
for b in /bin/busybox /usr/bin/busybox; do
    if [[ -x $b ]] && is_static_elf "$b"; then BUSYBOX=$b; break; fi
done
if [[ -z $BUSYBOX ]]; then
    echo "bench-host: no statically linked busybox (apt-get install busybox-static)" >&2
    exit 1
fi
if ! command -v hyperfine >/dev/null 2>&1; then
    if [[ "${BENCH_NO_INSTALL:-0}" != 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "bench-host: installing hyperfine (apt-get)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true
    fi
    command -v hyperfine >/dev/null 2>&1 || { echo "bench-host: hyperfine is required" >&2; exit 1; }
fi

PREFIX="dockward-bench-$$-"
IMAGE="dockward-bench-$$/busybox:1.0"
BUILD="$(mktemp -d)"
cleanup() {
    local ids
    ids="$(docker ps -aq --filter "name=^/${PREFIX}" 2>/dev/null || true)"
    # shellcheck disable=SC2086  # one argument per ID
    [[ -n $ids ]] && docker rm -f -v $ids >/dev/null 2>&1
    docker rmi -f "$IMAGE" >/dev/null 2>&1 || true
    rm -rf "$BUILD"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
cp "$BUSYBOX" "$BUILD/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nCMD ["/bin/busybox", "sleep", "3600"]\n' >"$BUILD/Dockerfile"
docker build -q -t "$IMAGE" "$BUILD" >/dev/null 2>"$OUT/docker-build.log" || { cat "$OUT/docker-build.log" >&2; exit 1; }

# Ten kinds of container, cycled: the settings the container rules look at.
variant() { # $1 = index; sets OPTS
    case $(($1 % 10)) in
        0) OPTS=() ;;                                             # defaults
        1) OPTS=(--privileged) ;;
        2) OPTS=(-p 80 -p 127.0.0.1::443) ;;                      # ephemeral host ports
        3) OPTS=(--memory 64m --cpus 0.5 --pids-limit 64) ;;
        4) OPTS=(-e DB_PASSWORD=hunter2 -e APP_ENV=production) ;;
        5) OPTS=(--read-only --cap-drop ALL --security-opt no-new-privileges:true --user 10001:10001) ;;
        6) OPTS=(--cap-add NET_ADMIN --security-opt seccomp=unconfined) ;;
        7) OPTS=(-v /var/run/docker.sock:/var/run/docker.sock:ro) ;;
        8) OPTS=(--network host --pid host) ;;
        9) OPTS=(--restart on-failure:3 --health-cmd "/bin/busybox true" --log-opt max-size=10m --log-opt max-file=3) ;;
    esac
}
started=0
echo "bench-host: creating $CONTAINERS containers ($PREFIX*)" >&2
for ((i = 0; i < CONTAINERS; i++)); do
    variant "$i"
    docker create --name "${PREFIX}$i" --label "dockward-bench=$$" ${OPTS[@]+"${OPTS[@]}"} "$IMAGE" >/dev/null
    # A container the sandbox cannot start (e.g. --privileged without the capabilities to
    # grant) stays `created`: it is audited all the same.
    if docker start "${PREFIX}$i" >/dev/null 2>&1; then started=$((started + 1)); fi
done
ours="$(docker ps -aq --filter "name=^/${PREFIX}" | wc -l)"
total="$(docker ps -aq | wc -l)"

# One un-timed run: the audit must succeed and see at least our containers.
check="$OUT/check.json"
"$DOCKWARD" host --no-config --format json --fail-on none -o "$check"
audited="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["files_scanned"])' "$check")"
findings="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$check")"
if ((audited < ours)); then
    echo "bench-host: dockward audited $audited containers, fewer than the $ours created" >&2
    exit 1
fi

# `--fail-on none`: findings do not make the exit code non-zero (hyperfine would stop), an
# unreachable daemon still does.
cmds=(-n dockward "$DOCKWARD host --no-config --format json -o /dev/null --fail-on none")
[[ -n $DOCKWARD_BASELINE ]] && cmds+=(-n baseline "$DOCKWARD_BASELINE host --no-config --format json -o /dev/null --fail-on none")
hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$OUT/hyperfine.json" "${cmds[@]}" >&2
total_after="$(docker ps -aq | wc -l)"

python3 - "$OUT/hyperfine.json" <<PY
import json, sys
res = json.load(open(sys.argv[1]))["results"]
print("## Live host audit")
print()
print("- command: \`dockward host --no-config --format json -o /dev/null --fail-on none\` (hyperfine --warmup $WARMUP --runs $RUNS)")
print("- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: nproc = $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average at start $(cut -d' ' -f1-3 /proc/loadavg)")
print("- daemon: Docker Engine $(docker version --format '{{.Server.Version}}') (API $(docker version --format '{{.Server.APIVersion}}')), $(docker info --format '{{.Driver}}') storage")
print("- dockward: $("$DOCKWARD" --version 2>&1 | head -n1), commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')")
print("- containers: $ours created by the script ($started running, the rest could not start here and stay \`created\`); $total on the daemon when measuring ($total_after after), $audited audited, $findings findings")
print()
print("| binary | mean ± σ | min | max | target |")
print("|---|---|---|---|---|")
for r in res:
    ms = lambda s: f"{s * 1000:.1f} ms"
    print(f"| {r['command']} | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['min'])} | {ms(r['max'])} | < 2 s |")
PY
