#!/usr/bin/env bash
# Wall time and peak RSS of dockward vs compose-lint, side by side, on the
# shared Compose corpus. Prints Markdown that can be pasted into docs/benchmarks.md.
#
# Usage: bench/bench-compose.sh [--quick] [--no-per-file]
#   --quick           3 runs per command instead of RUNS, no per-file compose-lint run
#   --no-per-file     skip compose-lint one process per file (xargs -n1 -P$(nproc), ~3 min a run)
# Environment (defaults in brackets):
#   CORPUS            Compose directory [<repo>/../shared/corpus/compose]
#   DOCKWARD          dockward binary [<repo>/target/release/dockward]; missing = compose-lint only
#   RUNS              timed runs of dockward and of the compose-lint batch ways [5] (+1 warm-up)
#   RUNS_PER_FILE     timed runs of compose-lint one process per file [1] (no warm-up)
#   BENCH_NO_INSTALL  1 = never apt-get install hyperfine / time
#   BENCH_TIMER=time  use the /usr/bin/time loop even when hyperfine is installed
#   OUT               output directory [<repo>/bench/out/bench-compose]
#   DOCKWARD_SCAN_ARGS extra `dockward scan` arguments [--no-config --no-ignore]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$REPO_ROOT"

CORPUS="${CORPUS:-$(dirname "$REPO_ROOT")/shared/corpus/compose}"
DOCKWARD="${DOCKWARD:-$REPO_ROOT/target/release/dockward}"
OUT="${OUT:-$BENCH_DIR/out/bench-compose}"
RUNS="${RUNS:-5}"
RUNS_PER_FILE="${RUNS_PER_FILE:-1}"
PER_FILE=1

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) RUNS=3; PER_FILE=0 ;;
        --no-per-file) PER_FILE=0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
    shift
done

if [[ ! -d "$CORPUS" ]]; then
    echo "bench-compose: corpus not found at $CORPUS (set CORPUS=...); skipping." >&2
    exit 0
fi
CORPUS="$(cd "$CORPUS" && pwd)"

# ------------------------------------------------------------------ tools
APT_UPDATED=0
ensure_pkg() { # $1 = command to look for, $2 = Debian package
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ "${BENCH_NO_INSTALL:-0}" != 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "bench-compose: installing $2 (apt-get)" >&2
        if [[ $APT_UPDATED == 0 ]]; then apt-get update -qq >&2 || true; APT_UPDATED=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || true
    fi
    command -v "$1" >/dev/null 2>&1
}
HAVE_HYPERFINE=1
if [[ "${BENCH_TIMER:-}" == time ]]; then
    HAVE_HYPERFINE=0
elif ! ensure_pkg hyperfine hyperfine; then
    HAVE_HYPERFINE=0
    echo "bench-compose: hyperfine not available, using /usr/bin/time" >&2
fi
if ! ensure_pkg /usr/bin/time time; then
    echo "bench-compose: /usr/bin/time is required (apt-get install time)" >&2
    exit 1
fi

export PATH="$BENCH_DIR/.venv/bin:$PATH"
if ! command -v compose-lint >/dev/null 2>&1; then
    "$BENCH_DIR/setup-venv.sh" >&2
fi
COMPOSE_LINT="$(command -v compose-lint)"
export NO_COLOR=1 NO_PAGER=1

HAVE_DOCKWARD=0
[[ -x "$DOCKWARD" ]] && HAVE_DOCKWARD=1
# defaults only (no dockward.toml discovery, every file), like compose-lint with an empty config
read -r -a DW_ARGS <<<"${DOCKWARD_SCAN_ARGS---no-config --no-ignore}"
DW_SCAN=("$DOCKWARD" scan --format json ${DW_ARGS[@]+"${DW_ARGS[@]}"})

NPROC="$(nproc)"
mkdir -p "$OUT"
rm -f "$OUT"/corpus--* "$OUT"/report.md "$OUT"/check-*.json
CL_CONFIG="$OUT/compose-lint-defaults.yml"   # explicit config = no .compose-lint.yml discovery
printf '{}\n' >"$CL_CONFIG"
CL_ARGS=(check --format json --config "$CL_CONFIG" --)

# File list in "project order": corpus-relative, sorted, and in each directory the
# override files (compose.override.yml, docker-compose.override.yml, ...) after
# the others. compose-lint then merges an override into the default file beside
# it and does not lint it a second time on its own: the projects dockward builds.
LIST="$OUT/corpus-files.nul"
(cd "$CORPUS" && find . -type f -print0) | python3 -c '
import sys
OV = {"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"}
files = [f[2:] if f.startswith("./") else f for f in sys.stdin.buffer.read().decode("utf-8", "surrogateescape").split("\0") if f]
def key(f):
    d, _, n = f.rpartition("/")
    return (d.encode("utf-8", "surrogateescape"), n in OV, n.encode("utf-8", "surrogateescape"))
sys.stdout.buffer.write("".join(f + "\0" for f in sorted(files, key=key)).encode("utf-8", "surrogateescape"))
' >"$LIST"
NFILES="$(tr -cd '\0' <"$LIST" | wc -c)"
(cd "$CORPUS" && xargs -0 cat -- <"$LIST" >/dev/null)   # warm the page cache
CHUNK=$(( (NFILES + NPROC - 1) / NPROC ))
NBATCH="$(cd "$CORPUS" && xargs -0 sh -c 'echo x' _ <"$LIST" | wc -l)"

q() { printf '%q ' "$@"; }   # shell-quote a command line

# ------------------------------------------------------------ machine info
{
    echo "## Environment"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc = $NPROC"
    echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    # shellcheck source=/dev/null
    echo "- OS: $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [[ $HAVE_DOCKWARD == 1 ]]; then
        echo "- dockward: $("$DOCKWARD" --version 2>&1 | head -n1) ($DOCKWARD, commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), built $(date -u -r "$DOCKWARD" '+%Y-%m-%d %H:%M UTC'))"
    else
        echo "- dockward: not built ($DOCKWARD missing; run \`cargo build --release\`): compose-lint numbers only"
    fi
    echo "- compose-lint: $("$COMPOSE_LINT" --version 2>&1 | head -n1) (pip, $("$BENCH_DIR/.venv/bin/python" --version 2>&1 || python3 --version))"
    if [[ $HAVE_HYPERFINE == 1 ]]; then
        echo "- timer: $(hyperfine --version)"
    else
        echo "- timer: /usr/bin/time loop, 10 ms resolution (hyperfine not used)"
    fi
    echo "- corpus: $NFILES Compose files, $(du -sh "$CORPUS" | cut -f1) ($CORPUS)"
} >"$OUT/machine.md"
cat "$OUT/machine.md"
echo

# ------------------------------------------------------------ measuring
# measure RUNS WARMUP NAME CMD [NAME CMD ...]
#   Times each shell command (run by bash, from the corpus directory) RUNS times,
#   all in ONE hyperfine run when hyperfine is there (its summary compares them);
#   writes OUT/corpus--NAME.json in hyperfine's format.
measure() {
    local runs="$1" warmup="$2"; shift 2
    local args=() names=() i
    while [[ $# -gt 0 ]]; do
        names+=("$1"); args+=(-n "$1" "cd $(q "$CORPUS") && $2"); shift 2
    done
    for i in "${!names[@]}"; do echo "--- ${names[$i]}: ${args[$((3 * i + 2))]}" >&2; done
    if [[ $HAVE_HYPERFINE == 1 ]]; then
        local json
        json="$OUT/corpus--$(IFS=+; echo "${names[*]}").hf.json"
        hyperfine --style basic --shell bash --runs "$runs" --warmup "$warmup" --export-json "$json" "${args[@]}"
        python3 - "$json" "$OUT" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for r in data["results"]:
    json.dump({"results": [r]}, open(f"{sys.argv[2]}/corpus--{r['command']}.json", "w"))
PY
    else
        local t tf times name cmd
        tf="$(mktemp)"
        for i in "${!names[@]}"; do
            name="${names[$i]}"; cmd="${args[$((3 * i + 2))]}"; times=()
            for ((k = 0; k < warmup; k++)); do bash -c "$cmd" >/dev/null 2>&1 || true; done
            for ((k = 0; k < runs; k++)); do
                /usr/bin/time -o "$tf" -f '%e' bash -c "$cmd" >/dev/null 2>&1 || true
                t="$(tail -n1 "$tf")"
                times+=("$t")
                echo "  $name run $((k + 1))/$runs: $t s"
            done
            python3 - "$OUT/corpus--$name.json" "$name" "${times[@]}" <<'PY'
import json, statistics, sys
path, name, *ts = sys.argv[1:]
ts = [float(t) for t in ts]
json.dump({"results": [{"command": name, "mean": statistics.mean(ts),
                        "stddev": statistics.stdev(ts) if len(ts) > 1 else 0.0,
                        "min": min(ts), "max": max(ts), "times": ts}]}, open(path, "w"))
PY
        done
        rm -f "$tf"
    fi
}

# Peak RSS: every compose-lint process runs under /usr/bin/time, appending its
# maximum resident set (KiB) to OUT/corpus--NAME.rss; the report takes the largest.
wrap() { q /usr/bin/time -a -o "$OUT/corpus--$1.rss" -f %M; }
# compose-lint exits 1 (findings) or 2 (parse errors, coverage gaps) on this corpus,
# and xargs turns any 1-125 into 123: both are success here.
# shellcheck disable=SC2016  # expanded by the benchmark's shell, not here
XOK='; r=$?; test $r = 0 -o $r = 123'

# ------------------------------------------------- validation (not timed)
echo "## Checks (not timed)"
echo
if [[ $HAVE_DOCKWARD == 1 ]]; then
    set +e
    (cd "$CORPUS" && /usr/bin/time -a -o "$OUT/corpus--dockward.rss" -f %M "${DW_SCAN[@]}" . >"$OUT/check-dockward.json" 2>/dev/null)
    rc=$?
    set -e
    if ((rc > 2)); then
        echo "dockward scan exited $rc on the corpus (expected 0, 1 or 2)" >&2
        exit 1
    fi
    for _ in 1 2; do   # two more peak-RSS samples
        (cd "$CORPUS" && /usr/bin/time -a -o "$OUT/corpus--dockward.rss" -f %M "${DW_SCAN[@]}" . >/dev/null 2>&1) || true
    done
fi
echo "compose-lint one process: xargs packs the $NFILES files into $NBATCH process(es)"
(cd "$CORPUS" && xargs -0 "$COMPOSE_LINT" "${CL_ARGS[@]}" <"$LIST" >"$OUT/check-one.json" 2>/dev/null) || true
export OUT_PREFIX="$OUT/check-batch"
# shellcheck disable=SC2016  # the inner sh expands $0, $@, $$ and OUT_PREFIX
(cd "$CORPUS" && xargs -0 -n "$CHUNK" -P "$NPROC" sh -c '"$0" "$@" >"$OUT_PREFIX.$$.json" 2>/dev/null; exit 0' \
    "$COMPOSE_LINT" "${CL_ARGS[@]}" <"$LIST") || true
python3 - "$OUT" "$HAVE_DOCKWARD" <<'PY' || true
import collections, glob, json, sys
out, have_dw = sys.argv[1], sys.argv[2] == "1"
def key(f):
    return (f["file"], f.get("graded_file"), f.get("line"), f["rule_id"], f.get("service"), f["message"])
try:
    one = json.load(open(f"{out}/check-one.json"))
except Exception as e:  # noqa: BLE001
    print(f"compose-lint, one process for all files: NO JSON ({e}); see the batch numbers")
    one = None
batch = collections.Counter()
for p in sorted(glob.glob(f"{out}/check-batch.*.json")):
    try:
        batch.update(key(f) for f in json.load(open(p))["findings"])
    except Exception:  # noqa: BLE001
        pass
if one is not None:
    a = collections.Counter(key(f) for f in one["findings"])
    print(f"compose-lint, one process: {sum(a.values())} findings, {len(one.get('errors', []))} errors[]; "
          f"parallel batches: {sum(batch.values())} findings, identical: {'yes' if a == batch else 'NO'}")
if have_dw:
    r = json.load(open(f"{out}/check-dockward.json"))
    print(f"dockward: {len(r.get('findings', []))} findings, {len(r.get('errors', []))} errors[], "
          f"summary {json.dumps(r.get('summary'), sort_keys=True)}")
PY
echo

# ------------------------------------------------------------ timing
echo "## Whole corpus: $NFILES Compose files"
echo
CMDS=()
[[ $HAVE_DOCKWARD == 1 ]] && CMDS+=(dockward "$(q "${DW_SCAN[@]}") . >/dev/null; test \$? -le 2")
CMDS+=(compose-lint-one "xargs -0 $(wrap compose-lint-one)$(q "$COMPOSE_LINT" "${CL_ARGS[@]}") < $(q "$LIST") >/dev/null$XOK")
CMDS+=(compose-lint-batches "xargs -0 -n $CHUNK -P $NPROC $(wrap compose-lint-batches)$(q "$COMPOSE_LINT" "${CL_ARGS[@]}") < $(q "$LIST") >/dev/null$XOK")
measure "$RUNS" 1 "${CMDS[@]}"
if [[ $PER_FILE == 1 ]]; then
    measure "$RUNS_PER_FILE" 0 compose-lint-per-file \
        "xargs -0 -n1 -P $NPROC $(wrap compose-lint-per-file)$(q "$COMPOSE_LINT" "${CL_ARGS[@]}") < $(q "$LIST") >/dev/null$XOK"
fi
echo

# ------------------------------------------------------------ report
{
    cat "$OUT/machine.md"
    python3 - "$OUT" "$NPROC" "$NFILES" "$NBATCH" "$CHUNK" <<'PY'
import json, statistics, sys
from pathlib import Path
out, nproc, nfiles, nbatch, chunk = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
LABELS = {
    "dockward": "dockward scan DIR (one process)",
    "compose-lint-one": f"compose-lint, all files in one process ({nbatch} process)",
    "compose-lint-batches": f"compose-lint, {nproc} processes of {chunk} files in parallel (xargs -n{chunk} -P{nproc})",
    "compose-lint-per-file": f"compose-lint, one process per file, xargs -n1 -P{nproc}",
}
res = {}
for name in LABELS:
    p = out / f"corpus--{name}.json"
    if not p.exists():
        continue
    r = json.loads(p.read_text())["results"][0]
    times = r.get("times") or [r["mean"]]
    rss_f = out / f"corpus--{name}.rss"
    rss = [int(x) for x in (rss_f.read_text().split("\n") if rss_f.exists() else []) if x.strip().isdigit()]
    res[name] = {"mean": r["mean"], "stddev": r.get("stddev") or (statistics.stdev(times) if len(times) > 1 else 0.0),
                 "min": r.get("min", min(times)), "max": r.get("max", max(times)), "runs": len(times),
                 "rss": max(rss) if rss else None}
def ft(s):
    return f"{s:.2f} s" if s >= 1 else f"{s * 1000:.1f} ms"
def fr(k):
    return "-" if k is None else f"{k / 1024:.1f} MiB"
base = res.get("dockward")
if base and base["mean"] <= 0:
    base = None
print(f"\n### Whole corpus ({nfiles} Compose files)\n")
print("| command | mean ± σ | min … max | runs | peak RSS | time / dockward |")
print("|---|---|---|---|---|---|")
for name, r in res.items():
    ratio = "1.00 (baseline)" if name == "dockward" and base else (f"{r['mean'] / base['mean']:.1f}×" if base else "-")
    sd = f" ± {ft(r['stddev'])}" if r["runs"] > 1 else " (1 run)"
    print(f"| {LABELS[name]} | {ft(r['mean'])}{sd} | {ft(r['min'])} … {ft(r['max'])} | {r['runs']} | {fr(r['rss'])} | {ratio} |")
cl = {k: v for k, v in res.items() if k.startswith("compose-lint")}
if cl:
    fastest = min(cl, key=lambda k: cl[k]["mean"])
    line = f"\nFastest compose-lint way: {LABELS[fastest]}, {ft(cl[fastest]['mean'])}"
    if base:
        ratio = cl[fastest]["mean"] / base["mean"]
        line += (f"; compose-lint time / dockward time = {ratio:.1f} (dockward is {ratio:.1f}× faster)" if ratio >= 1
                 else f"; compose-lint time / dockward time = {ratio:.2f} (compose-lint is {1 / ratio:.1f}× faster)")
        one = cl.get("compose-lint-one")
        if one and fastest != "compose-lint-one":
            line += f"; against one compose-lint process: {one['mean'] / base['mean']:.1f}"
    print(line + ".")
    if base and base["rss"]:
        parts = [f"{LABELS[k].split(',')[1].strip()} {fr(v['rss'])} ({v['rss'] / base['rss']:.1f}×)"
                 for k, v in cl.items() if v["rss"]]
        print(f"Peak RSS (largest single process): dockward {fr(base['rss'])}; compose-lint: " + "; ".join(parts) + ".")
PY
    echo
    echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- compose-lint gets the file list in project order (each directory's override files last, so they are merged into the default file as dockward does, not linted alone too) with \`--format json --config <empty>\`; dockward scans the directory and finds the Compose files itself."
    echo "- ratios are compose-lint time / dockward time (higher = dockward faster); peak RSS is the largest single process (dockward: 3 runs outside the timer)"
} >"$OUT/report.md"
echo "=================== paste into docs/benchmarks.md ==================="
cat "$OUT/report.md"
echo "(saved to $OUT/report.md)"
