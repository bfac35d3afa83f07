#!/usr/bin/env bash
# Compare hadolint and dockward on the shared Dockerfile corpus, rule by rule.
#
# Usage: bench/compare-hadolint.sh [options passed to bench/compare_hadolint.py]
#   --reuse-hadolint          reuse bench/out/hadolint.json from an earlier run
#   --include-parse-failures  also compare files hadolint/dockward did not parse
#   --include-suppressed      count dockward findings marked "suppressed"
#   --dockward-dir            scan the corpus directory instead of the file list
#   --chunk N / --jobs N      hadolint files per process / processes at once
# Environment:
#   CORPUS    Dockerfile directory (default: <repo>/../shared/corpus/dockerfiles)
#   DOCKWARD  dockward binary     (default: <repo>/target/release/dockward)
#   OUT       output directory    (default: <repo>/bench/out)
#   DOCKWARD_SCAN_ARGS  extra `dockward scan` arguments (default: --no-config --no-ignore,
#             i.e. defaults only, like hadolint with an empty config; '' for none)
# Without the dockward binary only the hadolint side runs (counts, DL1000 list).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$REPO_ROOT"

CORPUS="${CORPUS:-$(dirname "$REPO_ROOT")/shared/corpus/dockerfiles}"
DOCKWARD="${DOCKWARD:-$REPO_ROOT/target/release/dockward}"
OUT="${OUT:-$BENCH_DIR/out}"

if [[ ! -d "$CORPUS" ]]; then
    echo "compare-hadolint: corpus not found at $CORPUS (set CORPUS=...); nothing to compare, skipping." >&2
    exit 0
fi

export PATH="$BENCH_DIR/.venv/bin:$PATH"
if ! command -v hadolint >/dev/null 2>&1; then
    echo "compare-hadolint: hadolint not found; running bench/setup-venv.sh" >&2
    "$BENCH_DIR/setup-venv.sh" >&2
fi
HADOLINT="$(command -v hadolint)"

mkdir -p "$OUT"
# An explicit config file turns off hadolint's config discovery (.hadolint.yaml in
# the cwd, ~/.config/hadolint.yaml, ...). `--config /dev/null` also runs the
# defaults but prints a config parse error per file, so use a valid, empty config.
HADOLINT_CONFIG="$OUT/hadolint-defaults.yaml"
printf 'ignored: []\n' >"$HADOLINT_CONFIG"

DOCKWARD_SCAN_ARGS="${DOCKWARD_SCAN_ARGS---no-config --no-ignore}"
DOCKWARD_ARG=()
if [[ -x "$DOCKWARD" ]]; then
    DOCKWARD_ARG=(--dockward "$DOCKWARD")
    read -r -a _extra <<<"$DOCKWARD_SCAN_ARGS"
    for a in ${_extra[@]+"${_extra[@]}"}; do DOCKWARD_ARG+=("--dockward-arg=$a"); done
else
    echo "compare-hadolint: no dockward binary at $DOCKWARD (cargo build --release); hadolint side only." >&2
fi

# HADOLINT_* variables (HADOLINT_IGNORE, HADOLINT_NOFAIL, ...) would change the
# rules; the helper removes them from hadolint's environment.
exec python3 "$BENCH_DIR/compare_hadolint.py" \
    --corpus "$CORPUS" --out "$OUT" \
    --hadolint "$HADOLINT" --hadolint-config "$HADOLINT_CONFIG" \
    ${DOCKWARD_ARG[@]+"${DOCKWARD_ARG[@]}"} "$@"
