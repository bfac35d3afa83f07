#!/usr/bin/env bash
# Compare compose-lint and dockward on the shared Compose corpus, rule by rule.
#
# Usage: bench/compare-compose-lint.sh [options passed to bench/compare_compose_lint.py]
#   --reuse-compose-lint      reuse bench/out/compose-lint.json from an earlier run
#   --include-parse-failures  also compare files compose-lint did not lint / dockward did not parse
#   --include-suppressed      count findings marked "suppressed"
#   --cl-order sorted         give compose-lint the files in plain sorted order (it then lints
#                             docker-compose.override.yml alone AND merged); default: project order
#   --compose-lint-arg ARG    extra `compose-lint check` argument (repeatable), e.g. --no-env
#   --preview N               differences shown per rule on stdout (default 10)
# Environment:
#   CORPUS    Compose directory   (default: <repo>/../shared/corpus/compose)
#   DOCKWARD  dockward binary     (default: <repo>/target/release/dockward)
#   OUT       output directory    (default: <repo>/bench/out)
#   DOCKWARD_SCAN_ARGS  extra `dockward scan` arguments (default: --no-config --no-ignore,
#             i.e. defaults only, like compose-lint with an empty config; '' for none)
# Without the dockward binary only the compose-lint side runs (counts, failed files).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$REPO_ROOT"

CORPUS="${CORPUS:-$(dirname "$REPO_ROOT")/shared/corpus/compose}"
DOCKWARD="${DOCKWARD:-$REPO_ROOT/target/release/dockward}"
OUT="${OUT:-$BENCH_DIR/out}"

if [[ ! -d "$CORPUS" ]]; then
    echo "compare-compose-lint: corpus not found at $CORPUS (set CORPUS=...); nothing to compare, skipping." >&2
    exit 0
fi

export PATH="$BENCH_DIR/.venv/bin:$PATH"
if ! command -v compose-lint >/dev/null 2>&1; then
    echo "compare-compose-lint: compose-lint not found; running bench/setup-venv.sh" >&2
    "$BENCH_DIR/setup-venv.sh" >&2
fi
COMPOSE_LINT="$(command -v compose-lint)"

mkdir -p "$OUT"
# An explicit config turns off compose-lint's discovery of .compose-lint.yml /
# .compose-lint.yaml (beside the first file, then up to the repository root):
# an empty mapping = every rule on, default severities.
CL_CONFIG="$OUT/compose-lint-defaults.yml"
printf '{}\n' >"$CL_CONFIG"

DOCKWARD_SCAN_ARGS="${DOCKWARD_SCAN_ARGS---no-config --no-ignore}"
DOCKWARD_ARG=()
if [[ -x "$DOCKWARD" ]]; then
    DOCKWARD_ARG=(--dockward "$DOCKWARD")
    read -r -a _extra <<<"$DOCKWARD_SCAN_ARGS"
    for a in ${_extra[@]+"${_extra[@]}"}; do DOCKWARD_ARG+=("--dockward-arg=$a"); done
else
    echo "compare-compose-lint: no dockward binary at $DOCKWARD (cargo build --release); compose-lint side only." >&2
fi

# Colour and pager settings do not change JSON output; set them anyway.
export NO_COLOR=1 NO_PAGER=1
exec python3 "$BENCH_DIR/compare_compose_lint.py" \
    --corpus "$CORPUS" --out "$OUT" --repo "$REPO_ROOT" \
    --compose-lint "$COMPOSE_LINT" --compose-lint-config "$CL_CONFIG" \
    ${DOCKWARD_ARG[@]+"${DOCKWARD_ARG[@]}"} "$@"
